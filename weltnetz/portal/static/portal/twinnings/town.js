// A town's small map: the town, its twins, and a line to each. Data from the page's JSON script tag.
(function () {
  "use strict";
  var el = document.getElementById("town-map");
  var data = document.getElementById("town-points");
  if (!el || !data || typeof L === "undefined" || !window.weltnetzMaps) return;
  var pts = JSON.parse(data.textContent);
  var map = weltnetzMaps.setup(el, { worldCopyJump: false, minZoom: 1, maxZoom: 10, preferCanvas: true });
  // The country shapes go into a pane beneath the town, its twins and the lines between them.
  weltnetzMaps.shapes(map, el.dataset.shapes);
  var home = [pts.town[0], pts.town[1]], bounds = [home];
  pts.twins.forEach(function (t) {
    var ll = [t[0], t[1]];
    L.polyline([home, ll], { color: "#a10000", weight: 1.5, opacity: 0.7, interactive: false }).addTo(map);
    L.circleMarker(ll, { radius: 5, color: "#ffffff", weight: 1, fillColor: "#a10000", fillOpacity: 1 })
      .bindTooltip(t[2]).on("click", function () { window.location.href = t[3]; }).addTo(map);
    bounds.push(ll);
  });
  L.circleMarker(home, { radius: 8, color: "#ffffff", weight: 2, fillColor: "#0b4f6c", fillOpacity: 1 })
    .bindTooltip(pts.town[2]).addTo(map);
  if (bounds.length > 1) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 7 }); else map.setView(home, 6);
})();
