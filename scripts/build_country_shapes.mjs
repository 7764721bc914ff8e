// Convert Natural Earth country shapes (npm world-atlas, TopoJSON) to the GeoJSON the portal map draws.
// Run once after `npm install world-atlas topojson-client` in a scratch folder:
//   NODE_PATH=/path/to/node_modules node scripts/build_country_shapes.mjs /path/to/node_modules
// Output: weltnetz/portal/static/portal/geo/countries-110m.geojson (committed; nothing is fetched at run time).
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const modules = process.argv[2] || "node_modules";
const require = createRequire(path.resolve(modules, "x.js"));
const { feature } = require("topojson-client");
const topo = JSON.parse(readFileSync(path.join(modules, "world-atlas", "countries-110m.json"), "utf8"));
const geo = feature(topo, topo.objects.countries);
// Round coordinates to 0.01 degrees: enough for a 110m-scale base map, a third of the size.
const round = (c) => (typeof c[0] === "number" ? c.map((v) => Math.round(v * 100) / 100) : c.map(round));
// Leaflet draws a ring that jumps across the antimeridian as a band over the whole map: move such
// rings east of 180° (Russia, Fiji) and leave out Antarctica, which no partner lies on.
const mend = (ring) => {
  const jumps = ring.some((p, i) => i && Math.abs(p[0] - ring[i - 1][0]) > 180);
  return jumps ? ring.map(([x, y]) => [x < 0 ? x + 360 : x, y]) : ring;
};
geo.features = geo.features.filter((f) => f.properties.name !== "Antarctica");
for (const f of geo.features) {
  const g = f.geometry;
  g.coordinates = g.type === "Polygon" ? g.coordinates.map(mend) : g.coordinates.map((poly) => poly.map(mend));
  f.geometry.coordinates = round(f.geometry.coordinates);
  f.properties = { name: f.properties.name };
}
const out = "weltnetz/portal/static/portal/geo/countries-110m.geojson";
writeFileSync(out, JSON.stringify(geo));
console.log(`${geo.features.length} countries -> ${out}`);
