// Live updates of an open plan view. The page carries one element with data attributes:
//   data-live-plan      the plan id
//   data-live-hub       the SignalR hub URL (sellers: /hubs/plan; link visitors: /p/{token}/live)
//   data-live-revision  the plan revision the page was rendered at
//   data-live-source    (optional) the URL to re-fetch, default: this page
//   data-live-parts     (optional) CSS selector of the parts compared and replaced, default: section[id]
// When the plan changes anywhere, the page re-fetches itself, replaces the parts whose HTML
// changed and highlights them. A part with an open inline form is left alone (the person is
// typing) and says that it changed meanwhile.
(function () {
  "use strict";
  var root = document.querySelector("[data-live-plan]");
  if (!root || !window.signalR) return;
  var planId = root.getAttribute("data-live-plan");
  var hubUrl = root.getAttribute("data-live-hub");
  var source = root.getAttribute("data-live-source") || location.pathname + location.search;
  var partsSelector = root.getAttribute("data-live-parts") || "section[id]";
  var revision = parseInt(root.getAttribute("data-live-revision") || "0", 10) || 0;
  var toast = root.querySelector("[data-live-toast]");
  var me = null;
  var busy = false, again = null;
  var snapshots = new WeakMap();
  window.mutualPlanLive = { lastApplied: null, revision: function () { return revision; } };

  // Requests this tab makes are marked, so the change they cause comes back as "our own".
  document.addEventListener("htmx:configRequest", function (e) {
    if (me) e.detail.headers["X-Live-Origin"] = me;
  });
  // A part swapped by htmx holds fresh server HTML, but maybe not byte-equal to the page's: compare to the DOM next time.
  document.addEventListener("htmx:afterSwap", function (e) {
    var t = e.detail.target;
    if (t && t.matches && t.matches(partsSelector)) snapshots.delete(t);
  });

  function keyOf(el, i) { return el.id ? "#" + el.id : "@" + i; }

  function label(el) {
    var h = el.querySelector("h1, h2, h3");
    if (!h) return null;
    var clone = h.cloneNode(true);
    clone.querySelectorAll(".count, .pill, .sr-only").forEach(function (n) { n.remove(); });
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  function hasOpenForm(el) {
    return !!el.querySelector(".inline-form, form[data-live-keep], [data-live-keep]");
  }

  function say(text) {
    if (!toast) return;
    toast.textContent = text;
    toast.classList.add("shown");
    clearTimeout(say.timer);
    say.timer = setTimeout(function () { toast.classList.remove("shown"); }, 6000);
  }

  function flash(el) {
    el.classList.remove("live-changed");
    void el.offsetWidth; // restart the animation
    el.classList.add("live-changed");
    setTimeout(function () { el.classList.remove("live-changed"); }, 2600);
  }

  function markStale(el, msg) {
    var note = el.querySelector(":scope > .live-stale");
    if (!note) {
      note = document.createElement("p");
      note.className = "live-stale";
      note.setAttribute("role", "status");
      el.insertBefore(note, el.firstChild ? el.firstChild.nextSibling : null);
    }
    note.textContent = (msg && msg.actor ? msg.actor + " changed this section meanwhile." : "This section changed meanwhile.") +
      " Your form stays open; the section shows the new state when you save or cancel.";
  }

  async function refresh(msg) {
    if (busy) { again = msg || again || {}; return; }
    busy = true;
    try {
      var res = await fetch(source, { headers: { "X-Live-Refresh": "1" }, credentials: "same-origin", cache: "no-store" });
      if (!res.ok) {
        if (res.status === 404 || res.status === 401) say("This plan is no longer available here. Reload the page.");
        return;
      }
      var doc = new DOMParser().parseFromString(await res.text(), "text/html");
      var freshRoot = doc.querySelector("[data-live-plan]");
      var freshRev = freshRoot ? parseInt(freshRoot.getAttribute("data-live-revision") || "0", 10) : 0;
      if (freshRev > revision) revision = freshRev;
      var current = Array.prototype.slice.call(document.querySelectorAll(partsSelector));
      var fresh = Array.prototype.slice.call(doc.querySelectorAll(partsSelector));
      var byKey = {};
      current.forEach(function (el, i) { byKey[keyOf(el, i)] = el; });
      var changed = [], kept = [];
      var own = msg && msg.origin && msg.origin === me;
      fresh.forEach(function (f, i) {
        var cur = byKey[keyOf(f, i)];
        if (!cur) return;
        var html = f.outerHTML;
        var before = snapshots.has(cur) ? snapshots.get(cur) : cur.outerHTML;
        if (before === html) return;
        if (hasOpenForm(cur)) { if (!own) { markStale(cur, msg); kept.push(cur); } return; }
        var el = document.importNode(f, true);
        cur.replaceWith(el);
        snapshots.set(el, html);
        if (window.htmx) window.htmx.process(el);
        changed.push(el);
      });
      window.mutualPlanLive.lastApplied = { revision: revision, at: performance.now(), parts: changed.map(function (el) { return el.id || ""; }) };
      document.dispatchEvent(new CustomEvent("live:applied", { detail: window.mutualPlanLive.lastApplied }));
      if (own || changed.length === 0) return;
      changed.forEach(flash);
      var names = changed.map(label).filter(Boolean);
      var who = msg && msg.actor ? msg.actor : "Someone";
      say(who + " updated " + (names.length ? names.slice(0, 3).join(", ") + (names.length > 3 ? " and more" : "") : "the plan") + ".");
    } catch (e) {
      // A failed refresh is retried by the next change or reconnect.
    } finally {
      busy = false;
      if (again) { var next = again; again = null; refresh(next.planId ? next : null); }
    }
  }

  var conn = new signalR.HubConnectionBuilder()
    .withUrl(hubUrl)
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 15000, 30000])
    .configureLogging(signalR.LogLevel.None)
    .build();
  window.mutualPlanLive.connection = conn;

  conn.on("planChanged", function (msg) {
    if (!msg || msg.planId !== planId || msg.revision <= revision) return;
    window.mutualPlanLive.lastMessage = { revision: msg.revision, at: performance.now() };
    // This tab's own change: htmx has already swapped in the server's answer, which may carry more
    // than a fresh page would (a confirmation, an open panel); refreshing would wipe that.
    if (msg.origin && msg.origin === me) { revision = msg.revision; return; }
    refresh(msg);
  });

  async function join() {
    var r = await conn.invoke("Join", planId);
    me = r.connectionId;
    root.setAttribute("data-live-state", "connected");
    // Catch up on what changed while this page loaded or while it was disconnected.
    if (r.revision > revision) refresh(null);
    document.dispatchEvent(new CustomEvent("live:joined", { detail: r }));
  }

  async function start() {
    try {
      await conn.start();
      await join();
    } catch (e) {
      root.setAttribute("data-live-state", "offline");
      setTimeout(start, 5000);
    }
  }

  conn.onreconnecting(function () { root.setAttribute("data-live-state", "reconnecting"); });
  conn.onreconnected(function () { join().catch(function () { }); });
  conn.onclose(function () { root.setAttribute("data-live-state", "offline"); setTimeout(start, 5000); });
  start();
})();
