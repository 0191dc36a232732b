/*
 * Search as you type, in the header of every page and on the search page.
 *
 * Nothing heavy loads with the page: lunr.js, the language's stemmer and the index's
 * manifest are fetched the first time the reader focuses or types in the search box; each
 * query then fetches only the index shards it needs that are not loaded yet (in a Web
 * Worker, search-worker.js, which also runs lunr, so no query blocks the page), the result
 * data of the results shown, and one small passage file per result (never a story page).
 * Every string from the index, the documents or the query is rendered with textContent,
 * never as HTML. After the reader's own results, the other language's manifest and shards
 * are loaded in the background and, when it also has matches, one line offers them.
 */
(function () {
  "use strict";

  var MAX_RESULTS = 10;
  var MAX_PAGE_RESULTS = 50;
  var form = document.querySelector("form.search-form");
  if (!form) { return; }
  var input = form.querySelector("input[name=q]");
  var panel = form.querySelector(".search-panel");
  var statusLine = form.querySelector(".search-status");
  var list = form.querySelector(".search-results");
  var other = form.querySelector(".search-other");
  var suggestLine = form.querySelector(".search-suggest");
  var browse = document.querySelector("[data-search-browse]");
  var data = form.dataset;
  var lang = data.searchLang;
  var searchPage = document.querySelector("[data-search-page]");
  // The site's root as a folder: previews link the home page as ".../index.html".
  var siteRoot = data.siteRoot.replace(/index\.html$/, "");
  var state = { ready: null, other: null, active: -1, results: [], timer: 0, lastQuery: "" };

  function absolute(url) { return new URL(url, document.baseURI).href; }

  /* Scripts inserted with async = false download at once and run in insertion order. */
  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.async = false;
      script.src = url;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + url)); };
      document.head.appendChild(script);
    });
  }

  function fetchJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    });
  }

  var librariesReady = null;
  var frenchReady = null;
  /* lunr and the site's pipeline; the French stemmer only for a French index. All of them
     are requested at once (they run in order). */
  function loadLibraries(indexLang) {
    var vendor = data.searchVendor;
    if (!librariesReady) {
      librariesReady = Promise.all([
        loadScript(absolute(vendor + "lunr.min.js")),
        loadScript(absolute(data.searchPipeline))
      ]);
    }
    if (indexLang !== "fr") { return librariesReady; }
    if (!frenchReady) {
      frenchReady = Promise.all([
        librariesReady,
        loadScript(absolute(vendor + "lunr.stemmer.support.min.js")),
        loadScript(absolute(vendor + "lunr.fr.min.js"))
      ]);
    }
    return frenchReady;
  }

  /*
   * The worker that searches (search-worker.js): lunr.Index building and querying happen
   * there, so no query blocks the page, whatever it matches. One per page, made on first use.
   */
  var worker = null;
  var pending = new Map();
  var nextRequest = 0;
  function searchWorker() {
    if (!worker) {
      var vendor = data.searchVendor;
      worker = new Worker(absolute(data.searchWorker));
      worker.onmessage = function (event) {
        var request = pending.get(event.data.id);
        if (!request) { return; }
        pending.delete(event.data.id);
        if ("error" in event.data) { request.reject(new Error(event.data.error)); } else { request.resolve(event.data.result); }
      };
      worker.onerror = function (event) {
        pending.forEach(function (request) { request.reject(new Error(event.message || "search worker failed")); });
        pending.clear();
      };
      worker.postMessage({
        type: "init",
        scripts: [absolute(vendor + "lunr.min.js"), absolute(data.searchPipeline)],
        french: [absolute(vendor + "lunr.stemmer.support.min.js"), absolute(vendor + "lunr.fr.min.js")]
      });
    }
    return worker;
  }

  function ask(message) {
    return new Promise(function (resolve, reject) {
      nextRequest += 1;
      message.id = nextRequest;
      pending.set(nextRequest, { resolve: resolve, reject: reject });
      searchWorker().postMessage(message);
    });
  }

  /*
   * A language's search: queries answered by the worker; result data and passages (small
   * files) read here, and the language's analyser here too, to highlight matched words.
   */
  function loadIndex(indexUrl, indexLang) {
    var manifestUrl = absolute(indexUrl);
    return Promise.all([loadLibraries(indexLang), fetchJson(manifestUrl)]).then(function (loaded) {
      var manifest = loaded[1];
      var local = window.BriefingSearchPipeline.createSearcher(window.lunr, manifest, function (name) {
        return fetchJson(new URL(name, manifestUrl).href);
      });
      return ask({ type: "load", index: manifestUrl, manifest: manifest }).then(function () {
        return {
          analyser: local.analyser,
          documents: local.documents,
          passages: local.passages,
          search: function (text, typing) {
            return ask({ type: "search", index: manifestUrl, text: text, typing: typing }).then(function (found) {
              return {
                terms: found.terms,
                stale: found.stale,
                results: found.results.map(function (pair) { return { ref: pair[0], score: pair[1] }; })
              };
            });
          },
          suggestions: function (text) { return ask({ type: "suggest", index: manifestUrl, text: text }); }
        };
      });
    });
  }

  function start() {
    if (!state.ready) {
      setStatus(data.msgLoading);
      state.ready = loadIndex(data.searchIndex, lang);
      // Opened from the file system (a downloaded preview), the browser refuses to fetch
      // the index: say how to search instead of failing.
      state.ready.catch(function () {
        state.ready = null;
        setStatus(location.protocol === "file:" ? data.msgFile : data.msgError);
      });
    }
    return state.ready;
  }

  function setStatus(text) {
    statusLine.textContent = text || "";
  }

  function plural(count, one, many) {
    return (count === 1 ? one : many).replace("{count}", String(count));
  }

  /* Appends text to `parent`, wrapping the words the query matched in <mark>. */
  function appendHighlighted(parent, analyser, text, terms) {
    window.BriefingSearchPipeline.highlight(analyser, text, terms).forEach(function (part) {
      if (part.mark) {
        var mark = document.createElement("mark");
        mark.textContent = part.text;
        parent.appendChild(mark);
      } else {
        parent.appendChild(document.createTextNode(part.text));
      }
    });
  }

  function resultItem(search, doc, number, terms) {
    // The link is the option itself (a link inside an option would be a control nested in
    // a control); the list item is only the list's structure.
    var item = document.createElement("li");
    item.setAttribute("role", "none");
    var link = document.createElement("a");
    link.id = "search-result-" + number;
    link.setAttribute("role", "option");
    link.setAttribute("aria-selected", "false");
    link.href = absolute(siteRoot + doc.url);
    link.tabIndex = -1;
    var title = document.createElement("span");
    title.className = "search-result-title";
    appendHighlighted(title, search.analyser, doc.title, terms);
    var date = document.createElement("span");
    date.className = "search-result-date";
    date.textContent = doc.date;
    var snippet = document.createElement("span");
    snippet.className = "search-result-snippet";
    appendHighlighted(snippet, search.analyser, doc.summary, terms);
    link.appendChild(title);
    link.appendChild(date);
    link.appendChild(snippet);
    item.appendChild(link);
    item.addEventListener("mousedown", function (event) { event.preventDefault(); });
    return { item: item, option: link, snippet: snippet, doc: doc };
  }

  /* Replaces a result's summary with the passage of the story where the query matched:
     the story's sentences come from a small file of their own (never the story page). */
  function showPassage(search, entry, terms) {
    search.passages(entry.doc).then(function (sentences) {
      if (!entry.item.isConnected) { return; }
      var passage = bestPassage(search.analyser, sentences, terms);
      if (passage) {  // otherwise the summary stays: a passage is a nicety
        entry.snippet.textContent = "";
        appendHighlighted(entry.snippet, search.analyser, passage, terms);
      }
    }).catch(function () { /* the summary stays */ });
  }

  function bestPassage(analyser, sentences, terms) {
    var best = null;
    var bestHits = 0;
    sentences.forEach(function (sentence) {
      var hits = window.BriefingSearchPipeline.highlight(analyser, sentence, terms)
        .filter(function (part) { return part.mark; }).length;
      if (hits > bestHits) { best = sentence; bestHits = hits; }
    });
    return best;
  }

  function render(search, query, results, terms, docs) {
    // The option chosen with the arrow keys stays chosen when the results are drawn again
    // (a late keystroke's search), as long as it is still among them.
    var chosen = state.active >= 0 ? state.results[state.active].doc.url : null;
    list.textContent = "";
    state.results = [];
    state.active = -1;
    input.removeAttribute("aria-activedescendant");
    docs.forEach(function (doc, number) {
      var entry = resultItem(search, doc, number, terms);
      list.appendChild(entry.item);
      state.results.push(entry);
      showPassage(search, entry, terms);
    });
    state.results.forEach(function (entry, number) {
      if (entry.doc.url === chosen) {
        state.active = number;
        entry.option.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", entry.option.id);
      }
    });
    if (results.length === 0) {
      setStatus(data.msgNone.replace("{query}", query));
      offerWaysForward(search, query);
    } else {
      hideWaysForward();
      setStatus(plural(results.length, data.msgCountOne, data.msgCountMany));
    }
    openPanel(true);
    offerOtherLanguage(query);
  }

  function searchLink(query) {
    var link = document.createElement("a");
    link.href = absolute(data.searchUrl) + "?q=" + encodeURIComponent(query);
    link.textContent = query;
    return link;
  }

  /* Zero results: close spellings from the index's commonest words, and what exists. */
  function offerWaysForward(search, query) {
    suggestLine.textContent = "";
    search.suggestions(query).then(function (words) {
      if (!words || query !== state.lastQuery) { return; }
      var proposal = words.map(function (item) { return item.word; }).filter(Boolean).join(" ");
      var line = document.createDocumentFragment();
      line.appendChild(document.createTextNode(data.msgSuggest + " "));
      line.appendChild(searchLink(proposal));
      if (suggestLine.firstChild) { line.appendChild(document.createElement("br")); }
      suggestLine.insertBefore(line, suggestLine.firstChild);
      suggestLine.hidden = false;
    }).catch(function () { /* no suggestion */ });
    if (browse) {
      browse.hidden = false;
    } else {
      // In the header's panel: one line to the lists of sections and topics.
      var line = document.createElement("span");
      line.className = "search-browse-line";
      var parts = data.msgBrowse.split(/(\{sections\}|\{topics\})/);
      parts.forEach(function (part) {
        if (part === "{sections}" || part === "{topics}") {
          var link = document.createElement("a");
          link.href = absolute(part === "{sections}" ? data.sectionsUrl : data.topicsUrl);
          link.textContent = part === "{sections}" ? data.msgSections : data.msgTopics;
          line.appendChild(link);
        } else {
          line.appendChild(document.createTextNode(part));
        }
      });
      if (suggestLine.firstChild) { suggestLine.appendChild(document.createElement("br")); }
      suggestLine.appendChild(line);
    }
    suggestLine.hidden = !suggestLine.firstChild;
  }

  function hideWaysForward() {
    suggestLine.hidden = true;
    suggestLine.textContent = "";
    if (browse) { browse.hidden = true; }
  }

  /* On the search page, the address and the language switcher keep the query. */
  function keepQuery(query) {
    if (!searchPage) { return; }
    var suffix = query.trim() ? "?q=" + encodeURIComponent(query.trim()) : "";
    window.history.replaceState(null, "", window.location.pathname + suffix);
    document.querySelectorAll("a[data-switch-lang], a[data-offer-link]").forEach(function (link) {
      link.href = link.href.split(/[?#]/)[0] + suffix;
    });
  }

  function offerOtherLanguage(query) {
    other.hidden = true;
    if (!data.otherIndex) { return; }
    if (!state.other) { state.other = loadIndex(data.otherIndex, data.otherLang); }
    state.other.then(function (search) {
      if (query !== state.lastQuery) { return; }
      return search.search(query, false);
    }).then(function (found) {
      if (!found || found.stale || query !== state.lastQuery) { return; }
      var count = found.results.length;
      if (count > 0) {
        var link = other.querySelector("a");
        link.textContent = plural(count, data.msgOtherOne, data.msgOtherMany);
        link.href = absolute(data.otherSearch) + "?q=" + encodeURIComponent(query);
        link.hreflang = data.otherLang;
        other.hidden = false;
      }
    }).catch(function () { other.hidden = true; });
  }

  function openPanel(open) {
    panel.hidden = !open;
    input.setAttribute("aria-expanded", open && state.results.length > 0 ? "true" : "false");
  }

  function run() {
    var query = input.value;
    state.lastQuery = query;
    keepQuery(query);
    if (!query.trim()) {
      list.textContent = "";
      state.results = [];
      setStatus("");
      other.hidden = true;
      hideWaysForward();
      openPanel(false);
      return;
    }
    var typing = !searchPage || document.activeElement === input;
    start().then(function (search) {
      if (query !== state.lastQuery) { return null; }
      return search.search(query, typing).then(function (found) {
        if (query !== state.lastQuery || found.stale) { return null; }
        if (typing && !/\s$/.test(query) && found.results.length === 0) {
          // A word still being typed that finds nothing yet (or is too short to search, as
          // "l'é"): no "no match" and no spelling proposal until the reader stops typing it.
          list.textContent = "";
          state.results = [];
          setStatus("");
          hideWaysForward();
          openPanel(false);
          return null;
        }
        var shown = found.results.slice(0, searchPage ? MAX_PAGE_RESULTS : MAX_RESULTS);
        return search.documents(shown.map(function (result) { return result.ref; })).then(function (docs) {
          if (query !== state.lastQuery) { return; }
          render(search, query, found.results, found.terms, docs);
        });
      });
    }).catch(function () {
      if (query === state.lastQuery) { setStatus(data.msgError); }
    });
  }

  function move(step) {
    if (state.results.length === 0) { return; }
    if (state.active >= 0) { state.results[state.active].option.setAttribute("aria-selected", "false"); }
    state.active = (state.active + step + state.results.length) % state.results.length;
    var entry = state.results[state.active];
    entry.option.setAttribute("aria-selected", "true");
    entry.option.scrollIntoView({ block: "nearest" });
    input.setAttribute("aria-activedescendant", entry.option.id);
  }

  input.addEventListener("focus", function () { start(); if (input.value) { openPanel(true); } }, { once: false });
  input.addEventListener("input", function () {
    window.clearTimeout(state.timer);
    state.timer = window.setTimeout(run, 60);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { event.preventDefault(); openPanel(true); move(1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
    else if (event.key === "Escape") { openPanel(false); }
    else if (event.key === "Enter" && state.active >= 0) {
      event.preventDefault();
      window.location.href = state.results[state.active].option.href;
    }
  });
  form.addEventListener("focusout", function (event) {
    if (!form.contains(event.relatedTarget) && !panel.contains(event.relatedTarget) && !searchPage) {
      openPanel(false);
    }
  });

  // The search page answers ?q= on arrival, and says so when JavaScript is missing.
  if (searchPage) {
    // On the search page the results are the page: the panel follows the hint.
    searchPage.parentNode.insertBefore(panel, searchPage.nextSibling);
    panel.classList.add("search-panel-inline");
    var needsScript = document.querySelector("[data-search-needs-js]");
    if (needsScript) { needsScript.hidden = true; }
    var query = new URLSearchParams(window.location.search).get("q");
    searchPage.hidden = Boolean(query);
    if (query) {
      input.value = query;
      start().then(run);
    } else {
      keepQuery("");
    }
  }
})();
