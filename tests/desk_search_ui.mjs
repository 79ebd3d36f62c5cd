// Search through a desk page in Chromium, as a reader does: type each query into the search
// box, wait for Pagefind's results, print every result's link (absolute URL) as JSON (and
// fail if a result shows the lemma annotations of the Finnish index):
//   node desk_search_ui.mjs <page URL> <query>...   ->   {"<query>": ["http://…", …], …}
import { chromium } from "playwright-core";

const [url, ...queries] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox"],
});

// The results of the query now in the box: its message names the query as typed, the lemma
// shards it needed have arrived (kokousSearchPending, templates/desk/search.js), and the list
// has stopped changing (the search runs again once a shard is there).
async function settledLinks(page, query) {
  await page.waitForFunction(
    (q) => (document.querySelector(".pagefind-ui__message")?.textContent ?? "").includes(q),
    query,
    { timeout: 30000 },
  );
  let last = null;
  for (let stable = 0; stable < 3; ) {
    await page.waitForTimeout(300);
    while (await page.$(".pagefind-ui__button")) {
      await page.click(".pagefind-ui__button");
      await page.waitForTimeout(300);
    }
    const links = await page.$$eval(".pagefind-ui__result-link", (as) => as.map((a) => a.href));
    const pending = await page.evaluate(() => window.kokousSearchPending ?? 0);
    const now = JSON.stringify(links);
    stable = now === last && pending === 0 ? stable + 1 : 0;
    last = now;
  }
  // What a reader sees of the results never shows the index's lemma annotations (⟨…⟩).
  const shown = await page.$eval(".pagefind-ui", (ui) => ui.innerText);
  if (/[⟨⟩]/.test(shown)) throw new Error(`annotation shown for ${query}: ${shown.slice(0, 500)}`);
  return JSON.parse(last);
}

try {
  const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
  page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
  await page.goto(url);
  const found = {};
  for (const query of queries) {
    await page.fill(".pagefind-ui__search-input", query);
    found[query] = await settledLinks(page, query);
  }
  console.log(JSON.stringify(found));
} finally {
  await browser.close();
}
