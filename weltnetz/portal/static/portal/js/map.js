// The partner map: Leaflet on bundled Natural Earth country shapes; markers from the page's JSON script tag.
// No tile server and no inline script (the Content-Security-Policy forbids both).
(function () {
  "use strict";
  var el = document.getElementById("map");
  var data = document.getElementById("map-markers");
  if (!el || !data || typeof L === "undefined" || !window.weltnetzMaps) return;
  var markers = JSON.parse(data.textContent);
  var map = weltnetzMaps.setup(el, { worldCopyJump: true, minZoom: 1, maxZoom: 8 });
  map.setView([30, 20], 2);
  weltnetzMaps.shapes(map, el.dataset.shapes);
  function text(tag, value) { var n = document.createElement(tag); n.textContent = value; return n; }
  var bounds = [];
  markers.forEach(function (m) {
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = m.url; link.textContent = m.name;
    var title = document.createElement("strong"); title.appendChild(link);
    popup.appendChild(title);
    if (m.country) popup.appendChild(text("div", m.country));
    var list = document.createElement("ul"); list.className = "map-popup-list";
    m.relations.forEach(function (r) {
      var line = r.kind + (r.title ? ": " + r.title : "") + (r.serves ? " " + el.dataset.labelServes + " " + r.serves : "") + (r.since ? " (" + el.dataset.labelSince + " " + r.since + ")" : "") + (r.status ? " – " + r.status : "");
      list.appendChild(text("li", line));
    });
    popup.appendChild(list);
    L.circleMarker([m.lat, m.lon], {
      radius: 7, color: "#ffffff", weight: 2, fillColor: m.colour, fillOpacity: 0.95
    }).bindPopup(popup).bindTooltip(m.name).addTo(map);
    bounds.push([m.lat, m.lon]);
  });
  if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 5 });
})();
