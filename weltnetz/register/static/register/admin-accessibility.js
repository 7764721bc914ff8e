// Accessibility repairs for the Wagtail admin, loaded on every admin page (a static file: the CSP allows it).
// Draftail's rich-text editors inside StreamField blocks are textboxes without a name: a screen reader
// announces "edit text" with no hint which field it is. Name each one after its field label or block heading.
// The tag field's typing box (tag-it, e.g. in the document upload form) has no label either: name it likewise.
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

  function start() {
    repair(document);
    repairTagInputs(document);
    new MutationObserver(function () { repair(document); repairTagInputs(document); }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
