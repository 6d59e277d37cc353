// Search: the Pagefind UI when the site is served by a web server; opened from a folder (file://), where
// browsers block Pagefind's module loading, a small index searched with MiniSearch instead. Both read the
// query from ?q= (the search box on every page sends it).
(function () {
  var el = document.getElementById("search");
  if (!el) return;
  // The page's language: this script's words, translated in <script id="albumen-strings"> (an English page has none).
  var _ = (function () {
    var el = document.getElementById("albumen-strings");
    var words = el ? JSON.parse(el.textContent) : {};
    return function (text) { return words[text] || text; };
  })();
  var noScript = document.getElementById("search-needs-js");
  if (noScript) noScript.hidden = true;
  var query = new URLSearchParams(location.search).get("q") || "";

  if (location.protocol !== "file:" && typeof PagefindUI !== "undefined") {
    var bundle = new URL(el.getAttribute("data-bundle"), location.href);
    var root = new URL(el.getAttribute("data-root") || "../", location.href).pathname;
    // Pagefind's result URLs are from the site's root: baseUrl puts them under the site's sub-path.
    // A big site's index is in shards (stages/index.py): the first is the bundle, the others are merged in.
    var shards = (el.getAttribute("data-shards") || "").split(" ").filter(Boolean).map(function (path) {
      return { bundlePath: new URL(path, location.href).pathname, baseUrl: root };
    });
    var ui = new PagefindUI({ element: "#search", bundlePath: bundle.pathname, baseUrl: root,
                              mergeIndex: shards, showImages: true, showSubResults: false, resetStyles: false,
                              translations: pagefindTranslations() });
    // Pagefind's box has only a placeholder: give it a name that screen readers announce.
    var input = el.querySelector("input");
    if (input) input.setAttribute("aria-label", _("Search the photographs"));
    if (query) ui.triggerSearch(query);
    return;
  }
  fallbackSearch(el, query);

  // Pagefind's words: it has translations of its own, chosen by <html lang>, but not for every tag albumen
  // takes (zh-Hans): the site's catalog gives them, so the search box reads as the rest of the site.
  function pagefindTranslations() {
    var ours = {
      placeholder: _("Search the photographs"), clear_search: _("Clear"), load_more: _("Load more results"),
      search_label: _("Search this site"), filters_label: _("Filters"), zero_results: _("No results for [SEARCH_TERM]"),
      many_results: _("[COUNT] results for [SEARCH_TERM]"), one_result: _("[COUNT] result for [SEARCH_TERM]"),
      alt_search: _("No results for [SEARCH_TERM]. Showing results for [DIFFERENT_TERM] instead"),
      search_suggestion: _("No results for [SEARCH_TERM]. Try one of the following searches:"),
      searching: _("Searching for [SEARCH_TERM]...")
    };
    return document.getElementById("albumen-strings") === null ? {} : ours;  // English: Pagefind's own
  }

  // ---------------------------------------------------------------- the fallback

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(script);
    });
  }

  // Chinese, Japanese and Korean are written without spaces between words: index each character and each
  // pair of neighbours, so that 柳州 or 作戦 is found inside a longer run of text.
  var CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;
  var WORD = /[\p{L}\p{N}]+/gu;
  function tokenize(text) {
    var tokens = [];
    (String(text || "").match(WORD) || []).forEach(function (word) {
      if (!CJK.test(word)) { tokens.push(word); return; }
      var run = "";
      var flush = function () {
        var chars = Array.from(run);
        chars.forEach(function (c, i) {
          tokens.push(c);
          if (i + 1 < chars.length) tokens.push(c + chars[i + 1]);
        });
        run = "";
      };
      Array.from(word).forEach(function (c) {
        if (CJK.test(c)) { run += c; } else { flush(); tokens.push(c); }
      });
      flush();
    });
    return tokens;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The excerpt: the start of the text, or the part around the first word of the query, with matches marked.
  function excerpt(text, terms) {
    var lower = text.toLowerCase();
    var at = -1;
    terms.forEach(function (t) { var i = lower.indexOf(t); if (i >= 0 && (at < 0 || i < at)) at = i; });
    var start = Math.max(0, at - 60);
    var piece = (start > 0 ? "…" : "") + text.slice(start, start + 220) + (text.length > start + 220 ? "…" : "");
    var p = element("p", "search-result-excerpt");
    var pattern = terms.filter(Boolean).map(function (t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    if (!pattern.length) { p.textContent = piece; return p; }
    piece.split(new RegExp("(" + pattern.join("|") + ")", "i")).forEach(function (part, i) {
      p.appendChild(i % 2 ? element("mark", "", part) : document.createTextNode(part));
    });
    return p;
  }

  function fallbackSearch(box, initial) {
    var root = box.getAttribute("data-root") || "../";
    var form = element("form", "fallback-search");
    form.setAttribute("role", "search");
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var label = element("label", "visually-hidden", _("Search the photographs"));
    label.setAttribute("for", "fallback-query");
    var input = element("input", "fallback-input");
    input.type = "search";
    input.id = "fallback-query";
    input.placeholder = _("Search the photographs");
    input.autocomplete = "off";
    input.value = initial;
    form.appendChild(label);
    form.appendChild(input);
    var filterBox = element("div", "fallback-filters");
    form.appendChild(filterBox);
    var status = element("p", "fallback-status meta");
    status.setAttribute("role", "status");
    var note = element("p", "fallback-note meta",
      _("Opened from a folder: searching a smaller index of titles, captions, places and subjects."));
    var results = element("ol", "search-results");
    box.appendChild(form);
    box.appendChild(note);
    box.appendChild(status);
    box.appendChild(results);
    status.textContent = _("Loading the index…");

    Promise.all([loadScript(box.getAttribute("data-fallback-engine")),
                 loadScript(box.getAttribute("data-fallback-index"))]).then(function () {
      var documents = window.albumenSearchData.documents;
      var engine = new MiniSearch({
        idField: "n",
        fields: ["t", "c", "p", "s", "a", "d"],
        tokenize: tokenize,
        processTerm: function (term) { return term.toLowerCase(); },
        searchOptions: {
          boost: { t: 3, p: 2, s: 2 },
          prefix: function (term) { return !CJK.test(term); },
          fuzzy: function (term) { return !CJK.test(term) && term.length > 4 ? 0.2 : false; },
          combineWith: "AND",
          tokenize: tokenize
        }
      });
      engine.addAll(documents.map(function (d, n) { return Object.assign({ n: n }, d); }));

      var selects = {};
      var filterNames = { Topic: _("Topic"), Place: _("Place"), Subject: _("Subject"), Decade: _("Decade") };
      var anyValue = { Topic: _("Any topic"), Place: _("Any place"), Subject: _("Any subject"), Decade: _("Any decade") };
      ["Topic", "Place", "Subject", "Decade"].forEach(function (name) {
        var counts = {};
        documents.forEach(function (d) {
          ((d.f && d.f[name]) || []).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
        });
        var values = Object.keys(counts).sort(function (a, b) { return a.localeCompare(b); });
        if (!values.length) return;
        var id = "fallback-filter-" + name.toLowerCase();
        var wrap = element("span", "fallback-filter");
        var l = element("label", "", filterNames[name]);
        l.setAttribute("for", id);
        var select = element("select");
        select.id = id;
        select.appendChild(element("option", "", anyValue[name])).value = "";
        values.forEach(function (v) {
          select.appendChild(element("option", "", v + " (" + counts[v] + ")")).value = v;
        });
        select.addEventListener("change", run);
        wrap.appendChild(l);
        wrap.appendChild(select);
        filterBox.appendChild(wrap);
        selects[name] = select;
      });

      function matchesFilters(d) {
        return Object.keys(selects).every(function (name) {
          var wanted = selects[name].value;
          return !wanted || ((d.f && d.f[name]) || []).indexOf(wanted) >= 0;
        });
      }

      function run() {
        var q = input.value.trim();
        var filtering = Object.keys(selects).some(function (n) { return selects[n].value; });
        results.textContent = "";
        if (!q && !filtering) { status.textContent = ""; return; }
        var found = q ? engine.search(q).map(function (r) { return documents[r.id]; })
                      : documents.filter(function (d) { return d.k === "item"; });
        found = found.filter(matchesFilters);
        status.textContent = (found.length === 1 ? _("[COUNT] result") : _("[COUNT] results")).replace("[COUNT]", found.length);
        var terms = tokenize(q).filter(function (t) { return t.length > 1 || CJK.test(t); })
                               .map(function (t) { return t.toLowerCase(); });
        found.slice(0, 200).forEach(function (d) {
          var li = element("li", "search-result");
          var href = root + d.u;
          if (location.protocol === "file:") href += "index.html";
          if (d.i) {
            var thumb = element("a", "search-result-image");
            thumb.href = href;
            thumb.tabIndex = -1;
            thumb.setAttribute("aria-hidden", "true");
            var img = element("img");
            img.src = root + d.i;
            img.alt = "";
            img.loading = "lazy";
            thumb.appendChild(img);
            li.appendChild(thumb);
          }
          var body = element("div", "search-result-body");
          var a = element("a", "search-result-link", d.t);
          a.href = href;
          var heading = element("h2", "search-result-title");
          heading.appendChild(a);
          body.appendChild(heading);
          if (d.d) body.appendChild(element("p", "search-result-date meta", d.d));
          if (d.c) body.appendChild(excerpt(d.c, terms));
          li.appendChild(body);
          results.appendChild(li);
        });
      }
      input.addEventListener("input", run);
      run();
      if (!initial) status.textContent = "";
    }).catch(function () {
      status.textContent = _("Search could not load here. Browse the topics, places and subjects instead.");
    });
  }
})();
