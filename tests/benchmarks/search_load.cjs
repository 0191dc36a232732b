// Times what a reader waits for before the first result, in Node: reading and parsing the
// manifest, registering the pipeline, loading the shards the query needs, building the
// lunr.Index of its terms, the query, and the result data of the first ten results.
// Prints JSON (medians of `repeats` fresh starts; files are read from disk, so the
// download itself is measured in bytes, not here).
// Usage: node search_load.cjs <search-index.json> <query> [repeats]
"use strict";
const fs = require("fs");
const path = require("path");
const { performance } = require("perf_hooks");
const lunr = require("lunr");
require("lunr-languages/lunr.stemmer.support")(lunr);
require("lunr-languages/lunr.fr")(lunr);
const pipeline = require(path.join(__dirname, "..", "..", "theme", "static", "js", "search-pipeline.js"));

async function main() {
  const [file, query, repeats = "5"] = process.argv.slice(2);
  const folder = path.dirname(file);
  const timings = [];
  let hits = 0;
  let bytes = 0;
  for (let i = 0; i < Number(repeats); i++) {
    bytes = 0;
    const read = async (name) => {
      const text = fs.readFileSync(path.join(folder, name), "utf8");
      bytes += Buffer.byteLength(text);
      return JSON.parse(text);
    };
    const start = performance.now();
    const manifestText = fs.readFileSync(file, "utf8");
    bytes += Buffer.byteLength(manifestText);
    const searcher = pipeline.createSearcher(lunr, JSON.parse(manifestText), read);
    const loaded = performance.now();
    const found = await searcher.search(query, false);
    const answered = performance.now();
    await searcher.documents(found.results.slice(0, 10).map((r) => r.ref));
    const shown = performance.now();
    hits = found.results.length;
    timings.push({ load: loaded - start, query: answered - loaded, total: shown - start });
  }
  const median = (key) => timings.map((t) => t[key]).sort((a, b) => a - b)[Math.floor(timings.length / 2)];
  process.stdout.write(JSON.stringify({
    load_ms: median("load"), query_ms: median("query"), total_ms: median("total"), hits, raw_bytes: bytes
  }));
}

main().catch((error) => { console.error(error); process.exit(1); });
