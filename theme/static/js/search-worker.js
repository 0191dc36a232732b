/*
 * The searches of search.js, off the page's main thread: however many stories a frequent
 * word or a short prefix matches, building its lunr.Index and querying it never blocks the
 * page. The page sends each language's manifest once ("load"), then queries ("search") and
 * "did you mean" requests ("suggest"); this worker fetches the shards they need (see
 * search-pipeline.js, createSearcher) and answers with refs and scores only.
 *
 * Messages in: {type: "init", scripts: [lunr, pipeline URLs], french: [stemmer support,
 *   lunr.fr URLs]} (the French stemmer is loaded with the first French manifest),
 *   {id, type: "load", index: manifest URL, manifest},
 *   {id, type: "search", index, text, typing}, {id, type: "suggest", index, text}.
 * Messages out: {id, result} or {id, error}.
 */
/* global importScripts */
"use strict";

var searchers = new Map();
var latest = new Map();  // index -> id of the newest search asked
var french = [];

function read(base) {
  return function (name) {
    var url = new URL(name, base).href;
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    });
  };
}

function answer(message) {
  var pipeline = self.BriefingSearchPipeline;
  if (message.type === "load") {
    if (message.manifest.lang === "fr" && !self.lunr.fr) { importScripts.apply(self, french); }
    if (!searchers.has(message.index)) {
      searchers.set(message.index, pipeline.createSearcher(self.lunr, message.manifest, read(message.index)));
    }
    return Promise.resolve(true);
  }
  var searcher = searchers.get(message.index);
  if (!searcher) { return Promise.reject(new Error("search: no index loaded for " + message.index)); }
  if (message.type === "search") {
    // The reader types faster than a big query runs: a query overtaken by a newer one for
    // the same index is dropped as soon as its shards are in.
    latest.set(message.index, message.id);
    var current = function () { return latest.get(message.index) === message.id; };
    return searcher.search(message.text, message.typing, current).then(function (found) {
      return {
        terms: found.terms,
        stale: Boolean(found.stale),
        results: found.results.map(function (result) { return [result.ref, result.score]; })
      };
    });
  }
  if (message.type === "suggest") { return searcher.suggestions(message.text); }
  return Promise.reject(new Error("search: unknown request " + message.type));
}

self.onmessage = function (event) {
  var message = event.data;
  if (message.type === "init") {
    importScripts.apply(self, message.scripts);
    french = message.french;
    return;
  }
  answer(message).then(function (result) {
    self.postMessage({ id: message.id, result: result });
  }, function (error) {
    self.postMessage({ id: message.id, error: String(error && error.message || error) });
  });
};
