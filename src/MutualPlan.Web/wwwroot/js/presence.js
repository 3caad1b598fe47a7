// Who else has this plan open: a strip of chips in the live bar, kept current over the live
// connection that live.js opened. The server sends everyone viewing the plan; this view leaves
// itself out by its own key (the same person in another tab is also "me"). Screen readers hear
// a short note when someone comes or goes, not the whole list again. Someone who leaves stays
// shown for a few seconds: a buyer's page reloads after each form they send, and they should not
// flicker out and back in (nor be announced as leaving and coming) every time.
(function () {
  "use strict";
  var live = window.mutualPlanLive;
  var root = document.querySelector("[data-live-plan]");
  var strip = document.querySelector("[data-presence]");
  if (!live || !live.connection || !root || !strip) return;
  var planId = root.getAttribute("data-live-plan");
  var list = strip.querySelector("[data-presence-list]");
  var note = strip.querySelector("[data-presence-note]");
  var shownMax = 4;
  var graceMs = 4000;
  var me = null, people = [], known = null, leaving = {};
  window.mutualPlanPresence = { shown: function () { return others().map(function (p) { return p.name; }); } };

  function others() {
    var here = people.filter(function (p) { return p.key !== me; });
    var keys = {};
    here.forEach(function (p) { keys[p.key] = true; });
    Object.keys(leaving).forEach(function (k) { if (!keys[k] && k !== me) here.push(leaving[k].person); });
    return here;
  }

  function update(next) {
    var keys = {};
    next.forEach(function (p) { keys[p.key] = true; });
    people.forEach(function (p) {
      if (keys[p.key] || leaving[p.key]) return;
      leaving[p.key] = { person: p, timer: setTimeout(function () { delete leaving[p.key]; render(); }, graceMs) };
    });
    Object.keys(leaving).forEach(function (k) {
      if (keys[k]) { clearTimeout(leaving[k].timer); delete leaving[k]; }
    });
    people = next;
    render();
  }

  function forget() {
    Object.keys(leaving).forEach(function (k) { clearTimeout(leaving[k].timer); });
    leaving = {};
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // A stable colour per person, from their key (hex).
  function hue(key) { return (parseInt((key || "0").slice(0, 6), 16) || 0) % 360; }

  function describe(p) {
    var parts = [p.name + (p.company ? " (" + p.company + ")" : "")];
    parts.push(p.side === "seller" ? "seller's team" : "buyer's team");
    if (p.email) parts.push(p.email);
    if (p.via && !p.guest) parts.push("via " + p.via);
    return parts.join(" · ");
  }

  function chip(p) {
    var li = el("li", "presence-chip " + (p.side === "seller" ? "seller" : "buyer") + (p.guest ? " guest" : ""));
    li.title = describe(p);
    var avatar = el("span", "presence-avatar", p.initials);
    avatar.setAttribute("aria-hidden", "true");
    avatar.style.setProperty("--presence-hue", String(hue(p.key)));
    li.appendChild(avatar);
    li.appendChild(el("span", "presence-name", p.name));
    if (p.company) li.appendChild(el("span", "presence-company", "(" + p.company + ")"));
    return li;
  }

  function render() {
    var now = others();
    strip.hidden = now.length === 0;
    list.replaceChildren();
    now.slice(0, shownMax).forEach(function (p) { list.appendChild(chip(p)); });
    if (now.length > shownMax) {
      var rest = now.slice(shownMax);
      var more = el("li", "presence-chip presence-more", "+" + rest.length + " more");
      more.title = rest.map(describe).join("\n");
      more.setAttribute("aria-label", rest.length + " more: " + rest.map(function (p) { return p.name; }).join(", "));
      list.appendChild(more);
    }
    announce(now);
    strip.setAttribute("data-presence-count", String(now.length));
    document.dispatchEvent(new CustomEvent("presence:rendered", { detail: { names: now.map(function (p) { return p.name; }) } }));
  }

  // Only joins and leaves are spoken, and never on the first list (the page has just opened).
  function announce(now) {
    var byKey = {};
    now.forEach(function (p) { byKey[p.key] = p.name; });
    if (known) {
      var came = Object.keys(byKey).filter(function (k) { return !(k in known); }).map(function (k) { return byKey[k]; });
      var left = Object.keys(known).filter(function (k) { return !(k in byKey); }).map(function (k) { return known[k]; });
      var text = [];
      if (came.length) text.push(came.join(", ") + " opened the plan.");
      if (left.length) text.push(left.join(", ") + " left.");
      if (text.length && note) note.textContent = text.join(" ");
    }
    known = byKey;
  }

  live.connection.on("presence", function (msg) {
    if (!msg || msg.planId !== planId) return;
    update(msg.people || []);
  });
  live.connection.on("accessEnded", function () {
    forget();
    people = [];
    render();
  });
  document.addEventListener("live:joined", function (e) {
    var r = e.detail || {};
    me = r.me || null;
    forget();
    people = (r.presence && r.presence.people) || [];
    render();
  });
  // While the connection is down the list would be stale: hide it until the next join.
  live.connection.onreconnecting(function () { strip.hidden = true; known = null; });
  live.connection.onclose(function () { strip.hidden = true; known = null; });
})();
