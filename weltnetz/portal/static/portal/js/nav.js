// On narrow screens the main navigation folds behind a "Menu" button, so the header does not fill the first
// screen of a phone. Without JavaScript the navigation simply stays open.
(function () {
  "use strict";
  var button = document.querySelector("[data-nav-toggle]");
  var nav = document.getElementById("main-nav");
  if (!button || !nav) return;
  document.documentElement.classList.add("nav-collapsible");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("is-open", open);
    if (open) { var first = nav.querySelector("a"); if (first) first.focus(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && nav.classList.contains("is-open")) {
      button.setAttribute("aria-expanded", "false");
      nav.classList.remove("is-open");
      button.focus();
    }
  });
})();
