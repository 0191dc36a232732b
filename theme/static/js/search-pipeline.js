/*
 * The search text pipeline, mirroring plugins/briefing/search_text.py line for line, so a
 * query typed here meets exactly the terms lunr.py indexed at build time:
 *   tokenize: lowercase, fold accents and ligatures, split on anything but letters/digits;
 *   stop words: the list shipped with the index (it includes French elided forms);
 *   stemming after folding: lunr-languages' French stemmer, lunr.js's Porter for English.
 * Queries are built here: every word required, stop words dropped first, and a trailing
 * "*" (or the word still being typed) matched as a prefix.
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
    return {
      lang: lang,
      analyse: function (word) { return stopwords.has(word) ? null : stem(word); },
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
        result.push({ term: analyser.stem(word), prefix: true });
        return;
      }
      var term = analyser.analyse(word);
      if (term) { result.push({ term: term, prefix: false }); }
    });
    return result;
  }

  /* Refs and scores of the documents matching a query, best first. */
  function search(lunr, index, analyser, text, typing) {
    var terms = queryTerms(analyser, text, typing);
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
   * For a query that found nothing: each word's closest term in the index, found with
   * lunr's own fuzzy matching over the index's terms (edit distance 1, 2 past five
   * letters). Returns [{word, term, known}] or null when no word has a close spelling.
   */
  function suggest(lunr, index, analyser, text) {
    if (!index) { return null; }
    var words = fold(text).match(WORD_RE) || [];
    var changed = false;
    var result = words.map(function (word) {
      var term = analyser.analyse(word);
      if (term === null || index.invertedIndex[term]) { return { word: word, term: term, known: true }; }
      var candidates = lunr.TokenSet.fromFuzzyString(term, term.length > 5 ? 2 : 1)
        .intersect(index.tokenSet).toArray();
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
    while ((match = re.exec(text)) !== null) {
      var word = fold(match[0]);
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

  /*
   * A lunr.Index from a packed index (plugins/briefing/search_pack.py): the same index
   * lunr.Index.load would give for unpack_index's output, built faster. Field vectors
   * and the token set are built at once, as lunr.Index.load does; the inverted index
   * keeps, per term, plain arrays of document refs, and makes a term's posting object
   * only when a query first asks for that term, instead of ~300,000 at load.
   */
  function loadPackedIndex(lunr, packed) {
    if (packed.format !== "briefing-packed-index-1") {
      throw new Error("search: unknown index format " + packed.format);
    }
    var fields = packed.fields;
    var terms = packed.terms;
    var quantized = new Set(packed.quantized);
    // lunr only reads a posting's metadata, and this index stores none.
    var noMetadata = Object.freeze({});
    var refsByField = fields.map(function () { return new Array(terms.length); });
    var fieldVectors = Object.create(null);
    fields.forEach(function (field, fieldNumber) {
      var fromBook = quantized.has(field);
      var refsByTerm = refsByField[fieldNumber];
      packed.vectors[field].forEach(function (row) {
        var ref = row[0];
        var elements = new Array(row.length - 1);
        var number = -1;
        for (var position = 1; position < row.length; position += 2) {
          number += row[position] + 1;
          var value = row[position + 1];
          elements[position - 1] = number;
          elements[position] = fromBook ? packed.book[value] : value;
          (refsByTerm[number] || (refsByTerm[number] = [])).push(ref);
        }
        fieldVectors[field + "/" + ref] = new lunr.Vector(elements);
      });
    });
    var numbers = new Map();
    terms.forEach(function (term, number) { numbers.set(term, number); });
    var made = Object.create(null);
    var invertedIndex = new Proxy(made, {
      get: function (target, term) {
        if (term in target || !numbers.has(term)) { return target[term]; }
        var number = numbers.get(term);
        var posting = { _index: number };
        fields.forEach(function (field, fieldNumber) {
          var documents = {};
          (refsByField[fieldNumber][number] || []).forEach(function (ref) {
            documents[ref] = noMetadata;
          });
          posting[field] = documents;
        });
        target[term] = posting;
        return posting;
      }
    });
    return new lunr.Index({
      invertedIndex: invertedIndex,
      fieldVectors: fieldVectors,
      tokenSet: lunr.TokenSet.fromArray(terms),
      fields: fields,
      pipeline: lunr.Pipeline.load(packed.pipeline)
    });
  }

  return {
    loadPackedIndex: loadPackedIndex,
    fold: fold,
    tokenize: tokenize,
    register: register,
    queryTerms: queryTerms,
    search: search,
    suggest: suggest,
    highlight: highlight
  };
});
