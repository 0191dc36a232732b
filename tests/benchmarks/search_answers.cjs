// The project's search, run as the reader's browser runs it: the site's own files
// (search-index.json, search-documents.json) loaded with the site's own pipeline
// (theme/static/js/search-pipeline.js) and lunr.js, then every query. When the site's
// index format changes (sharding, documents fetched per result), this harness follows
// search.js; the reference in search_answers.py does not change.
// Usage: node search_answers.cjs <requests.json>
//   requests: {"sites": {"fr": "<folder>", "en": "<folder>"}, "queries": [{"lang", "text", "typing"}]}
// Output: {"results": [[[url, score], ...], ...]}
"use strict";
const fs = require("fs");
const path = require("path");
const lunr = require("lunr");
require("lunr-languages/lunr.stemmer.support")(lunr);
require("lunr-languages/lunr.fr")(lunr);
const pipeline = require(path.join(__dirname, "..", "..", "theme", "static", "js", "search-pipeline.js"));

const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
const request = readJson(process.argv[2]);
const loaded = {};
for (const [lang, folder] of Object.entries(request.sites)) {
  const payload = readJson(path.join(folder, "search-index.json"));
  const analyser = pipeline.register(lunr, payload.lang, payload.stopwords);
  const index = payload.index ? pipeline.loadPackedIndex(lunr, payload.index) : null;
  const documents = readJson(path.join(folder, "search-documents.json")).documents;
  loaded[lang] = { analyser, index, documents };
}
const results = request.queries.map(({ lang, text, typing }) => {
  const { analyser, index, documents } = loaded[lang];
  return pipeline.search(lunr, index, analyser, text, typing)
    .map((result) => [documents[Number(result.ref)].url, result.score]);
});
process.stdout.write(JSON.stringify({ results }));
