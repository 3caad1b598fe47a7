// Sends the antiforgery token with every htmx request, and moves focus sensibly after a section
// is swapped so keyboard users are not dropped at the top of the page.
(function () {
  "use strict";
  function token() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }
  document.addEventListener("htmx:configRequest", function (e) {
    e.detail.headers["RequestVerificationToken"] = token();
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    var target = e.detail.target;
    if (!target) return;
    // After a failed save, focus the first field in error; after opening a form, its first field.
    var focus = target.querySelector("[aria-invalid='true']") ||
      target.querySelector("[data-autofocus] input:not([type=hidden]), [data-autofocus] select, [data-autofocus] textarea, [data-focus]");
    if (focus) focus.focus();
  });
  // Escape closes an open inline form by clicking its cancel button.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    var form = document.activeElement && document.activeElement.closest(".inline-form");
    if (!form) return;
    var cancel = form.querySelector("[data-cancel]");
    if (cancel) cancel.click();
  });
  // Confirmation for destructive buttons: <button data-confirm="Delete this?">.
  document.addEventListener("click", function (e) {
    var btn = e.target.closest("[data-confirm]");
    if (btn && !window.confirm(btn.getAttribute("data-confirm"))) { e.preventDefault(); e.stopImmediatePropagation(); }
  }, true);
})();
