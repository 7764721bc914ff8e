"""The default register holds every fact the two seed documents state, each with its seed as source."""

import datetime as dt
import json
from pathlib import Path

import pytest

from weltnetz.register.models import Actor, Agreement, Relation
from weltnetz.register.names import fold

pytestmark = pytest.mark.django_db

SHARED_EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev"


def _relation(kind: str, name: str) -> Relation:
    """The home region's relation of `kind` whose partner is called `name` (any spelling)."""
    key = fold(name)
    for rel in Relation.objects.filter(kind=kind).select_related("partner"):
        if key in {fold(n) for n in rel.partner.all_names}:
            return rel
    raise AssertionError(f"no {kind} relation with partner {name!r}")


def test_twelve_state_partnerships_with_their_years():
    years = {
        r.partner.name: r.since for r in Relation.objects.filter(kind="state_partnership").select_related("partner")
    }
    assert years == {
        "Liaoning": 1982,
        "Jiangsu": 1986,
        "Ontario": 1987,
        "Kanagawa": 1989,
        "Burundi": None,
        "KwaZulu Natal": 1996,
        "Swerdlowsker Gebiet": 1991,
        "St. Petersburg": 1998,
        "Moskau": 2007,
        "Łódzkie": 2013,
        "Maharashtra": 2015,
        "Kalifornien": 2018,
    }


def test_the_russian_partnerships_rest_and_keep_their_history():
    for name in ["Swerdlowsker Gebiet", "St. Petersburg", "Moskau"]:
        rel = _relation("state_partnership", name)
        assert rel.status == "dormant"
        assert rel.status_on(dt.date(2015, 6, 1)) == "active"
    assert _relation("state_partnership", "Kanagawa").status == "active"


def test_burundi_has_no_year_but_keeps_the_wording():
    rel = _relation("state_partnership", "Burundi")
    assert rel.since is None
    assert rel.since_note == "Anfang der 80er Jahre"
    assert rel.status == "active"


def test_neighbours_israel_park_and_remembrance():
    for name, code in [("Frankreich", "FR"), ("Schweiz", "CH"), ("Österreich", "AT")]:
        assert _relation("cooperation", name).country_code == code
    israel = _relation("cooperation", "Israel")
    assert set(israel.topics.values_list("slug", flat=True)) == {
        "economy",
        "science",
        "education",
        "culture",
        "youth",
        "remembrance",
    }
    park = _relation("cooperation", "Mount Carmel National Park")
    assert (park.since, park.home.name, park.country_code) == (2017, "Nationalpark Schwarzwald", "IL")
    assert list(_relation("cooperation", "Sant'Anna di Stazzema").topics.values_list("slug", flat=True)) == [
        "remembrance"
    ]


def test_networks_institutions_and_offices():
    assert _relation("network_membership", "Under2 Coalition").since == 2015
    _relation("network_membership", "Donauraumstrategie")
    _relation("network_membership", "Vier Motoren für Europa")
    institutions = Relation.objects.filter(kind="institution")
    assert institutions.count() == 4
    assert set(institutions.values_list("country_code", flat=True)) == {"US"}
    offices = {r.partner.name for r in Relation.objects.filter(kind="representation").select_related("partner")}
    assert offices == {
        "Maharashtra",
        "Nanjing",
        "UK",
        "Beijing",
        "Mexiko-Stadt",
        "Moskau",
        "Schanghai",
        "Singapur",
        "Taicang",
    }


def test_kanagawa_declaration():
    agreement = Agreement.objects.get(partner__slug="kanagawa")
    assert agreement.title == "Gemeinsame Absichtserklärung"
    assert agreement.date == dt.date(2024, 7, 17)
    assert agreement.place.name == "Stuttgart"
    assert sorted(agreement.signatories.values_list("name", flat=True)) == ["Winfried Kretschmann", "Yuji Kuroiwa"]
    assert {"energy", "mobility", "robotics", "ai", "greentech", "health"} <= set(
        agreement.topics.values_list("slug", flat=True)
    )
    assert agreement.citations.get().source.title == "Baden-Württemberg und Kanagawa vertiefen Kooperation"


def test_every_fact_points_to_a_passage_in_its_seed():
    for rel in Relation.objects.prefetch_related("citations__source", "status_changes__source"):
        assert rel.citations.exists(), rel
        for cite in [*rel.citations.all(), *rel.status_changes.all()]:
            if cite.source is None:
                continue
            text = cite.source.text
            assert cite.passage_start is not None, (rel, cite.passage)
            # The offsets point at the passage (whitespace in the document may differ).
            assert " ".join(text[cite.passage_start : cite.passage_end].split()) == cite.passage


def test_every_place_has_coordinates_and_an_english_name():
    places = Actor.objects.exclude(kind="network")
    assert places.count() > 30
    for actor in places:
        assert actor.has_coordinates, actor.slug
        assert actor.name_en, actor.slug


# The facts the two seeds state, as their hand-annotated gold files give them (kind, partner, country, start,
# status, topics): shipped with the tests, so the check runs in any clone; ../shared/eval/dev keeps the originals.
SEED_FACTS = Path(__file__).with_name("seed_facts.json")


def _shared_gold() -> list[dict]:
    """The non-optional gold relations of the seeds in ../shared/eval/dev, when that folder is beside the repo."""
    found = []
    for path in sorted(SHARED_EVAL.glob("seed_*.gold.json")):
        for rel in json.loads(path.read_text())["relations"]:
            if not rel.get("optional"):
                found.append({"seed": path.name.removesuffix(".gold.json"), **rel})
    return found


def _gold_relations():
    for rel in json.loads(SEED_FACTS.read_text(encoding="utf-8")):
        yield pytest.param(rel, id=f"{rel['seed']}:{rel['kind']}:{rel['partner']}")


def test_the_shipped_seed_facts_are_the_gold_files_facts():
    """Where ../shared is beside the repo (as in CI), the shipped list says what its gold files say."""
    shared = _shared_gold()
    if not shared:
        pytest.skip("no ../shared/eval/dev beside the repo: the shipped seed_facts.json is checked on its own")
    fields = ("seed", "kind", "partner", "country", "since", "status", "topics", "partner_aliases", "alt_kinds")
    shipped = json.loads(SEED_FACTS.read_text(encoding="utf-8"))
    assert [{k: r.get(k) for k in fields} for r in shipped] == [{k: r.get(k) for k in fields} for r in shared]


@pytest.mark.parametrize("gold", list(_gold_relations()))
def test_register_holds_every_gold_relation_of_the_seeds(gold):
    """Checked against the hand-annotated gold facts of the seeds (shipped in seed_facts.json)."""
    names = {fold(n) for n in [gold["partner"], *gold.get("partner_aliases", [])]}
    matches = [
        r
        for r in Relation.objects.filter(kind__in=[gold["kind"], *gold.get("alt_kinds", [])]).select_related("partner")
        if names & {fold(n) for n in r.partner.all_names} and (r.country_code or None) == gold["country"]
    ]
    assert matches, gold
    rel = matches[0]
    assert rel.since == gold["since"]
    if gold["status"]:
        assert rel.status == gold["status"]
    assert set(gold["topics"]) <= set(rel.topics.values_list("slug", flat=True))
