/* onstrategy executive site: the charts' tooltip layer. A mark with data-tip (charts/marks.py) shows its text in a
   positioned box on hover, on tap and on keyboard focus; Escape, a tap elsewhere or leaving the mark hides it. The
   text is set with textContent, never parsed as HTML. On a touch screen the first tap on a linked mark shows its
   tooltip and the second follows the link. No dependencies, no network: it works from file://. */
(function () {
  "use strict";

  var box = null;       // the tooltip element, made on first use
  var current = null;   // the mark whose tooltip is shown
  var pointer = "mouse";
  var shownAtDown = null;  // the mark whose tooltip was shown when the finger came down

  function tipBox() {
    if (!box) {
      box = document.createElement("div");
      box.className = "os-tip";
      box.id = "os-tip";
      box.setAttribute("role", "tooltip");
      box.hidden = true;
      document.body.appendChild(box);
    }
    return box;
  }

  function markOf(node) {
    while (node && node.nodeType === 1) {
      if (node.hasAttribute("data-tip")) return node;
      node = node.parentNode;
    }
    return null;
  }

  function linkOf(node) {
    while (node && node.nodeType === 1) {
      if (node.tagName.toLowerCase() === "a" && node.hasAttribute("href")) return node;
      node = node.parentNode;
    }
    return null;
  }

  function place(mark) {
    // above the mark (a horizontal bar: above the end of its bar), below it when there is no room above
    var bar = mark.querySelector(".os-hbar__bar");
    var r = (bar || mark).getBoundingClientRect();
    var cx = bar ? r.right : r.left + r.width / 2;
    var t = tipBox(), w = t.offsetWidth, h = t.offsetHeight;
    var vw = document.documentElement.clientWidth;
    var x = Math.max(4, Math.min(cx - w / 2, vw - w - 4));
    var y = r.top - h - 8;
    if (y < 4) y = r.bottom + 8;
    t.style.left = Math.round(x) + "px";
    t.style.top = Math.round(y) + "px";
  }

  function show(mark) {
    var t = tipBox();
    var lines = mark.getAttribute("data-tip").split("\n");
    while (t.firstChild) t.removeChild(t.firstChild);
    lines.forEach(function (line, i) {
      var el = document.createElement(i === 0 ? "strong" : "div");
      el.textContent = line;
      t.appendChild(el);
    });
    if (current && current !== mark) release(current);
    current = mark;
    mark.classList.add("os-tip-on");
    mark.setAttribute("aria-describedby", "os-tip");
    t.hidden = false;
    place(mark);
  }

  function release(mark) {
    mark.classList.remove("os-tip-on");
    mark.removeAttribute("aria-describedby");
  }

  function hide() {
    if (box) box.hidden = true;
    if (current) release(current);
    current = null;
  }

  // One tooltip, not two: the SVG <title> or the title attribute (the native tooltip without this script)
  // becomes the mark's accessible name.
  function adopt(root) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-tip]"), function (mark) {
      var title = mark.querySelector("title");
      var text = title ? title.textContent : mark.getAttribute("title");
      if (text === null) return;
      if (!mark.hasAttribute("aria-label")) mark.setAttribute("aria-label", text);
      if (title) title.parentNode.removeChild(title);
      mark.removeAttribute("title");
    });
  }

  document.addEventListener("pointerdown", function (ev) {
    pointer = ev.pointerType || "mouse";
    shownAtDown = current;
  }, true);
  document.addEventListener("pointerover", function (ev) {
    if (ev.pointerType !== "mouse") return;
    var mark = markOf(ev.target);
    if (mark) show(mark);
  });
  document.addEventListener("pointerout", function (ev) {
    if (ev.pointerType !== "mouse") return;
    var mark = markOf(ev.target);
    if (mark && mark === current && markOf(ev.relatedTarget) !== mark && document.activeElement !== mark) hide();
  });
  document.addEventListener("click", function (ev) {
    if (pointer === "mouse") return;
    var mark = markOf(ev.target);
    if (!mark) { hide(); return; }
    if (linkOf(ev.target) && shownAtDown !== mark) ev.preventDefault();  // first tap: the tooltip, not the link
    show(mark);
  });
  document.addEventListener("focusin", function (ev) {
    var mark = markOf(ev.target);
    if (mark) show(mark);
  });
  document.addEventListener("focusout", function (ev) {
    if (markOf(ev.target) === current && pointer !== "touch") hide();
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && current) hide();
  });
  window.addEventListener("scroll", function () { if (current) place(current); }, { passive: true });
  window.addEventListener("resize", function () { if (current) place(current); });

  window.onstrategyCharts = { adopt: adopt, show: show, hide: hide };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { adopt(document); });
  } else {
    adopt(document);
  }
})();
