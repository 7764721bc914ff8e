"""Rebuild cities.tsv (city name, ISO country code, weight) from a twin-town CSV.

Run by hand when the source changes: ``python -m weltnetz_extract.data.build_cities twin_cities.csv``.
The source is the MIT-licensed twin-town list shipped in ``shared/data`` (see cities.LICENSE).
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

import pycountry

FIXES = {
    "Bosnia and Hercegovina": "BA",
    "Grece": "GR",
    "Kazakhstah": "KZ",
    "Madagaskar": "MG",
    "Moldavia": "MD",
    "Surinam": "SR",
    "Kosovo": "XK",
    "Northern Cyprus": "CY",
    "West Bank": "PS",
    "Palestine": "PS",
    "England": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Island": "IS",
    "Georgia (country)": "GE",
    "Ivory Coast": "CI",
    "East Timor": "TL",
    "Republic of Ireland": "IE",
    "Russia": "RU",
    "Turkey": "TR",
    "Micronesia": "FM",
    "Federated States of Micronesia": "FM",
    "Taiwan": "TW",
    "Laos": "LA",
    "Congo": "CG",
    "Democratic Republic of the Congo": "CD",
    "North Korea": "KP",
    "South Korea": "KR",
    "in Italy": "IT",
}


def country_code(name: str) -> str | None:
    name = name.strip()
    if not name:
        return None
    if name in FIXES:
        return FIXES[name]
    if "," in name:  # "England, United Kingdom"
        return country_code(name.rsplit(",", 1)[1])
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        try:
            return str(pycountry.countries.search_fuzzy(name)[0].alpha_2)
        except LookupError:
            return None


def main(argv: list[str]) -> int:
    counts: Counter[tuple[str, str]] = Counter()
    with open(argv[1], encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for i in "12":
                code = country_code(row[f"country{i}"])
                city = row[f"city{i}"].split(",")[0].strip()
                if code and city:
                    counts[(city, code)] += 1
    out = Path(__file__).with_name("cities.tsv")
    with out.open("w", encoding="utf-8") as fh:
        for (city, code), n in sorted(counts.items()):
            fh.write(f"{city}\t{code}\t{n}\n")
    print(f"{len(counts)} cities -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
