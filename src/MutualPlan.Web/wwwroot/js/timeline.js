// The Gantt chart's rescheduling: drag a bar (pointer events) or move it with the keyboard
// (← → a working day, Shift a week, Enter to review). Either way the move only opens the slip
// proposal (served by the page): the server says which dependents move and what happens to the
// signature and value dates, and nothing changes until the user accepts it with a reason.
(function () {
  "use strict";
  var DAY = 86400000;

  function parse(iso) { var p = iso.split("-"); return Date.UTC(+p[0], +p[1] - 1, +p[2]); }
  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function label(ms) {
    return new Date(ms).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  }

  function init(canvas) {
    var plan = canvas.dataset.plan;
    var start = parse(canvas.dataset.start);
    var ppd = parseFloat(canvas.dataset.ppd);
    var rowHeight = parseFloat(canvas.dataset.row);
    var axis = parseFloat(canvas.dataset.axis);
    var closed = {};
    (canvas.dataset.closed || "").split(",").forEach(function (d) { if (d) closed[d] = true; });
    var live = document.getElementById("gantt-live");
    var dialog = document.getElementById("proposal-dialog");
    var host = dialog && dialog.querySelector(".proposal-host");
    var active = null; // the bar whose proposal is open

    function working(ms) {
      var day = new Date(ms).getUTCDay();
      return day !== 0 && day !== 6 && !closed[iso(ms)];
    }
    function snap(ms, direction) {
      for (var i = 0; i < 400 && !working(ms); i++) ms += (direction || 1) * DAY;
      return ms;
    }
    function addWorking(ms, n) {
      var step = n < 0 ? -1 : 1;
      for (var left = Math.abs(n); left > 0;) { ms += step * DAY; if (working(ms)) left--; }
      return ms;
    }
    function workingBetween(a, b) {
      if (a === b) return 0;
      var step = b > a ? 1 : -1, count = 0;
      for (var d = a; d !== b;) { d += step * DAY; if (working(d)) count++; }
      return step * count;
    }
    function left(ms) { return (ms - start) / DAY * ppd; }

    function state(bar) {
      if (!bar._gantt) {
        bar._gantt = { start: parse(bar.dataset.start), end: parse(bar.dataset.end), pending: parse(bar.dataset.end) };
      }
      return bar._gantt;
    }

    // Mirrors TimelinePageModel.DependencyPath.
    function path(fromBar, toBar) {
      var f = geometry(fromBar), t = geometry(toBar);
      var x1 = f.left + f.width, y1 = f.mid, x2 = t.left, y2 = t.mid;
      if (x2 - x1 >= 14) return "M" + x1 + "," + y1 + " H" + (x1 + 6) + " V" + y2 + " H" + (x2 - 1);
      var between = y2 > y1 ? axis + t.row * rowHeight : axis + f.row * rowHeight;
      return "M" + x1 + "," + y1 + " H" + (x1 + 6) + " V" + between + " H" + (x2 - 10) + " V" + y2 + " H" + (x2 - 1);
    }
    function geometry(bar) {
      var row = +bar.dataset.row;
      return { left: parseFloat(bar.style.left), width: parseFloat(bar.style.width), row: row, mid: axis + row * rowHeight + rowHeight / 2 };
    }
    function bar(id) { return canvas.querySelector('.gantt-bar[data-id="' + id + '"]'); }

    function show(b, target) {
      var s = state(b);
      s.pending = target;
      var shift = target - s.end;
      b.style.left = left(s.start + shift) + "px";
      var moved = target !== s.end;
      b.classList.toggle("pending", moved && !b.classList.contains("moving"));
      var days = workingBetween(s.end, target);
      b.querySelector(".gantt-bar-date").textContent = label(target) + (days ? " (" + (days > 0 ? "+" : "") + days + " wd)" : "");
      canvas.querySelectorAll('.dependency[data-from="' + b.dataset.id + '"], .dependency[data-to="' + b.dataset.id + '"]').forEach(function (p) {
        var from = bar(p.dataset.from), to = bar(p.dataset.to);
        if (from && to) p.setAttribute("d", path(from, to));
      });
      return days;
    }
    function reset(b) {
      var s = state(b);
      show(b, s.end);
      b.classList.remove("pending", "moving");
    }
    function announce(text) { if (live) { live.textContent = ""; window.setTimeout(function () { live.textContent = text; }, 30); } }

    function open(b) {
      var s = state(b);
      var url = "/plans/" + plan + "/timeline?handler=proposal&milestoneId=" + encodeURIComponent(b.dataset.id) + "&newDate=" + iso(s.pending);
      if (!dialog || typeof dialog.showModal !== "function") { window.location.href = "/plans/" + plan + "/timeline?move=" + b.dataset.id + "&to=" + iso(s.pending) + "#proposal"; return; }
      active = b;
      fetch(url, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.text(); })
        .then(function (html) {
          host.innerHTML = html;
          if (window.htmx) window.htmx.process(host);
          dialog.showModal();
          var first = host.querySelector("[aria-invalid='true']") || host.querySelector("textarea[name=reason]") || host.querySelector("input[name=newDate]");
          if (first) first.focus();
        })
        .catch(function () { announce("The proposal could not be loaded. Try again."); reset(b); });
    }

    if (dialog) {
      dialog.addEventListener("close", function () {
        if (active) { reset(active); active.focus(); active = null; }
      });
      dialog.addEventListener("click", function (e) {
        if (e.target.closest("[data-close-proposal]")) dialog.close();
      });
      // After "Update preview", focus the first field in error or keep the user in the form.
      dialog.addEventListener("htmx:afterSwap", function () {
        var bad = host.querySelector("[aria-invalid='true']");
        if (bad) bad.focus();
      });
    }

    // A narrow screen opens the chart where the work starts rather than on empty weeks.
    var scroller = canvas.closest(".gantt-scroll");
    var lefts = Array.prototype.map.call(canvas.querySelectorAll(".gantt-bar"), function (b) { return parseFloat(b.style.left); });
    if (scroller && lefts.length && scroller.scrollWidth > scroller.clientWidth) {
      var first = Math.min.apply(null, lefts);
      if (first > scroller.clientWidth * 0.3) scroller.scrollLeft = first - 40;
    }

    canvas.querySelectorAll(".gantt-bar").forEach(function (b) {
      var drag = null;
      b.addEventListener("pointerdown", function (e) {
        if (e.button !== 0) return;
        drag = { x: e.clientX, origin: state(b).pending, moved: false };
        b.setPointerCapture(e.pointerId);
      });
      b.addEventListener("pointermove", function (e) {
        if (!drag) return;
        var dx = e.clientX - drag.x;
        if (!drag.moved && Math.abs(dx) < 4) return;
        if (!drag.moved) { drag.moved = true; b.classList.add("moving"); canvas.classList.add("dragging"); }
        var days = Math.round(dx / ppd);
        var target = snap(drag.origin + days * DAY, days < 0 ? -1 : 1);
        show(b, target);
      });
      function finish(e, cancelled) {
        if (!drag) return;
        var d = drag; drag = null;
        if (b.hasPointerCapture && b.hasPointerCapture(e.pointerId)) b.releasePointerCapture(e.pointerId);
        b.classList.remove("moving");
        canvas.classList.remove("dragging");
        if (!d.moved) return;
        b._suppressClick = true;
        if (cancelled || state(b).pending === state(b).end) { reset(b); return; }
        b.classList.add("pending");
        open(b);
      }
      b.addEventListener("pointerup", function (e) { finish(e, false); });
      b.addEventListener("pointercancel", function (e) { finish(e, true); });
      b.addEventListener("click", function (e) {
        if (b._suppressClick) { b._suppressClick = false; e.preventDefault(); return; }
        open(b);
      });
      b.addEventListener("keydown", function (e) {
        if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
          e.preventDefault();
          var s = state(b);
          var n = (e.key === "ArrowLeft" ? -1 : 1) * (e.shiftKey ? 5 : 1);
          var days = show(b, addWorking(snap(s.pending, n), n));
          announce(b.dataset.title + ": " + label(s.pending) + (days === 0 ? ", its current date." :
            ", " + Math.abs(days) + " working day" + (Math.abs(days) === 1 ? "" : "s") + (days > 0 ? " later" : " earlier") + ". Press Enter to review the move, Escape to undo."));
        } else if (e.key === "Escape" && state(b).pending !== state(b).end) {
          e.preventDefault();
          reset(b);
          announce(b.dataset.title + " is back on " + label(state(b).end) + ".");
        }
      });
    });
  }

  function ready() {
    document.querySelectorAll(".gantt-canvas").forEach(init);
    document.querySelectorAll("[data-print]").forEach(function (b) { b.addEventListener("click", function () { window.print(); }); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready); else ready();
})();
