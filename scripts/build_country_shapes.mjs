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
for (const f of geo.features) {
  f.geometry.coordinates = round(f.geometry.coordinates);
  f.properties = { name: f.properties.name };
}
const out = "weltnetz/portal/static/portal/geo/countries-110m.geojson";
writeFileSync(out, JSON.stringify(geo));
console.log(`${geo.features.length} countries -> ${out}`);
