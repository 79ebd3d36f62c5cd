// Query a built Pagefind bundle the way the desk's search box does, from node.
//   node pagefind_query.mjs <bundle folder> <language> <term>...
// prints {"<term>": [{"url": "/tyonvk/…/press-release.fi.html", "excerpt": "…"}, …], …}.
// Pagefind's search API (pagefind.js in the bundle) fetches its index files by URL: here a
// file: URL, which node's fetch does not serve, so fetch reads those from disk. It picks the
// language's index by <html lang>, which node has no page for: a stand-in document says it.
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

const [bundle, lang, ...terms] = process.argv.slice(2);
const webFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = new URL(typeof input === "string" ? input : String(input.url ?? input));
  if (url.protocol !== "file:") return webFetch(input, init);
  return new Response(await readFile(fileURLToPath(url)));
};
globalThis.document = {
  currentScript: null,
  querySelector: (selector) => (selector === "html" ? { getAttribute: () => lang } : null),
};

const base = pathToFileURL(bundle.endsWith("/") ? bundle : `${bundle}/`).href;
const pagefind = await import(`${base}pagefind.js`);
// Result URLs relative to the site root, as the index stores them.
await pagefind.options({ basePath: base, baseUrl: "/" });
const found = {};
for (const term of terms) {
  const search = await pagefind.search(term);
  found[term] = [];
  for (const result of search.results) {
    const data = await result.data();
    found[term].push({ url: data.url, excerpt: data.excerpt });
  }
}
console.log(JSON.stringify(found));
