"""German towns placed in their state by point in polygon (data/german_states.geojson, public domain)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from shapely import STRtree
from shapely.geometry import Point, shape
from shapely.prepared import prep

GEOJSON = Path(__file__).parent / "data" / "german_states.geojson"
# Coastal and border towns can fall just outside the medium-detail outlines; accept the nearest state this close.
NEAREST_DEGREES = 0.15


@cache
def _states():
    features = json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]
    codes = [f["properties"]["id"] for f in features]
    shapes = [shape(f["geometry"]) for f in features]
    return codes, shapes, [prep(s) for s in shapes], STRtree(shapes)


def state_at(latitude: float | None, longitude: float | None) -> str:
    """The ISO 3166-2 code of the German state containing the point (e.g. 'DE-BW'), '' when outside Germany."""
    if latitude is None or longitude is None:
        return ""
    codes, shapes, prepared, tree = _states()
    point = Point(longitude, latitude)
    for i in tree.query(point):
        if prepared[i].contains(point):
            return codes[i]
    nearest = tree.nearest(point)
    if nearest is not None and shapes[nearest].distance(point) <= NEAREST_DEGREES:
        return codes[nearest]
    return ""
