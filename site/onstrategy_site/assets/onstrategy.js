/* onstrategy executive site: sortable, filterable, paged tables with CSV download, and site search from file://.
   No dependencies, no network. */
(function () {
  "use strict";

  function cellValue(td, numeric) {
    if (!td) return numeric ? NaN : "";
    if (numeric) {
      var raw = td.getAttribute("data-v");
      if (raw === null || raw === "") return NaN;
      if (raw === "True" || raw === "true") return 1;
      if (raw === "False" || raw === "false") return 0;
      return parseFloat(raw);
    }
    return (td.textContent || "").trim().toLowerCase();
  }

  function sortTable(table, th) {
    var ths = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var idx = ths.indexOf(th);
    var numeric = th.getAttribute("data-type") === "num";
    var current = th.getAttribute("aria-sort");
    var dir = current === "descending" ? "ascending" : current === "ascending" ? "descending"
      : (numeric ? "descending" : "ascending");
    ths.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var sign = dir === "ascending" ? 1 : -1;
    rows.sort(function (a, b) {
      var x = cellValue(a.cells[idx], numeric), y = cellValue(b.cells[idx], numeric);
      if (numeric) {  // empty values last, whatever the direction
        var xn = isNaN(x), yn = isNaN(y);
        if (xn || yn) return xn === yn ? 0 : (xn ? 1 : -1);
        return (x - y) * sign;
      }
      if (x === "" || x === "–") return 1;
      if (y === "" || y === "–") return -1;
      return x.localeCompare(y, undefined, { numeric: true }) * sign;
    });
    var frag = document.createDocumentFragment();
    rows.forEach(function (r) { frag.appendChild(r); });
    body.appendChild(frag);
  }

  // Paging: a filtered-out row is `hidden`, a row on another page has the class os-tbl-hidden (print shows it);
  // the CSV takes every row the filter keeps, whatever its page.
  function showPage(wrap, table, page) {
    var size = parseInt(wrap.getAttribute("data-page-size"), 10);
    var pager = wrap.querySelector(".os-pager");
    if (!size || !pager) return;
    var kept = Array.prototype.filter.call(table.tBodies[0].rows, function (r) {
      if (r.hidden) r.classList.remove("os-tbl-hidden");
      return !r.hidden;
    });
    var last = Math.max(0, Math.ceil(kept.length / size) - 1);
    page = Math.min(Math.max(page, 0), last);
    wrap.setAttribute("data-page", String(page));
    kept.forEach(function (r, i) { r.classList.toggle("os-tbl-hidden", Math.floor(i / size) !== page); });
    pager.hidden = kept.length <= size;
    var first = page * size;
    pager.querySelector(".os-pager__count").textContent = kept.length
      ? (first + 1) + "\u2013" + Math.min(first + size, kept.length) + " of " + kept.length : "0 of 0";
    pager.querySelector(".os-pager__prev").setAttribute("aria-disabled", page === 0 ? "true" : "false");
    pager.querySelector(".os-pager__next").setAttribute("aria-disabled", page === last ? "true" : "false");
  }

  function turnPage(wrap, table, step) {
    showPage(wrap, table, (parseInt(wrap.getAttribute("data-page"), 10) || 0) + step);
  }

  // The overflow cue: the box says which side has columns out of view, CSS shades that side.
  function overflowCue(box) {
    var scroller = box.querySelector(".os-scroll");
    if (!scroller) return function () {};
    function update() {
      var hidden = scroller.scrollWidth - scroller.clientWidth;
      box.classList.toggle("os-more-left", hidden > 1 && scroller.scrollLeft > 1);
      box.classList.toggle("os-more-right", hidden > 1 && scroller.scrollLeft < hidden - 1);
    }
    scroller.addEventListener("scroll", update, { passive: true });
    // a resize of the box, including a block the quarter selector shows: its width was 0 while hidden
    if (window.ResizeObserver) new ResizeObserver(update).observe(scroller);
    else window.addEventListener("resize", update);
    update();
    return update;
  }

  // The facets chosen on the page (the selects of its facet bars that have a value), by row key.
  function chosenFacets() {
    var chosen = {};
    Array.prototype.forEach.call(document.querySelectorAll(".os-facets select[data-facet]"), function (s) {
      if (s.value) chosen[s.getAttribute("data-facet")] = s.value;
    });
    return chosen;
  }

  // One filter of a table: its own text filter and the page's facets it lists (data-facets), together. A row it
  // drops is `hidden`; the count, the pages and the CSV follow the rows it keeps.
  function applyFilters(wrap, table) {
    var search = wrap.querySelector(".os-table-search");
    var q = search ? search.value.trim().toLowerCase() : "";
    var chosen = chosenFacets();
    var keys = (table.getAttribute("data-facets") || "").split(" ").filter(function (k) {
      return k && Object.prototype.hasOwnProperty.call(chosen, k);
    });
    var rows = table.tBodies[0].rows, shown = 0;
    Array.prototype.forEach.call(rows, function (r) {
      var hit = keys.every(function (k) { return r.getAttribute("data-f-" + k) === chosen[k]; }) &&
        (!q || (r.textContent || "").toLowerCase().indexOf(q) !== -1);
      r.hidden = !hit;
      if (hit) shown++;
    });
    var count = wrap.querySelector(".os-table-count");
    if (count) count.textContent = shown + " of " + rows.length + " rows";
    var foot = table.tFoot;  // totals of the listed rows are not the kept rows': hidden while a filter drops one
    if (foot && foot.hasAttribute("data-of-rows")) foot.hidden = shown < rows.length;
    showPage(wrap, table, 0);
  }

  // A facet bar: its selects narrow every table of the page that lists their facet; a select within another
  // (a rep within a team) offers only the options within the other's choice; the status line says what the
  // chosen option holds, with its link. Shown by the script: without it every row shows.
  function initFacets(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".os-facets"), function (bar) {
      if (bar.getAttribute("data-ready")) return;
      bar.setAttribute("data-ready", "1");
      var selects = Array.prototype.slice.call(bar.querySelectorAll("select[data-facet]"));
      var byKey = {}, every = [];
      selects.forEach(function (s, i) {
        byKey[s.getAttribute("data-facet")] = s;
        every[i] = Array.prototype.slice.call(s.options);
      });
      function narrow() {
        selects.forEach(function (s, i) {
          var outer = byKey[s.getAttribute("data-facet-within")];
          if (!outer) return;
          var value = s.value;
          var keep = every[i].filter(function (o) {
            return !o.value || !outer.value ||
              (o.getAttribute("data-within") || "").split("\n").indexOf(outer.value) !== -1;
          });
          while (s.options.length) s.remove(0);
          keep.forEach(function (o) { s.add(o); });
          s.value = keep.some(function (o) { return o.value === value; }) ? value : "";
        });
      }
      function status() {
        var line = bar.querySelector(".os-facets__status");
        if (!line) return;
        line.textContent = "";
        var s = selects.filter(function (x) { return x.value; }).pop();  // the narrowest choice
        if (!s) return;
        var o = s.options[s.selectedIndex];
        line.appendChild(document.createTextNode(o.getAttribute("data-status") || ""));
        var href = o.getAttribute("data-href");
        if (href) {
          var a = document.createElement("a");
          a.href = href;
          a.textContent = o.getAttribute("data-link") || href;
          line.appendChild(document.createTextNode(" "));
          line.appendChild(a);
        }
      }
      function update() {
        narrow();
        status();
        Array.prototype.forEach.call(document.querySelectorAll(".os-table-wrap"), function (wrap) {
          if (wrap.osRefresh && wrap.querySelector("table[data-facets]")) wrap.osRefresh();
        });
      }
      selects.forEach(function (s) { s.addEventListener("change", update); });
      bar.hidden = false;
      if (selects.some(function (s) { return s.value; })) update();  // a choice the browser restored
    });
  }

  function csvEscape(s) {
    s = String(s);
    if (/^[=+\-@]/.test(s) && isNaN(Number(s))) s = "'" + s;  // no formulas in spreadsheets
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function tableCsv(table) {
    var lines = [];
    lines.push(Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
      return csvEscape((th.textContent || "").replace(/[↕▲▼]/g, "").trim());
    }).join(","));
    Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
      if (r.hidden) return;
      lines.push(Array.prototype.map.call(r.cells, function (td) {
        var raw = td.getAttribute("data-v");
        return csvEscape(raw !== null ? raw : (td.textContent || "").trim());
      }).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }

  function download(name, text) {
    var blob = new Blob(["\ufeff" + text], { type: "text/csv;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 0);
  }

  function init(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".os-table-wrap"), function (wrap) {
      if (wrap.getAttribute("data-ready")) return;
      wrap.setAttribute("data-ready", "1");
      var table = wrap.querySelector("table.os-table");
      if (!table) return;
      var cue = overflowCue(wrap.querySelector(".os-scroll-box") || wrap);
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
        th.addEventListener("click", function () { sortTable(table, th); showPage(wrap, table, 0); });
      });
      wrap.osRefresh = function () { applyFilters(wrap, table); cue(); };
      var search = wrap.querySelector(".os-table-search");
      if (search) search.addEventListener("input", wrap.osRefresh);
      var pager = wrap.querySelector(".os-pager");
      if (pager) {
        pager.querySelector(".os-pager__prev").addEventListener("click", function () { turnPage(wrap, table, -1); cue(); });
        pager.querySelector(".os-pager__next").addEventListener("click", function () { turnPage(wrap, table, 1); cue(); });
        showPage(wrap, table, 0);
        cue();
      }
      var csv = wrap.querySelector(".os-csv");
      if (csv) csv.addEventListener("click", function () {
        download(wrap.getAttribute("data-csv-name") || "table.csv", tableCsv(table));
      });
    });
    initFacets(root);
  }

  // Offline search: browsers refuse Material's search worker on file://, so there the search box runs on the
  // index script the build writes (search/search_index.js) with a plain substring search in the page.
  function siteConfig() {
    var el = document.getElementById("__config");
    try { return el ? JSON.parse(el.textContent) : {}; } catch (e) { return {}; }
  }

  function rootPrefix(base) {
    base = base || ".";
    if (base === "." || base === "./") return "";
    return base.charAt(base.length - 1) === "/" ? base : base + "/";
  }

  function htmlText(html) {
    // an inert document: parsing the index's HTML runs no script and loads nothing
    return new DOMParser().parseFromString(html || "", "text/html").body.textContent || "";
  }

  function translate(cfg, key, n, fallback) {
    var t = (cfg.translations || {})[key] || fallback;
    return n === undefined ? t : t.replace("#", String(n));
  }

  function searchDocs(docs, query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    var hits = [];
    docs.forEach(function (d, i) {
      var title = d.lowTitle, all = title + " " + d.lowText;
      if (!words.every(function (w) { return all.indexOf(w) !== -1; })) return;
      var inTitle = words.every(function (w) { return title.indexOf(w) !== -1; });
      hits.push({ doc: d, order: i, score: (inTitle ? 2 : 0) + (d.location.indexOf("#") === -1 ? 1 : 0) });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return hits.map(function (h) { return h.doc; });
  }

  function snippet(text, query) {
    var first = query.toLowerCase().split(/\s+/).filter(Boolean)[0] || "";
    var at = Math.max(0, text.toLowerCase().indexOf(first) - 60);
    var cut = text.slice(at, at + 220);
    return (at > 0 ? "…" : "") + cut + (at + 220 < text.length ? "…" : "");
  }

  function renderResults(cfg, prefix, docs, query, meta, list) {
    var found = query.trim() ? searchDocs(docs, query) : null;
    while (list.firstChild) list.removeChild(list.firstChild);
    if (found === null) {
      meta.textContent = translate(cfg, "search.result.placeholder", undefined, "Type to start searching");
      return;
    }
    meta.textContent = found.length === 0 ? translate(cfg, "search.result.none", undefined, "No matching documents")
      : found.length === 1 ? translate(cfg, "search.result.one", undefined, "1 matching document")
      : translate(cfg, "search.result.other", found.length, "# matching documents");
    found.slice(0, 50).forEach(function (d) {  // textContent throughout: names are shown, never parsed as HTML
      var page = d.location.indexOf("#") === -1;
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      var a = document.createElement("a");
      a.className = "md-search-result__link";
      a.href = prefix + d.location;
      var art = document.createElement("article");
      art.className = "md-search-result__article md-typeset" + (page ? " md-search-result__article--document" : "");
      if (page) {
        var icon = document.createElement("div");
        icon.className = "md-search-result__icon md-icon";
        art.appendChild(icon);
      }
      var h = document.createElement(page ? "h1" : "h2");
      h.textContent = d.plainTitle;
      art.appendChild(h);
      if (d.plainText) {
        var p = document.createElement("p");
        p.textContent = snippet(d.plainText, query);
        art.appendChild(p);
      }
      a.appendChild(art);
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  function offlineSearch() {
    var search = document.querySelector("[data-md-component=search]");
    var input = search && search.querySelector("input.md-search__input");
    var meta = search && search.querySelector(".md-search-result__meta");
    var list = search && search.querySelector(".md-search-result__list");
    var toggle = document.getElementById("__search");
    if (!input || !meta || !list || search.getAttribute("data-os-offline")) return;
    if (location.protocol !== "file:" && !search.hidden) return;  // Material's own search works here
    search.setAttribute("data-os-offline", "1");
    search.hidden = false;  // Material hides the box when its worker fails
    var cfg = siteConfig(), prefix = rootPrefix(cfg.base), docs = null;

    function ready() {
      var index = window.__index;
      docs = (index && index.docs ? index.docs : []).map(function (d) {
        var title = htmlText(d.title), text = htmlText(d.text);
        return { location: d.location, plainTitle: title, plainText: text,
          lowTitle: title.toLowerCase(), lowText: text.toLowerCase() };
      });
      renderResults(cfg, prefix, docs, input.value, meta, list);
    }

    if (window.__index) {
      ready();
    } else {
      var script = document.createElement("script");
      script.src = prefix + "search/search_index.js";
      script.onload = ready;
      script.onerror = function () { docs = []; meta.textContent = "Search index not found"; };
      document.head.appendChild(script);
    }
    function open(on) { if (toggle) toggle.checked = on; }
    input.addEventListener("focus", function () { open(true); });
    input.addEventListener("input", function () {
      open(true);
      if (docs) renderResults(cfg, prefix, docs, input.value, meta, list);
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { open(false); input.blur(); }
      if (ev.key === "Enter") {
        ev.preventDefault();
        var first = list.querySelector("a");
        if (first) location.href = first.href;
      }
    });
    var form = input.form;
    if (form) {
      form.addEventListener("submit", function (ev) { ev.preventDefault(); });
      form.addEventListener("reset", function () {
        setTimeout(function () { if (docs) renderResults(cfg, prefix, docs, "", meta, list); input.focus(); }, 0);
      });
    }
  }

  window.onstrategyTables = { init: init, csv: tableCsv, filter: applyFilters };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
  // after Material's own set-up (it runs on DOMContentLoaded), so its verdict on the worker is known
  if (document.readyState === "complete") offlineSearch();
  else window.addEventListener("load", offlineSearch);
})();

/* The quarter selector: blocks of a page pre-rendered per quarter (data-period) and a select that shows one quarter
   in every block of the page; the choice follows the reader to the next page of the tab (sessionStorage). Without
   JavaScript the selector stays hidden and the as-of quarter shows. */
(function () {
  var KEY = "onstrategy-period";

  // Each group of blocks (.os-periods) shows the chosen period, or its as-of block when it has no such period
  // (a section pre-rendered for fewer periods than the page offers).
  function show(period) {
    var groups = document.querySelectorAll(".os-periods");
    var known = Array.prototype.some.call(document.querySelectorAll("[data-period]"), function (b) {
      return b.getAttribute("data-period") === period;
    });
    if (!known) return;  // a period this page does not offer: keep what it shows
    Array.prototype.forEach.call(groups, function (group) {
      var blocks = Array.prototype.filter.call(group.children, function (b) { return b.hasAttribute("data-period"); });
      var has = blocks.some(function (b) { return b.getAttribute("data-period") === period; });
      blocks.forEach(function (b) {
        b.hidden = has ? b.getAttribute("data-period") !== period : !b.hasAttribute("data-period-default");
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll("select[data-os-period]"), function (s) {
      if (Array.prototype.some.call(s.options, function (o) { return o.value === period; })) s.value = period;
    });
  }

  function remember(period) {
    try { window.sessionStorage.setItem(KEY, period); } catch (e) { /* storage refused: the page still works */ }
  }

  function init() {
    var selects = document.querySelectorAll("select[data-os-period]");
    Array.prototype.forEach.call(selects, function (s) {
      var box = s.closest(".os-period-select");
      if (box) box.hidden = false;
      s.addEventListener("change", function () { show(s.value); remember(s.value); });
    });
    var saved = null;
    try { saved = window.sessionStorage.getItem(KEY); } catch (e) { saved = null; }
    if (selects.length && saved) show(saved);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
