// The map of all twinned towns: one compact point list ([id, lat, lon]) clustered in the browser with
// supercluster, drawn on a canvas; selecting a town fetches its twins from the open-data API and draws lines.
// No tile server and no inline script (the Content-Security-Policy forbids both).
(function () {
  "use strict";
  var el = document.getElementById("twin-map");
  if (!el || typeof L === "undefined" || typeof Supercluster === "undefined" || !window.weltnetzMaps) return;
  var panel = document.getElementById("twin-panel");
  var canvas = L.canvas({ padding: 0.2 });
  var map = weltnetzMaps.setup(el, { worldCopyJump: true, minZoom: 1, maxZoom: 12, preferCanvas: true, renderer: canvas });
  map.setView([35, 10], parseInt(el.dataset.initialZoom || "2", 10));
  var layer = L.layerGroup().addTo(map);
  var lines = L.layerGroup().addTo(map);
  var index = null, drawn = false;

  // The country shapes are background only: fetched after the towns are drawn, so they never delay them.
  function shapes() { weltnetzMaps.shapes(map, el.dataset.shapes); }

  function size(n) { return n < 10 ? 28 : n < 100 ? 34 : n < 1000 ? 42 : 50; }

  function done(count) {
    if (drawn) return;
    drawn = true;
    performance.mark("twinnings-drawn");
    el.dataset.drawnMs = String(Math.round(performance.now()));
    el.dataset.drawnItems = String(count);
    shapes();
  }

  function clusterMarker(ll, n, label, onclick) {
    var s = size(n);
    var m = L.marker(ll, { icon: L.divIcon({ className: "tw-cluster", iconSize: [s, s], html: "<span>" + label + "</span>" }),
                           title: n + " " + el.dataset.labelTowns, keyboard: true });
    m.on("click", onclick);
    return m;
  }

  // The server's aggregation of all towns for the first view: drawn at once, replaced when the browser's
  // clustering of the full point list is ready.
  var initial = document.getElementById("twin-initial");
  if (initial) {
    var towns = 0;
    JSON.parse(initial.textContent).forEach(function (c) {
      towns += c[2];
      var ll = [c[0], c[1]];
      layer.addLayer(c[2] > 1 ? clusterMarker(ll, c[2], c[2] >= 1000 ? Math.round(c[2] / 100) / 10 + "k" : String(c[2]),
                                              function () { map.setView(ll, map.getZoom() + 2); })
                              : L.circleMarker(ll, { radius: 5, color: "#ffffff", weight: 1, fillColor: "#0b4f6c", fillOpacity: 0.9 }));
    });
    el.dataset.drawnTowns = String(towns);
    done(layer.getLayers().length);
  }

  function render() {
    if (!index) return;
    var b = map.getBounds();
    var west = Math.max(-180, b.getWest()), east = Math.min(180, b.getEast());
    if (b.getEast() - b.getWest() >= 360) { west = -180; east = 180; }
    var items = index.getClusters([west, Math.max(-85, b.getSouth()), east, Math.min(85, b.getNorth())],
                                  Math.round(map.getZoom()));
    layer.clearLayers();
    items.forEach(function (f) {
      var c = f.geometry.coordinates, ll = [c[1], c[0]];
      if (f.properties.cluster) {
        layer.addLayer(clusterMarker(ll, f.properties.point_count, f.properties.point_count_abbreviated, function () {
          map.setView(ll, Math.min(index.getClusterExpansionZoom(f.properties.cluster_id), map.getMaxZoom()));
        }));
      } else {
        var p = L.circleMarker(ll, { radius: 5, color: "#ffffff", weight: 1, fillColor: "#0b4f6c", fillOpacity: 0.9 });
        p.on("click", function () { select(f.properties.id, ll); });
        layer.addLayer(p);
      }
    });
    done(items.length);
  }

  function text(tag, value) { var n = document.createElement(tag); n.textContent = value; return n; }

  function select(id, ll) {
    fetch(el.dataset.placeApi + id, { credentials: "same-origin" }).then(function (r) { return r.json(); })
      .then(function (place) {
        lines.clearLayers();
        var twins = (place.relations || []).filter(function (r) { return r.kind === "municipal_partnership"; });
        twins.forEach(function (r) {
          if (r.other.latitude === null || r.other.longitude === null) return;
          var to = [r.other.latitude, r.other.longitude];
          lines.addLayer(L.polyline([ll, to], { color: "#a10000", weight: 1.5, opacity: 0.8, interactive: false }));
          lines.addLayer(L.circleMarker(to, { radius: 4, color: "#a10000", fillColor: "#a10000", fillOpacity: 1 })
            .bindTooltip(r.other.name));
        });
        panel.textContent = "";
        var h = text("h2", place.name); panel.appendChild(h);
        panel.appendChild(text("p", twins.length + " " + el.dataset.labelTwins));
        var list = document.createElement("ul");
        twins.slice(0, 50).forEach(function (r) { list.appendChild(text("li", r.other.name + " (" + r.other.country + ")")); });
        panel.appendChild(list);
        var a = document.createElement("a");
        a.href = el.dataset.townUrl.replace("SLUG", encodeURIComponent(place.slug));
        a.textContent = el.dataset.labelOpen; panel.appendChild(a);
      });
  }

  el.dataset.startMs = String(Math.round(performance.now()));
  fetch(el.dataset.points, { credentials: "same-origin", mode: "cors" }).then(function (r) { return r.json(); }).then(function (rows) {
    el.dataset.fetchedMs = String(Math.round(performance.now()));
    var features = new Array(rows.length);
    for (var i = 0; i < rows.length; i++) {
      features[i] = { type: "Feature", properties: { id: rows[i][0] },
                      geometry: { type: "Point", coordinates: [rows[i][2], rows[i][1]] } };
    }
    index = new Supercluster({ radius: 60, maxZoom: 9 }).load(features);
    el.dataset.indexedMs = String(Math.round(performance.now()));
    el.dataset.points_count = String(rows.length);
    render();
    map.on("moveend", render);
  });
})();
