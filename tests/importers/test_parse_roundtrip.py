"""Property: any row the csv module writes comes back from the importer's parser as the same pair."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from weltnetz.importers.twin_cities import HEADER_FIELDS, Pair, read_pairs

COUNTRIES = {"Germany": "DE", "France": "FR", "England": "GB", "Georgia (country)": "GE", "Japan": "JP"}
names = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40)
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: s and "," not in s)
)
sides = st.tuples(names, st.sampled_from(sorted(COUNTRIES)), st.floats(-90, 90), st.floats(-180, 180))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(sides, sides), min_size=1, max_size=20))
def test_written_rows_parse_back(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER_FIELDS)
    for a, b in rows:
        writer.writerow([a[0], a[1], repr(a[2]), repr(a[3]), b[0], b[1], repr(b[2]), repr(b[3])])
    parsed = list(read_pairs(io.BytesIO(buffer.getvalue().encode())))
    assert all(isinstance(p, Pair) for p in parsed), [p for p in parsed if not isinstance(p, Pair)]
    assert [(p.a.name, p.a.country, p.a.lat, p.a.lon, p.b.name, p.b.country, p.b.lat, p.b.lon) for p in parsed] == [
        (a[0], COUNTRIES[a[1]], a[2], a[3], b[0], COUNTRIES[b[1]], b[2], b[3]) for a, b in rows
    ]
