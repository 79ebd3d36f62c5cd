/* The desk's search box: Pagefind's UI over one bundle per body, searching Finnish by base form.
   kokous.search writes into each bundle a lookup from every inflected form of its Finnish pages'
   lemmas to those lemmas (fi-lemmas/<shard>.json, sharded by the form's first two letters), and
   indexes each Finnish word followed by its lemmas, "kaupungin ⟨kaupunki⟩". Here each word of a
   Finnish query is replaced by its lemma before Pagefind searches, so "kaupungin" finds the
   pages that hold "kaupunki", and the annotations are taken out of the excerpts shown.
   Paths: the bundles are given relative to this page and made absolute, and result links are
   made under this edition's folder (Pagefind stores them from its site root), so the desk works
   under any base path. */
function kokousSearch(options) {
  "use strict";
  var here = document.baseURI;
  var absolute = function (path) { return new URL(path, here).pathname; };
  var siteRoot = absolute(options.root || "./");
  var bundles = options.bundles.map(absolute);
  var finnish = (document.documentElement.lang || "").split("-")[0] === "fi";
  var word = /[\p{L}]+(?:[-'’][\p{L}]+)*/gu;
  var shards = new Map();  // shard name -> {form: {lemma: pages}} once loaded
  var pending = new Map(); // shard name -> Promise
  var ui = null;

  function shardOf(form) {
    return Array.from(form).slice(0, 2).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
  }

  function addTable(merged, table) {
    Object.keys(table).forEach(function (form) {
      var value = table[form];
      var counts = merged[form] || (merged[form] = {});
      if (typeof value === "string") {
        counts[value] = (counts[value] || 0) + 1;
      } else {
        Object.keys(value).forEach(function (lemma) { counts[lemma] = (counts[lemma] || 0) + value[lemma]; });
      }
    });
  }

  function loadShard(shard) {
    if (!pending.has(shard)) {
      // How many shards are on their way: tests wait for none before reading the results.
      window.kokousSearchPending = (window.kokousSearchPending || 0) + 1;
      pending.set(shard, Promise.all(bundles.map(function (bundle) {
        return fetch(bundle + "fi-lemmas/" + shard + ".json")
          .then(function (response) { return response.ok ? response.json() : {}; })
          .catch(function () { return {}; });
      })).then(function (tables) {
        var merged = {};
        tables.forEach(function (table) { addTable(merged, table); });
        shards.set(shard, merged);
        window.kokousSearchPending -= 1;
      }));
    }
    return pending.get(shard);
  }

  // The lemma most pages hold; on a tie the word itself, else the first in alphabetical order.
  function lemmaOf(form) {
    var counts = (shards.get(shardOf(form)) || {})[form];
    if (!counts) return form;
    return Object.keys(counts).sort(function (a, b) {
      return counts[b] - counts[a] || (b === form) - (a === form) || (a < b ? -1 : a > b ? 1 : 0);
    })[0];
  }

  function missingShards(term) {
    var words = term.toLowerCase().match(word) || [];
    return words.map(shardOf).filter(function (shard) { return !shards.has(shard); });
  }

  // Pagefind UI calls this synchronously: a word whose shard has not arrived yet stays as it is,
  // and the search runs again once the shard is there (usually before the UI's debounce ends,
  // since typing starts the loading: see the input listener below).
  function processTerm(term) {
    if (!finnish) return term;
    var missing = missingShards(term);
    if (missing.length) {
      Promise.all(missing.map(loadShard)).then(function () {
        if (ui) ui.triggerFilters({});  // the same term again, now with its lemmas
      });
    }
    return term.toLowerCase().replace(word, lemmaOf);
  }

  // An annotation is a token or more of its own after its word's token ("päätöksen, ⟨päätös⟩"):
  // it goes, and if Pagefind marked a lemma in it, the word before is marked instead.
  function stripAnnotations(html) {
    return (html || "").replace(/(\S*?)(\s*(?:<mark>)?⟨[^⟩]*⟩(?:<\/mark>)?)/g, function (all, before, note) {
      var marked = note.indexOf("<mark>") >= 0 && before && before.indexOf("<mark>") < 0;
      return marked ? "<mark>" + before + "</mark>" : before;
    });
  }

  function processResult(result) {
    result.excerpt = stripAnnotations(result.excerpt);
    if (result.meta && result.meta.title) result.meta.title = stripAnnotations(result.meta.title).replace(/<\/?mark>/g, "");
    (result.sub_results || []).forEach(function (sub) {
      sub.excerpt = stripAnnotations(sub.excerpt);
      sub.title = stripAnnotations(sub.title).replace(/<\/?mark>/g, "");
    });
    return result;
  }

  ui = new PagefindUI({
    element: options.element,
    bundlePath: bundles[0],
    baseUrl: siteRoot,
    mergeIndex: bundles.slice(1).map(function (bundle) { return { bundlePath: bundle, baseUrl: siteRoot }; }),
    processTerm: processTerm,
    processResult: processResult,
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    translations: options.translations
  });
  if (finnish) {
    document.querySelector(options.element).addEventListener("input", function (event) {
      if (event.target && typeof event.target.value === "string") missingShards(event.target.value).forEach(loadShard);
    });
  }
  return ui;
}
