// The project's search, run as the reader's browser runs it: the site's own files (the
// manifest search-index.json, then only the shards each query needs and the result data)
// loaded with the site's own pipeline (theme/static/js/search-pipeline.js, createSearcher)
// and lunr.js, then every query. The reference in search_answers.py does not depend on it.
// Usage: node search_answers.cjs <requests.json>
//   requests: {"sites": {"fr": "<folder>", "en": "<folder>"}, "queries": [{"lang", "text", "typing"}]}
// Output: {"results": [[[url, score], ...], ...], "shards": [shards read per query, ...]}
"use strict";
const fs = require("fs");
const path = require("path");
const lunr = require("lunr");
require("lunr-languages/lunr.stemmer.support")(lunr);
require("lunr-languages/lunr.fr")(lunr);
const pipeline = require(path.join(__dirname, "..", "..", "theme", "static", "js", "search-pipeline.js"));

async function main() {
  const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
  const request = readJson(process.argv[2]);
  const searchers = {};
  let shardsRead = 0;
  for (const [lang, folder] of Object.entries(request.sites)) {
    const manifest = readJson(path.join(folder, "search-index.json"));
    searchers[lang] = pipeline.createSearcher(lunr, manifest, async (name) => {
      if (name.includes("/s-")) { shardsRead += 1; }
      return readJson(path.join(folder, name));
    });
  }
  const results = [];
  const shards = [];
  for (const { lang, text, typing } of request.queries) {
    shardsRead = 0;
    const found = await searchers[lang].search(text, typing);
    const docs = await searchers[lang].documents(found.results.map((r) => r.ref));
    results.push(found.results.map((r, i) => [docs[i].url, r.score]));
    shards.push(shardsRead);
  }
  process.stdout.write(JSON.stringify({ results, shards }));
}

main().catch((error) => { console.error(error); process.exit(1); });
