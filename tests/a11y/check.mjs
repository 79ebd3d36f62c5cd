// Check HTML pages in ONE headless Debian Chromium, driven by playwright-core (no browser of
// Playwright's own). Called by tests/test_accessibility.py and tests/a11y/screenshots.py:
//
//   node tests/a11y/check.mjs job.json  > report.json
//
// job.json: {"pages": [{"name": "public/x.html", "path": "/abs/x.html"}, ...],
//            "axe": "/abs/node_modules/axe-core/axe.min.js", "tags": ["wcag2a", ...],
//            "screenshots": "/abs/dir" or null, "widths": [1280, 360]}
// report:   {"pages": [{"name", "violations": [...], "scrollWidth320", "print": {...},
//            "screenshots": [...]}]}
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const PHONE = 320;

// The flags the machine needs: without the background-networking ones Chromium keeps trying
// Google's hosts, which this closed network refuses. A new, empty profile every run.
const profile = mkdtempSync(join(tmpdir(), "kokous-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-quic",
  ],
  viewport: { width: 1280, height: 900 },
  // file:// pages only: nothing may leave the machine.
  offline: true,
});

const report = { chromium: context.browser()?.version() ?? null, pages: [] };
try {
  const page = context.pages()[0] ?? (await context.newPage());
  for (const { name, path } of job.pages) {
    const result = { name, violations: [], incomplete: 0 };
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ media: "screen" });
    await page.goto(pathToFileURL(path).href, { waitUntil: "load" });

    // WCAG 2.1 A and AA with axe-core.
    await page.addScriptTag({ path: job.axe });
    const axe = await page.evaluate(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
      return {
        violations: r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
        })),
        incomplete: r.incomplete.map((v) => v.id),
      };
    }, job.tags);
    result.violations = axe.violations;
    result.incomplete = axe.incomplete;

    if (job.screenshots) {
      result.screenshots = [];
      for (const width of job.widths) {
        await page.setViewportSize({ width, height: 900 });
        const file = join(job.screenshots, `${name.replaceAll("/", "__")}.${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        result.screenshots.push(file);
      }
    }

    // Phone width: nothing may scroll sideways (WCAG 1.4.10 Reflow).
    await page.setViewportSize({ width: PHONE, height: 640 });
    result.scrollWidth320 = await page.evaluate(() => {
      const root = document.documentElement;
      const wide = [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
        .filter((el) => !el.closest("[data-scroll]"))
        .slice(0, 5)
        .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
      return { scrollWidth: root.scrollWidth, wide };
    });

    // Print: the stylesheet hides navigation and prints where links lead.
    await page.emulateMedia({ media: "print" });
    result.print = await page.evaluate(() => {
      // A linked stylesheet (the desk's search box) is another origin under file://: its
      // rules cannot be read, and the print rules are in the page's own stylesheet anyway.
      const readable = [...document.styleSheets].filter((sheet) => {
        try {
          return sheet.cssRules !== null;
        } catch {
          return false;
        }
      });
      const hasPrintRules = readable.some((sheet) =>
        [...sheet.cssRules].some((rule) => rule.media && [...rule.media].includes("print")));
      const navShown = [...document.querySelectorAll("nav")]
        .filter((el) => getComputedStyle(el).display !== "none").length;
      const links = [...document.querySelectorAll("main a[href^='http'], main a[href^='mailto:']")];
      const linksWithoutUrl = links
        .filter((a) => !getComputedStyle(a, "::after").content.includes(a.getAttribute("href")))
        .map((a) => a.getAttribute("href"));
      return { hasPrintRules, navShown, links: links.length, linksWithoutUrl };
    });
    report.pages.push(result);
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(report, null, 1));
