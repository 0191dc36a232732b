// Runs a table of queries against built search indexes with lunr.js and the site's own
// pipeline, exactly as the browser does, and prints the results as JSON.
// Usage: node run_queries.cjs <requests.json>
//   requests: {"indexes": {"fr": "<path>", ...}, "queries": [{"lang", "text", "typing"}],
//              "vocabulary": {"fr": [...words], ...}}
// Output: {"results": [[refs...], ...], "stems": {"fr": {word: stem}, ...}}
"use strict";
const fs = require("fs");
const path = require("path");
const lunr = require("lunr");
require("lunr-languages/lunr.stemmer.support")(lunr);
require("lunr-languages/lunr.fr")(lunr);
const pipeline = require(path.join(__dirname, "..", "..", "theme", "static", "js", "search-pipeline.js"));

const request = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const loaded = {};
for (const [lang, file] of Object.entries(request.indexes)) {
  const payload = JSON.parse(fs.readFileSync(file, "utf8"));
  const analyser = pipeline.register(lunr, payload.lang, payload.stopwords);
  const index = payload.index ? pipeline.loadPackedIndex(lunr, payload.index) : null;
  loaded[lang] = { analyser, index };
}
const results = request.queries.map(({ lang, text, typing }) => {
  const { analyser, index } = loaded[lang];
  return pipeline.search(lunr, index, analyser, text, typing).map((r) => r.ref);
});
const stems = {};
for (const [lang, words] of Object.entries(request.vocabulary || {})) {
  const { analyser } = loaded[lang];
  stems[lang] = Object.fromEntries(words.map((w) => [w, analyser.analyse(w)]));
}
process.stdout.write(JSON.stringify({ results, stems }));
