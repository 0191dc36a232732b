/*
 * Language helpers of every page, none of which redirects or sends anything anywhere:
 *
 * - the 404 page, which GitHub Pages serves for any missing address of the site, shows
 *   the words of the language the address belongs to (/en/… gets English);
 * - the notice on a home page reached from a story that has no translation links back
 *   to that story (the switcher's address carries it as ?from=);
 * - a reader whose browser prefers another language of the site, on a page that exists
 *   in it, gets a one-line offer to switch; "No thanks" hides it for good (local storage
 *   only: no cookie, no tracking).
 */
(function () {
  "use strict";

  var OFFER_KEY = "briefing-language-offer";

  /* The path of a site root as templates give it ("…/en/index.html" in a preview). */
  function pathOf(url) { return new URL(url, window.location.href).pathname.replace(/index\.html$/, ""); }

  /* The 404 words of the language whose site holds the requested address. */
  function localiseNotFound() {
    var blocks = Array.prototype.slice.call(document.querySelectorAll("[data-not-found][data-site-root]"));
    if (blocks.length < 2) { return; }
    var path = window.location.pathname;
    var best = null;
    blocks.forEach(function (block) {
      var root = pathOf(block.dataset.siteRoot);
      if (path.indexOf(root) === 0 && (!best || root.length > pathOf(best.dataset.siteRoot).length)) {
        best = block;
      }
    });
    if (!best || !best.hidden) { return; }
    blocks.forEach(function (block) { block.hidden = block !== best; });
    document.documentElement.lang = best.dataset.notFound;
    best.removeAttribute("lang");  // the whole page is now in that language
    if (best.dataset.title) { document.title = best.dataset.title; }
  }

  /* The way back to the untranslated story the reader came from. */
  var SITE_PATH = /^(?:[a-z0-9-]+\/)+(?:index\.html)?$/;
  function linkBack() {
    var from = new URLSearchParams(window.location.search).get("from");
    if (!from || !SITE_PATH.test(from) || !window.location.hash) { return; }
    var notice = document.getElementById(window.location.hash.slice(1));
    if (!notice || !notice.classList.contains("notice-target") || !notice.dataset.backRoot) { return; }
    var target = new URL(from, new URL(notice.dataset.backRoot, window.location.href));
    if (target.origin !== window.location.origin || target.pathname.indexOf(pathOf(notice.dataset.backRoot)) !== 0) { return; }
    var link = notice.querySelector(".notice-back-story");
    if (!link) { return; }
    link.href = target.href;
    link.hidden = false;
  }

  function dismissed() {
    try { return window.localStorage.getItem(OFFER_KEY) === "dismissed"; } catch { return false; }
  }

  /* The first of the reader's languages that this site has, or null. */
  function preferredLanguage(siteLanguages) {
    var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
    for (var i = 0; i < wanted.length; i += 1) {
      var primary = String(wanted[i]).toLowerCase().split("-")[0];
      if (siteLanguages.indexOf(primary) !== -1) { return primary; }
    }
    return null;
  }

  function offerLanguage() {
    var offers = Array.prototype.slice.call(document.querySelectorAll("[data-offer-lang]"));
    if (offers.length === 0 || dismissed()) { return; }
    var pageLang = document.documentElement.lang;
    var languages = [pageLang].concat(offers.map(function (offer) { return offer.dataset.offerLang; }));
    var wanted = preferredLanguage(languages);
    offers.forEach(function (offer) {
      if (wanted && wanted !== pageLang && offer.dataset.offerLang === wanted) {
        offer.hidden = false;
        offer.querySelector("[data-offer-dismiss]").addEventListener("click", function () {
          try { window.localStorage.setItem(OFFER_KEY, "dismissed"); } catch { /* private mode: hide for this page only */ }
          offers.forEach(function (other) { other.hidden = true; });
        });
      }
    });
  }

  localiseNotFound();
  linkBack();
  offerLanguage();
})();
