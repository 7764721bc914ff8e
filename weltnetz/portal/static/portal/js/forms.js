// After a failed submit the page opens with an error summary: move the focus there, so that keyboard and
// screen-reader users hear what to correct first; its links lead to the fields.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
})();
