// The admin's multiple chooser for register actors (a news article's partners): opens Wagtail's searchable
// snippet chooser in its "multiple" mode and keeps the chosen actors as a list of hidden inputs.
// A static file, no inline script: it runs under the same Content-Security-Policy as the rest of the site.
(function () {
  "use strict";

  function item(root, id, name) {
    var li = document.createElement("li");
    li.dataset.id = String(id);
    var input = document.createElement("input");
    input.type = "hidden"; input.name = root.dataset.name; input.value = String(id);
    var label = document.createElement("span");
    label.className = "actor-multiple-chooser__name"; label.textContent = name;
    var remove = document.createElement("button");
    remove.type = "button"; remove.className = "button button-small button-secondary";
    remove.dataset.remove = "";
    remove.textContent = root.dataset.labelRemove;
    remove.setAttribute("aria-label", root.dataset.labelRemove + " " + name);
    li.append(input, label, " ", remove);
    return li;
  }

  function changed(root, message) {
    var list = root.querySelector("[data-chosen]");
    root.querySelector("[data-none]").hidden = list.children.length > 0;
    root.querySelector("[data-status]").textContent = message;
    // Tell Wagtail's unsaved-changes tracking that the form changed.
    root.closest("form") && root.closest("form").dispatchEvent(new Event("change", { bubbles: true }));
  }

  function init(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    var list = root.querySelector("[data-chosen]");

    root.addEventListener("click", function (event) {
      var remove = event.target.closest("[data-remove]");
      if (remove) {
        var li = remove.closest("li");
        var name = li.querySelector(".actor-multiple-chooser__name").textContent;
        li.remove();
        root.querySelector("[data-add]").focus();
        changed(root, root.dataset.labelRemove + ": " + name);
      }
    });

    root.querySelector("[data-add]").addEventListener("click", function () {
      window.ModalWorkflow({
        url: root.dataset.chooserUrl,
        urlParams: { multiple: 1 },
        onload: window.CHOOSER_MODAL_ONLOAD_HANDLERS,
        responses: {
          chosen: function (result) {
            var added = [];
            (Array.isArray(result) ? result : [result]).forEach(function (r) {
              if (list.querySelector('li[data-id="' + String(r.id) + '"]')) return;  // already chosen: kept once
              list.appendChild(item(root, r.id, r.string));
              added.push(r.string);
            });
            changed(root, added.join(", "));
          }
        }
      });
    });
  }

  function initAll() { document.querySelectorAll("[data-actor-multiple-chooser]").forEach(init); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initAll);
  else initAll();
})();
