// The search page of a zonesite site: searches Pagefind's index of the site (written in pagefind/
// beside this file) as the reader types, and lists the pages found. The page's own form works
// without this script: it reloads the page with ?q=, which this script reads. A classic script,
// not a module, so that on a copy opened from disk (where browsers refuse modules) it still runs
// and can say that search cannot work there.
(function () {
  "use strict";
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var input = document.getElementById("search-query");
  var script = document.currentScript;
  if (!status || !list || !input || !script) return;
  var form = input.form;
  var words = status.dataset;
  var language = document.documentElement.lang || "en";
  // Results are drawn this many at a time; Pagefind ranks them, the button shows the next ones.
  var SHOWN = 20;
  // Typing waits this long for the next key before searching.
  var PAUSE_MS = 150;

  var pagefind = null;
  var latest = 0;
  var found = [];
  var drawn = 0;

  function say(text) {
    status.textContent = text;
  }

  function fill(template, query, count) {
    return template.replace("{query}", query).replace("{count}", String(count));
  }

  // The page's address as a reader would type it: decoded.
  function shown(url) {
    try {
      return decodeURI(url);
    } catch (e) {
      return url;
    }
  }

  // A word's letters and digits in lower case: "Robots," and "robots" are one word, "2,024" and
  // "2024" one number.
  function bare(word) {
    return Array.from(word.toLocaleLowerCase().replace(/[^\p{L}\p{N}]+/gu, ""));
  }

  // The words of the query, as the browser splits them (Chinese has no spaces between words).
  function queryWords(query) {
    if (typeof Intl !== "undefined" && Intl.Segmenter) {
      var segments = new Intl.Segmenter(language, { granularity: "word" }).segment(query);
      return Array.from(segments).filter(function (s) { return s.isWordLike; }).map(function (s) { return s.segment; });
    }
    return query.split(/\s+/).filter(Boolean);
  }

  // The words of a result's page that Pagefind matched (Chinese text is kept in words split by
  // zero-width spaces, other text split by white space).
  function matched(data) {
    var text = data.raw_content || data.content || "";
    var parts = text.indexOf("\u200B") >= 0 ? text.split("\u200B") : text.split(/[^\S\uFEFF]+/);
    return (data.locations || []).map(function (i) { return bare(parts[i] || ""); });
  }

  // Whether `term`, a word searched, is on the page whose text is `text` (its letters and digits
  // only) and whose matched words are `found`. Pagefind answers a word it has not indexed with
  // the longest start of it that it has ("accessibility" finds every "a", 招商 every 商), so a
  // word counts when the text holds it whole ("tech" in "high-tech"; Chinese, which the index
  // and the browser split into words differently), or, as Pagefind finds other forms of a word
  // ("technologies", "technology"), when a word found shares its first three letters, or all of
  // a shorter word.
  function alike(term, found, text) {
    var letters = bare(term);
    if (letters.length === 0) return true;
    if (text.indexOf(letters.join("")) >= 0) return true;
    if (/\p{Script=Han}/u.test(term)) return false;
    var need = Math.min(letters.length, 3);
    return found.some(function (word) {
      var same = 0;
      while (same < word.length && same < letters.length && word[same] === letters[same]) same++;
      return same >= need;
    });
  }

  function result(data) {
    var item = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || shown(data.url);
    heading.append(link);
    item.append(heading);
    if (data.meta && data.meta.section) {
      var section = document.createElement("p");
      section.className = "search-section";
      section.textContent = data.meta.section;
      item.append(section);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "search-excerpt";
    // Pagefind escapes the page's text and adds only <mark> around the words found.
    excerpt.innerHTML = data.excerpt;
    var address = document.createElement("p");
    address.className = "search-url";
    address.textContent = shown(data.url);
    item.append(excerpt, address);
    return item;
  }

  // Draws the next results; `focus` moves the keyboard to the first of them.
  function drawMore(mine, focus) {
    var next = found.slice(drawn, drawn + SHOWN);
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (data) {
      if (mine !== latest) return;
      var items = data.map(result);
      list.append.apply(list, items);
      drawn += items.length;
      more.hidden = drawn >= found.length;
      if (focus && items.length) items[0].querySelector("a").focus();
    });
  }

  function search(query) {
    var mine = ++latest;
    query = query.trim();
    if (!query) {
      found = [];
      list.replaceChildren();
      more.hidden = true;
      say(words.hint);
      return;
    }
    say(words.searching);
    pagefind.search(query).then(function (answer) {
      if (mine !== latest) return null;
      var results = answer ? answer.results : [];
      var first = results.length ? results[0].data() : Promise.resolve(null);
      return first.then(function (data) {
        if (mine !== latest) return;
        // Every word must be on the pages found, not only some start of it.
        var words_found = data ? matched(data) : [];
        var text = data ? bare(data.content || "").join("") : "";
        var real = data && queryWords(query).every(function (w) { return alike(w, words_found, text); });
        found = real ? results : [];
        drawn = 0;
        list.replaceChildren();
        return drawMore(mine, false).then(function () {
          // Said once the results are there, for screen readers to announce.
          if (mine !== latest) return;
          var count = found.length;
          say(fill(count === 0 ? words.none : count === 1 ? words.one : words.many, query, count));
        });
      });
    });
  }

  function remember(query) {
    var url = new URL(location.href);
    if (query.trim()) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    history.replaceState(null, "", url);
  }

  function unavailable() {
    say("");
    document.getElementById("search-unavailable").hidden = false;
  }

  var query = new URLSearchParams(location.search).get("q") || "";
  input.value = query;
  say(words.hint);
  if (location.protocol === "file:") {
    unavailable();
    return;
  }
  import(new URL("pagefind/pagefind.js", script.src).href)
    .then(function (module) {
      pagefind = module;
      // Chinese words are a character or two: more of them make a snippet as long.
      return pagefind.options({ excerptLength: /^(zh|ja)/.test(language) ? 48 : 24 });
    })
    .then(function () {
      var timer = 0;
      input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          remember(input.value);
          search(input.value);
        }, PAUSE_MS);
      });
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        clearTimeout(timer);
        remember(input.value);
        search(input.value);
      });
      more.addEventListener("click", function () {
        drawMore(latest, true);
      });
      if (query) search(query);
    })
    // The index is missing, or the browser refused to load it: say so, and lead to the sitemap.
    .catch(unavailable);
})();
