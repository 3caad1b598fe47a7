// @mention suggestions for comment boxes, usable from the keyboard: typing "@" and letters opens a
// list of matching people under the box; ArrowUp/ArrowDown move, Enter or Tab picks, Escape
// closes. A pick inserts "@Name " and records who was meant in a hidden "mentions" field, so two
// people with the same name stay apart. The list follows the ARIA pattern for a text box with
// autocomplete (aria-autocomplete, aria-controls, aria-activedescendant) and announces its size.
(function () {
  "use strict";
  var seq = 0;

  function people(textarea) {
    var panel = textarea.closest("[data-mention-source]");
    var source = panel && document.getElementById(panel.getAttribute("data-mention-source"));
    if (!source) return [];
    try { return JSON.parse(source.textContent || "[]"); } catch (e) { return []; }
  }

  // The "@query" just before the caret, if the caret is in one.
  function queryAt(textarea) {
    var upto = textarea.value.slice(0, textarea.selectionStart);
    var m = /(^|[\s(])@([^\s@]{0,30}(?: [^\s@]{0,30})?)$/.exec(upto);
    return m ? { start: upto.length - m[2].length - 1, text: m[2].toLowerCase() } : null;
  }

  function ui(textarea) {
    if (textarea._mention) return textarea._mention;
    var id = "mention-list-" + (++seq);
    var list = document.createElement("ul");
    list.id = id;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "People to mention");
    list.hidden = true;
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    textarea.parentNode.insertBefore(list, textarea.nextSibling);
    textarea.parentNode.insertBefore(status, list.nextSibling);
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-controls", id);
    textarea._mention = { list: list, status: status, items: [], active: -1, query: null };
    return textarea._mention;
  }

  function close(textarea) {
    var m = textarea._mention;
    if (!m || m.list.hidden) return;
    m.list.hidden = true;
    m.items = [];
    m.active = -1;
    m.status.textContent = "";
    textarea.removeAttribute("aria-activedescendant");
  }

  function highlight(textarea, index) {
    var m = textarea._mention;
    m.active = index;
    Array.prototype.forEach.call(m.list.children, function (li, i) {
      li.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (index >= 0) {
      textarea.setAttribute("aria-activedescendant", m.list.children[index].id);
      m.list.children[index].scrollIntoView({ block: "nearest" });
    }
  }

  function open(textarea) {
    var q = queryAt(textarea);
    if (!q) { close(textarea); return; }
    var m = ui(textarea);
    m.query = q;
    m.items = people(textarea).filter(function (p) {
      var name = p.name.toLowerCase();
      return q.text === "" || name.indexOf(q.text) === 0 || name.indexOf(" " + q.text) >= 0;
    }).slice(0, 8);
    m.list.innerHTML = "";
    if (m.items.length === 0) { close(textarea); return; }
    m.items.forEach(function (p, i) {
      var li = document.createElement("li");
      li.id = m.list.id + "-" + i;
      li.setAttribute("role", "option");
      var name = document.createElement("span");
      name.className = "mention-name";
      name.textContent = p.name;
      var detail = document.createElement("span");
      detail.className = "mention-detail";
      detail.textContent = p.detail;
      li.appendChild(name);
      li.appendChild(detail);
      // mousedown, not click: keeps focus in the text box.
      li.addEventListener("mousedown", function (e) { e.preventDefault(); pick(textarea, i); });
      m.list.appendChild(li);
    });
    m.list.hidden = false;
    highlight(textarea, 0);
    m.status.textContent = m.items.length + (m.items.length === 1 ? " person" : " people") + " to mention. Use the arrow keys and Enter to choose.";
  }

  function pick(textarea, index) {
    var m = textarea._mention;
    var p = m.items[index];
    if (!p) return;
    var before = textarea.value.slice(0, m.query.start);
    var after = textarea.value.slice(textarea.selectionStart);
    var insert = "@" + p.name + " ";
    textarea.value = before + insert + after;
    var caret = before.length + insert.length;
    textarea.setSelectionRange(caret, caret);
    var form = textarea.closest("form");
    var value = p.kind + ":" + p.id;
    if (form && !form.querySelector('input[name="mentions"][value="' + value + '"]')) {
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = "mentions";
      hidden.value = value;
      form.appendChild(hidden);
    }
    close(textarea);
    m.status.textContent = p.name + " will be mentioned.";
  }

  document.addEventListener("input", function (e) {
    if (e.target.matches && e.target.matches("[data-mention-input]")) open(e.target);
  });

  document.addEventListener("keydown", function (e) {
    var textarea = e.target;
    if (!textarea.matches || !textarea.matches("[data-mention-input]")) return;
    var m = textarea._mention;
    if (m && !m.list.hidden && m.items.length > 0) {
      if (e.key === "ArrowDown") { e.preventDefault(); highlight(textarea, (m.active + 1) % m.items.length); return; }
      if (e.key === "ArrowUp") { e.preventDefault(); highlight(textarea, (m.active - 1 + m.items.length) % m.items.length); return; }
      if (e.key === "Enter" || e.key === "Tab") { e.preventDefault(); pick(textarea, m.active); return; }
      if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); close(textarea); return; }
    }
    // Ctrl/Cmd+Enter posts the comment.
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && textarea.form) { e.preventDefault(); textarea.form.requestSubmit(); }
  });

  document.addEventListener("focusout", function (e) {
    if (e.target.matches && e.target.matches("[data-mention-input]")) close(e.target);
  });

  // After a person opens, changes or closes a panel, put focus where they can carry on: the
  // comment being edited, a field in error, or the panel's heading; on close, back on the toggle.
  // Panels loaded with the page (the plan's discussion) leave focus alone.
  document.addEventListener("htmx:afterSettle", function (e) {
    var config = e.detail.requestConfig;
    var source = config && config.elt;
    if (!source || !source.matches || !source.matches("button, form")) return;
    var key = source.closest("[data-comments-key]") ? source.getAttribute("data-comments-key") : null;
    var panelEl = source.closest(".comments-panel");
    if (!key && panelEl) key = panelEl.id.replace("comments-panel-", "");
    if (!key) return;
    var panel = document.getElementById("comments-panel-" + key);
    if (!panel) {
      var toggle = document.querySelector('[data-comments-key="' + CSS.escape(key) + '"]');
      if (toggle) toggle.focus();
      return;
    }
    var target = panel.querySelector("[data-autofocus-field]") || panel.querySelector("[aria-invalid='true']") || panel.querySelector("[data-panel-focus]");
    if (target) target.focus();
  });

  // A link from a notification (?comments=<key>) opens that item's comments.
  document.addEventListener("DOMContentLoaded", function () {
    var key = new URLSearchParams(location.search).get("comments");
    if (!key) return;
    var toggle = document.querySelector('[data-comments-key="' + CSS.escape(key) + '"]');
    if (toggle) { toggle.click(); toggle.scrollIntoView({ block: "center" }); }
  });
})();
