// Times what a reader waits for before the first result, in Node: reading and parsing the
// index, registering the pipeline, lunr.Index.load and one query. Prints JSON.
// Usage: node search_load.cjs <search-index.json> <query> [repeats]
"use strict";
const fs = require("fs");
const path = require("path");
const { performance } = require("perf_hooks");
const lunr = require("lunr");
require("lunr-languages/lunr.stemmer.support")(lunr);
require("lunr-languages/lunr.fr")(lunr);
const pipeline = require(path.join(__dirname, "..", "..", "theme", "static", "js", "search-pipeline.js"));

const [file, query, repeats = "5"] = process.argv.slice(2);
const text = fs.readFileSync(file, "utf8"); // the download itself is measured in bytes
const timings = [];
let hits = 0;
for (let i = 0; i < Number(repeats); i++) {
  const start = performance.now();
  const payload = JSON.parse(text);
  const analyser = pipeline.register(lunr, payload.lang, payload.stopwords);
  const index = pipeline.loadPackedIndex(lunr, payload.index);
  const loaded = performance.now();
  hits = pipeline.search(lunr, index, analyser, query, false).length;
  const answered = performance.now();
  timings.push({ load: loaded - start, query: answered - loaded, total: answered - start });
}
const median = (key) => timings.map((t) => t[key]).sort((a, b) => a - b)[Math.floor(timings.length / 2)];
process.stdout.write(JSON.stringify({ load_ms: median("load"), query_ms: median("query"), total_ms: median("total"), hits }));
