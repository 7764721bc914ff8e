// Accessibility repairs for the Wagtail admin, loaded on every admin page (a static file: the CSP allows it).
// Draftail's rich-text editors inside StreamField blocks are textboxes without a name: a screen reader
// announces "edit text" with no hint which field it is. Name each one after its field label or block heading.
// The tag field's typing box (tag-it, e.g. in the document upload form) has no label either: name it likewise.
// The date picker's buttons get names in the admin's language.
(function () {
  "use strict";

  function nameFor(box) {
    var field = box.closest("[data-contentpath]");
    var label = field && field.querySelector(":scope > label, :scope > .w-field__label, label.w-field__label");
    if (label && label.textContent.trim()) return { text: label.textContent.replace("*", "").trim() };
    var section = box.closest("section[aria-labelledby]");
    if (section) return { id: section.getAttribute("aria-labelledby") };
    return null;
  }

  function repair(root) {
    root.querySelectorAll('[role="textbox"][contenteditable="true"]').forEach(function (box) {
      if (box.hasAttribute("aria-label") || box.hasAttribute("aria-labelledby")) return;
      var name = nameFor(box);
      if (!name) return;
      if (name.id) box.setAttribute("aria-labelledby", name.id);
      else box.setAttribute("aria-label", name.text);
    });
  }

  function repairTagInputs(root) {
    root.querySelectorAll("input.ui-autocomplete-input").forEach(function (input) {
      if (input.hasAttribute("aria-label") || input.labels && input.labels.length) return;
      var field = input.closest(".w-field__wrapper, .w-field, [data-field]");
      var label = field && (field.querySelector("label") || (field.parentElement && field.parentElement.querySelector("label")));
      if (label && label.textContent.trim()) input.setAttribute("aria-label", label.textContent.replace("*", "").trim());
    });
  }

  // The date picker's month and "today" buttons are icons without text.
  var PICKER = {
    de: { ".xdsoft_prev": "Vorheriger Monat", ".xdsoft_next": "Nächster Monat", ".xdsoft_today_button": "Heute" },
    en: { ".xdsoft_prev": "Previous month", ".xdsoft_next": "Next month", ".xdsoft_today_button": "Today" }
  };

  function repairDatePickers(root) {
    var labels = PICKER[(document.documentElement.lang || "en").slice(0, 2)] || PICKER.en;
    Object.keys(labels).forEach(function (selector) {
      root.querySelectorAll(".xdsoft_datetimepicker " + selector).forEach(function (button) {
        if (!button.hasAttribute("aria-label")) button.setAttribute("aria-label", labels[selector]);
      });
    });
  }

  function start() {
    var all = function () { repair(document); repairTagInputs(document); repairDatePickers(document); };
    all();
    new MutationObserver(all).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
