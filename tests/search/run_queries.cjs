// Runs a table of queries against a built site's sharded search files with lunr.js and the
// site's own pipeline, exactly as the browser does (createSearcher, reading files instead
// of fetching them), and prints the results as JSON.
// Usage: node run_queries.cjs <requests.json>
//   requests: {"indexes": {"fr": "<manifest path>", ...}, "queries": [{"lang", "text", "typing"}],
//              "vocabulary": {"fr": [...words], ...}, "suggest": [{"lang", "text"}]}
// Output: {"results": [[[ref, score, url], ...], ...], "stems": {"fr": {word: stem}, ...},
//          "read": [[files read per query], ...], "suggestions": [...]}
"use strict";
const fs = require("fs");
const path = require("path");
const lunr = require("lunr");
require("lunr-languages/lunr.stemmer.support")(lunr);
require("lunr-languages/lunr.fr")(lunr);
const pipeline = require(path.join(__dirname, "..", "..", "theme", "static", "js", "search-pipeline.js"));

async function main() {
  const request = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const loaded = {};
  let read = [];
  for (const [lang, file] of Object.entries(request.indexes)) {
    const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
    const folder = path.dirname(file);
    loaded[lang] = pipeline.createSearcher(lunr, manifest, async (name) => {
      read.push(name);
      return JSON.parse(fs.readFileSync(path.join(folder, name), "utf8"));
    });
  }
  const results = [];
  const reads = [];
  for (const { lang, text, typing } of request.queries) {
    read = [];
    const found = await loaded[lang].search(text, typing);
    const docs = await loaded[lang].documents(found.results.map((r) => r.ref));
    results.push(found.results.map((r, i) => [r.ref, r.score, docs[i].url]));
    reads.push(read);
  }
  const stems = {};
  for (const [lang, words] of Object.entries(request.vocabulary || {})) {
    const { analyser } = loaded[lang];
    stems[lang] = Object.fromEntries(words.map((w) => [w, analyser.analyse(w)]));
  }
  const suggestions = [];
  for (const { lang, text } of request.suggest || []) {
    suggestions.push(await loaded[lang].suggestions(text));
  }
  process.stdout.write(JSON.stringify({ results, stems, read: reads, suggestions }));
}

main().catch((error) => { console.error(error); process.exit(1); });
