(function () {
  "use strict";
  // Sortable tables: click (or Enter on) a header. Cells sort by their
  // data-v number when they have one, else by their text.
  function key(row, i) {
    var cell = row.cells[i];
    if (!cell) return "";
    var v = cell.getAttribute("data-v");
    return v === null ? cell.textContent.trim().toLowerCase() : parseFloat(v);
  }
  function sortable(table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, i) {
      th.tabIndex = 0;
      th.classList.add("sortable-ready");
      function sort() {
        var numeric = th.getAttribute("data-type") === "num";
        var current = th.getAttribute("aria-sort");
        var ascending = current ? current === "descending" : !numeric;
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a, i), y = key(b, i);
          var c = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
      });
    });
  }
  // inferno's script takes Ctrl-F for its search; on this page the browser's
  // find is kept everywhere but over the flame graph.
  var overFlame = false;
  window.addEventListener("keydown", function (e) {
    if (!overFlame && (e.keyCode === 114 || (e.ctrlKey && e.keyCode === 70))) e.stopImmediatePropagation();
  }, true);
  function ready() {
    var tables = document.querySelectorAll("table.sortable");
    Array.prototype.forEach.call(tables, sortable);
    document.documentElement.setAttribute("data-sortable-tables", String(tables.length));
    var flame = document.getElementById("flame-graph");
    if (flame && typeof window.init === "function") {
      flame.addEventListener("mouseenter", function () { overFlame = true; });
      flame.addEventListener("mouseleave", function () { overFlame = false; });
      window.init();
      document.documentElement.setAttribute("data-flame", "ready");
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
