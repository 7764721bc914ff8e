// What the portal's three maps share (partner map, twinnings map, town map): a Leaflet map with controls
// labelled in the page's language, the zoom controls first in the tab order, and the Natural Earth country
// shapes in a pane of their own beneath every marker and line.
// The labels come from the map element's data-label-* attributes (translated in the template).
(function () {
  "use strict";

  function setup(el, options) {
    var map = L.map(el, Object.assign({ zoomControl: false }, options));
    L.control.zoom({ zoomInTitle: el.dataset.labelZoomIn || "+", zoomOutTitle: el.dataset.labelZoomOut || "-" }).addTo(map);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth");
    // Keyboard users meet the controls before the map's content: move them to the front of the element.
    var controls = el.querySelector(".leaflet-control-container");
    if (controls) el.insertBefore(controls, el.firstChild);
    // Country shapes beneath the markers and lines (Leaflet's overlay pane is at z-index 400, tiles at 200).
    map.createPane("shapes").style.zIndex = "250";
    map.getPane("shapes").style.pointerEvents = "none";
    // Leaflet names the popup's close button in English; name it in the page's language.
    map.on("popupopen", function (e) {
      var close = e.popup.getElement() && e.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close && el.dataset.labelClose) {
        close.setAttribute("aria-label", el.dataset.labelClose);
        close.title = el.dataset.labelClose;
      }
    });
    return map;
  }

  function shapes(map, url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (geo) {
      L.geoJSON(geo, {
        pane: "shapes", renderer: L.svg({ pane: "shapes" }), interactive: false,
        style: { color: "#7d97a8", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 }
      }).addTo(map);
    });
  }

  window.weltnetzMaps = { setup: setup, shapes: shapes };
})();
