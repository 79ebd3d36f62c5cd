// Search through a desk page in Chromium, as a reader does: type the query into the search
// box, wait for Pagefind's results, print their links as JSON.
//   node desk_search_ui.mjs <page URL> <query>
import { chromium } from "playwright-core";

const [url, query] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
try {
  const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
  await page.goto(url);
  await page.fill(".pagefind-ui__search-input", query);
  await page.waitForSelector(".pagefind-ui__result-link", { timeout: 30000 });
  // Results arrive in one batch after the search settles; give it a moment to finish, then
  // show every page of them ("Show more results" adds five at a time).
  await page.waitForTimeout(500);
  while (await page.$(".pagefind-ui__button")) {
    await page.click(".pagefind-ui__button");
    await page.waitForTimeout(300);
  }
  const links = await page.$$eval(".pagefind-ui__result-link", (as) => as.map((a) => a.href));
  console.log(JSON.stringify(links));
} finally {
  await browser.close();
}
