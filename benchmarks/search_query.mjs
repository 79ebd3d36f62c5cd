// Time Pagefind's search as the desk's box runs it, in node: each query's words replaced by
// their lemmas from the bundle's fi-lemmas shards (read and parsed per query, as a fresh page
// would fetch them), then pagefind.search and the first five results' data loaded (the search
// box's first page).
//   node search_query.mjs <bundle folder> <fi|fi-plain|sv|en> <rounds> <term>...
// prints {"queries": n, "median_ms": …, "max_ms": …, "shard_bytes_median": …}.
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

const [bundle, mode, rounds, ...terms] = process.argv.slice(2);
// "fi" rewrites the query by the lookup; "fi-plain" is Pagefind alone.
const lang = mode.split("-")[0];
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
await pagefind.options({ basePath: base, baseUrl: "/" });
await pagefind.search("warm");  // the wasm and the language's metadata, loaded once per page

const shardOf = (w) => Array.from(w).slice(0, 2).map((c) => c.codePointAt(0).toString(16)).join("-");
async function lemmaQuery(term) {
  const words = term.toLowerCase().match(/[\p{L}]+(?:[-'’][\p{L}]+)*/gu) || [];
  let bytes = 0;
  const out = [];
  for (const w of words) {
    let table = {};
    try {
      const data = await readFile(new URL(`fi-lemmas/${shardOf(w)}.json`, base));
      bytes += data.length;
      table = JSON.parse(data);
    } catch {}
    const v = table[w];
    out.push(!v ? w : typeof v === "string" ? v : Object.keys(v).sort((a, b) => v[b] - v[a])[0]);
  }
  return [out.join(" "), bytes];
}
const times = [];
const shardBytes = [];
const counts = [];
for (let r = 0; r < Number(rounds); r++) {
  for (const term of terms) {
    const start = performance.now();
    const [query, bytes] = mode === "fi" ? await lemmaQuery(term) : [term, 0];
    const search = await pagefind.search(query);
    // The first page of results, as the search box shows them (five at a time).
    await Promise.all(search.results.slice(0, 5).map((x) => x.data()));
    times.push(performance.now() - start);
    counts.push(search.results.length);
    shardBytes.push(bytes);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(JSON.stringify({
  queries: times.length,
  results_median: median(counts),
  median_ms: Number(median(times).toFixed(1)),
  max_ms: Number(Math.max(...times).toFixed(1)),
  shard_bytes_median: median(shardBytes),
}));
