/*
 * The search text pipeline, mirroring plugins/briefing/search_text.py line for line, so a
 * query typed here meets exactly the terms lunr.py indexed at build time:
 *   tokenize: lowercase, fold accents and ligatures, split on anything but letters/digits;
 *   stop words: the list shipped with the index (it includes French elided forms);
 *   stemming after folding: lunr-languages' French stemmer, lunr.js's Porter for English.
 * Queries are built here: every word required, stop words dropped first, and a trailing
 * "*" (or the word still being typed) matched as a prefix once its stem has MIN_PREFIX
 * letters (shorter, as a whole word).
 *
 * The index comes in shards (plugins/briefing/search_shards.py): createSearcher loads the
 * manifest's shards a query needs, builds a lunr.Index holding just the terms the query
 * asks for (lunr's scores are sums over the query's terms, so they are exactly those of
 * the whole index), and lets lunr.js answer. Result data (title, URL, date, summary) and
 * passages come in small files, fetched only for the results shown.
 *
 * Works in the browser (window.BriefingSearchPipeline) and in Node (module.exports).
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.BriefingSearchPipeline = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var LIGATURES = { "œ": "oe", "æ": "ae", "ß": "ss" };
  var WORD_RE = /[\p{L}\p{N}]+/gu;
  var QUERY_WORD_RE = /[\p{L}\p{N}]+\*?/gu;
  var MIN_PREFIX = 4;  // search_text.MIN_PREFIX
  var NO_METADATA = Object.freeze({});  // lunr only reads a posting's metadata

  function fold(text) {
    return text
      .toLowerCase()
      .replace(/[œæß]/g, function (c) { return LIGATURES[c]; })
      .normalize("NFD")
      .replace(/\p{Mn}/gu, "")
      .normalize("NFC")
      // Outside the BMP, JavaScript and Python sort strings differently; no word of
      // French or English news needs those characters.
      .replace(/[\u{10000}-\u{10FFFF}]/gu, " ");
  }

  function tokenize(text) {
    return fold(text).match(WORD_RE) || [];
  }

  function stopwordLabel(lang) { return "briefing-stopwords-" + lang; }
  function stemmerLabel(lang) { return "briefing-stemmer-" + lang; }

  /* The stemmer of one folded word; lunr.fr must be loaded for French. */
  function wordStemmer(lunr, lang) {
    var stemToken = lang === "fr" ? lunr.fr.stemmer : lunr.stemmer;
    return function (word) { return stemToken(new lunr.Token(word)).toString(); };
  }

  /*
   * Register the language's pipeline functions under the labels the serialised index
   * names (before lunr.Index.load) and return the analyser used to build queries.
   */
  function register(lunr, lang, stopwordList) {
    var stopwords = new Set(stopwordList);
    var stem = wordStemmer(lunr, lang);
    var registered = lunr.Pipeline.registeredFunctions;
    if (!registered[stopwordLabel(lang)]) {
      var dropStopword = function (token) {
        return stopwords.has(token.toString()) ? undefined : token;
      };
      var stemToken = function (token) {
        return token.update(function (word) { return stem(word); });
      };
      lunr.Pipeline.registerFunction(dropStopword, stopwordLabel(lang));
      lunr.Pipeline.registerFunction(stemToken, stemmerLabel(lang));
    }
    // Memoised: highlighting analyses every word of the passages shown, again and again.
    var analysed = new Map();
    return {
      lang: lang,
      analyse: function (word) {
        if (!analysed.has(word)) { analysed.set(word, stopwords.has(word) ? null : stem(word)); }
        return analysed.get(word);
      },
      stem: stem
    };
  }

  /* The terms a reader's query asks for; with `typing`, the last word is a prefix. */
  function queryTerms(analyser, text, typing) {
    var words = fold(text).match(QUERY_WORD_RE) || [];
    var stillTyping = Boolean(typing) && text.length > 0 && !/\s$/.test(text);
    var result = [];
    words.forEach(function (word, position) {
      var explicit = word.slice(-1) === "*";
      word = word.replace(/\*+$/, "");
      if (explicit || (stillTyping && position === words.length - 1)) {
        var stem = analyser.stem(word);
        if (stem.length >= MIN_PREFIX) {
          result.push({ term: stem, prefix: true });
          return;
        }
      }
      var term = analyser.analyse(word);
      if (term) { result.push({ term: term, prefix: false }); }
    });
    return result;
  }

  /* Refs and scores of the documents matching a query, best first. */
  function search(lunr, index, analyser, text, typing) {
    return runQuery(lunr, index, queryTerms(analyser, text, typing));
  }

  function runQuery(lunr, index, terms) {
    if (terms.length === 0 || !index) { return []; }
    return index.query(function (query) {
      terms.forEach(function (item) {
        query.term(item.term, {
          usePipeline: false,
          wildcard: item.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
          presence: lunr.Query.presence.REQUIRED
        });
      });
    });
  }

  /* Levenshtein distance, to rank the index's close spellings of a word. */
  function distance(a, b) {
    var previous = [];
    for (var j = 0; j <= b.length; j += 1) { previous.push(j); }
    for (var i = 1; i <= a.length; i += 1) {
      var current = [i];
      for (var k = 1; k <= b.length; k += 1) {
        current.push(Math.min(previous[k] + 1, current[k - 1] + 1,
          previous[k - 1] + (a[i - 1] === b[k - 1] ? 0 : 1)));
      }
      previous = current;
    }
    return previous[b.length];
  }

  /*
   * For a query that found nothing: each word's closest term among `known` (a lunr.TokenSet
   * of the commonest terms), with lunr's own fuzzy matching (edit distance 1, 2 past five
   * letters). `has(term)` says whether the index holds a term. Returns [{word, term, known}]
   * or null when no word has a close spelling.
   */
  function suggest(lunr, known, has, analyser, text) {
    var words = fold(text).match(WORD_RE) || [];
    var changed = false;
    var result = words.map(function (word) {
      var term = analyser.analyse(word);
      if (term === null || has(term)) { return { word: word, term: term, known: true }; }
      var candidates = lunr.TokenSet.fromFuzzyString(term, term.length > 5 ? 2 : 1)
        .intersect(known).toArray();
      if (candidates.length === 0) { return { word: word, term: null, known: false }; }
      candidates.sort(function (a, b) { return distance(term, a) - distance(term, b) || (a < b ? -1 : 1); });
      changed = true;
      return { word: word, term: candidates[0], known: false };
    });
    return changed ? result : null;
  }

  /*
   * Split `text` into parts, marking the words a query matched, so the interface can
   * highlight them with text nodes (never HTML).
   */
  function highlight(analyser, text, queryTermList) {
    var parts = [];
    var last = 0;
    var re = /[\p{L}\p{N}]+/gu;
    var match;
    // Stemming keeps a word's first two letters: a word that starts otherwise than every
    // query term cannot match, and is not stemmed (stemming is most of the work).
    var heads = queryTermList.map(function (item) { return item.term.slice(0, 2); });
    while ((match = re.exec(text)) !== null) {
      var word = fold(match[0]);
      if (!heads.some(function (head) { return word.slice(0, head.length) === head; })) { continue; }
      var term = analyser.analyse(word);
      var hit = queryTermList.some(function (item) {
        if (item.prefix) {
          return (term || word).indexOf(item.term) === 0 || word.indexOf(item.term) === 0;
        }
        return term === item.term;
      });
      if (hit) {
        if (match.index > last) { parts.push({ text: text.slice(last, match.index), mark: false }); }
        parts.push({ text: match[0], mark: true });
        last = match.index + match[0].length;
      }
    }
    if (last < text.length) { parts.push({ text: text.slice(last), mark: false }); }
    return parts;
  }

  /* The shards (by number) holding `item.term`, or every term starting with it. */
  function shardsFor(keys, item) {
    var low = 0;
    var high = keys.length - 1;
    var first = 0;
    while (low <= high) {  // the last shard whose first key is not after the term
      var middle = (low + high) >> 1;
      if (keys[middle] <= item.term) { first = middle; low = middle + 1; } else { high = middle - 1; }
    }
    var numbers = [first];
    if (item.prefix) {
      for (var n = first + 1; n < keys.length && (keys[n] < item.term || keys[n].indexOf(item.term) === 0); n += 1) {
        numbers.push(n);
      }
    }
    return numbers;
  }

  /*
   * A lunr.Index holding only `postings` (term -> per field [gap, score x 1000, …]): the
   * terms sorted as lunr's TokenSet needs them, numbered in that order (the whole index's
   * order, so lunr sums a document's score in the same order), the inverted index and the
   * field vectors of those terms.
   */
  function partialIndex(lunr, manifest, postings) {
    var terms = Array.from(postings.keys()).sort();
    var fields = manifest.fields;
    var invertedIndex = Object.create(null);
    var elements = Object.create(null);
    terms.forEach(function (term, number) {
      var lists = postings.get(term);
      var posting = { _index: number };
      fields.forEach(function (field, fieldNumber) {
        var encoded = lists[fieldNumber];
        var documents = {};
        var documentNumber = -1;
        for (var position = 0; position < encoded.length; position += 2) {
          documentNumber += encoded[position] + 1;
          documents[documentNumber] = NO_METADATA;
          var key = field + "/" + documentNumber;
          (elements[key] || (elements[key] = [])).push(number, encoded[position + 1] / 1000);
        }
        posting[field] = documents;
      });
      invertedIndex[term] = posting;
    });
    var fieldVectors = Object.create(null);
    Object.keys(elements).forEach(function (key) { fieldVectors[key] = new lunr.Vector(elements[key]); });
    return new lunr.Index({
      invertedIndex: invertedIndex,
      fieldVectors: fieldVectors,
      tokenSet: lunr.TokenSet.fromArray(terms),
      fields: fields,
      pipeline: lunr.Pipeline.load(manifest.pipeline)
    });
  }

  /*
   * One language's search over its sharded files. `read(name)` returns a promise of a file's
   * parsed JSON, `name` relative to the manifest's folder (fetch in the browser, the file
   * system in Node). Every file is read at most once; a failed read may be tried again.
   */
  function createSearcher(lunr, manifest, read) {
    if (manifest.format !== "briefing-sharded-index-1") {
      throw new Error("search: unknown index format " + manifest.format);
    }
    var analyser = register(lunr, manifest.lang, manifest.stopwords);
    var files = new Map();
    function file(name) {
      if (!files.has(name)) {
        files.set(name, read(manifest.data + name + ".json").catch(function (error) {
          files.delete(name);
          throw error;
        }));
      }
      return files.get(name);
    }
    var shards = new Map();
    function shard(number) {
      if (!shards.has(number)) {
        shards.set(number, file(manifest.shards.files[number]).then(function (data) {
          var byTerm = new Map();
          data.t.forEach(function (term, position) { byTerm.set(term, data.p[position]); });
          return { terms: data.t, postings: byTerm };
        }));
        shards.get(number).catch(function () { shards.delete(number); });
      }
      return shards.get(number);
    }
    var keys = manifest.shards.keys;

    /* The postings of every index term the query terms ask for, shards loaded as needed. */
    function postingsFor(terms) {
      var needed = [];
      terms.forEach(function (item) {
        shardsFor(keys, item).forEach(function (number) {
          if (needed.indexOf(number) < 0) { needed.push(number); }
        });
      });
      return Promise.all(needed.map(shard)).then(function (loaded) {
        var byNumber = new Map();
        needed.forEach(function (number, position) { byNumber.set(number, loaded[position]); });
        var chosen = new Map();
        terms.forEach(function (item) {
          shardsFor(keys, item).forEach(function (number) {
            var data = byNumber.get(number);
            if (!item.prefix) {
              if (data.postings.has(item.term)) { chosen.set(item.term, data.postings.get(item.term)); }
              return;
            }
            data.terms.forEach(function (term) {
              if (term.indexOf(item.term) === 0) { chosen.set(term, data.postings.get(term)); }
            });
          });
        });
        return chosen;
      });
    }

    /* {terms, results}: the query's terms and lunr's results (ref, score), best first.
       `current()`, if given, is asked once the shards are there: false means a newer query
       has come, and this one is dropped ({stale: true}) without building its index. */
    function search(text, typing, current) {
      var terms = queryTerms(analyser, text, typing);
      if (terms.length === 0 || keys.length === 0) {
        return Promise.resolve({ terms: terms, results: [] });
      }
      return postingsFor(terms).then(function (postings) {
        if (current && !current()) { return { terms: terms, results: [], stale: true }; }
        return { terms: terms, results: runQuery(lunr, partialIndex(lunr, manifest, postings), terms) };
      });
    }

    /* What a result shows, for each ref: {title, url, date, summary, passage}. */
    function documents(refs) {
      var size = manifest.chunks.size;
      return Promise.all(refs.map(function (ref) {
        var number = Number(ref);
        return file(manifest.chunks.files[Math.floor(number / size)]).then(function (rows) {
          var row = rows[number % size];
          return { title: row[0], url: row[1], date: row[2], summary: row[3], passage: row[4] };
        });
      }));
    }

    /* The sentences of a story kept for passages. */
    function passages(doc) { return file(doc.passage); }

    /* Whether the index holds `term` (loads the shard that would hold it). */
    function has(term) {
      var item = { term: term, prefix: false };
      return shard(shardsFor(keys, item)[0]).then(function (data) { return data.postings.has(term); });
    }

    var common = null;
    /* {tokenSet, words}: the commonest terms, and the word readers see for each. */
    function commonTerms() {
      if (!common) {
        common = file(manifest.words).then(function (pairs) {  // [[term, word], …] by term
          var words = new Map(pairs);
          return { tokenSet: lunr.TokenSet.fromArray(pairs.map(function (pair) { return pair[0]; })), words: words };
        });
        common.catch(function () { common = null; });
      }
      return common;
    }

    /* For a query that found nothing: [{word, known}] (each word kept, or its closest
       common word), or null when no word has a close spelling. */
    function suggestions(text) {
      var words = fold(text).match(WORD_RE) || [];
      var terms = words.map(function (word) { return analyser.analyse(word); }).filter(Boolean);
      return Promise.all([commonTerms(), Promise.all(terms.map(has))]).then(function (loaded) {
        var known = new Set(terms.filter(function (term, position) { return loaded[1][position]; }));
        var found = suggest(lunr, loaded[0].tokenSet, function (term) { return known.has(term); }, analyser, text);
        return found && found.map(function (item) {
          return { word: item.known ? item.word : (item.term ? loaded[0].words.get(item.term) : ""), known: item.known };
        });
      });
    }

    return {
      lang: manifest.lang,
      analyser: analyser,
      search: search,
      documents: documents,
      passages: passages,
      suggestions: suggestions
    };
  }

  return {
    createSearcher: createSearcher,
    partialIndex: partialIndex,
    shardsFor: shardsFor,
    MIN_PREFIX: MIN_PREFIX,
    fold: fold,
    tokenize: tokenize,
    register: register,
    queryTerms: queryTerms,
    search: search,
    suggest: suggest,
    highlight: highlight
  };
});
