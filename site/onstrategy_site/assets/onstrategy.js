/* onstrategy executive site: sortable + filterable tables with CSV download. No dependencies, no network. */
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

  function filterTable(wrap, table, text) {
    var q = text.trim().toLowerCase();
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
      var hit = !q || (r.textContent || "").toLowerCase().indexOf(q) !== -1;
      r.hidden = !hit;
      if (hit) shown++;
    });
    var count = wrap.querySelector(".os-table-count");
    if (count) count.textContent = shown + " of " + table.tBodies[0].rows.length + " rows";
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
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
        th.addEventListener("click", function () { sortTable(table, th); });  // the whole header cell
      });
      var search = wrap.querySelector(".os-table-search");
      if (search) search.addEventListener("input", function () { filterTable(wrap, table, search.value); });
      var csv = wrap.querySelector(".os-csv");
      if (csv) csv.addEventListener("click", function () {
        download(wrap.getAttribute("data-csv-name") || "table.csv", tableCsv(table));
      });
    });
  }

  window.onstrategyTables = { init: init, csv: tableCsv };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();
