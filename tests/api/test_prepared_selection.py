"""The relation list's SQL prepared once per shape answers exactly as the ORM's queryset does (#14).

The list compiles the WHERE clause of a shape (which filters, how many values) once with markers and binds each
request's values; a wrong binding would answer one question with another's values. Each shape is asked twice
with different values, and every page and the count are compared with relations_of() run by the ORM.
"""

from urllib.parse import parse_qsl

import pytest

from weltnetz.api import filters as f
from weltnetz.register.models import Actor, Relation

pytestmark = pytest.mark.django_db


def orm_ids(query: str) -> list[int]:
    values: dict = dict(parse_qsl(query))
    params = f.RelationListFilters(**values)
    return list(f.relations_of(f.checked(params)).order_by("id").values_list("id", flat=True))


def api_ids(client, query: str) -> tuple[list[int], int]:
    first = client.get(f"/api/v1/relations?{query}&page_size=3").json()
    ids = [r["id"] for r in first["results"]]
    for page in range(2, first["pages"] + 1):
        ids += [r["id"] for r in client.get(f"/api/v1/relations?{query}&page_size=3&page={page}").json()["results"]]
    return ids, first["count"]


def two_places() -> tuple[int, int]:
    busiest = Actor.objects.filter(relations_as_partner__live=True).order_by("id").distinct()
    return busiest[0].pk, busiest[1].pk


SHAPES = [
    ("kind=state_partnership", "kind=representation"),
    ("country=JP", "country=CN"),
    ("country=JP,CN", "country=FR,IT"),
    ("place_country=JP", "place_country=DE"),
    ("kind=state_partnership&place_country=CN", "kind=representation&place_country=US"),
    ("status=active", "status=dormant,ended"),
    ("since_from=1990", "since_from=2005"),
    ("since_from=1980&since_to=1999", "since_from=2000&since_to=2030"),
    ("q=Partnerschaft", "q=Kanagawa"),
    ("q=furt", "q=China"),
    ("q=und", "q=Kanagawa%20Partnerschaft"),  # a stop word only: no full text, the folded names
    ("scope=twinnings", "scope=all"),
]


@pytest.mark.parametrize("first,second", SHAPES)
def test_each_shape_answers_with_its_own_values(client, first, second):
    for query in (first, second, first):
        ids, count = api_ids(client, query)
        expected = orm_ids(query)
        assert ids == expected, query
        assert count == len(expected), query
    assert orm_ids(first) != orm_ids(second) or not orm_ids(first), "the pair must tell the values apart"


@pytest.mark.parametrize("text", ["%25", "_", "a_b", "%27", "%5C", "100%25", "日本", "Baden-Württemberg", "-", "e"])
def test_odd_texts_answer_as_the_orm_does(client, text):
    """Characters that mean something to LIKE, to SQL or to the full-text parser; a text of no word at all."""
    ids, count = api_ids(client, f"q={text}")
    expected = orm_ids(f"q={text}")
    assert ids == expected and count == len(expected), text


def test_one_place_then_another(client):
    a, b = two_places()
    for place in (a, b, a):
        ids, count = api_ids(client, f"place={place}")
        assert ids == orm_ids(f"place={place}") and count == len(ids) > 0
        assert all(
            Relation.objects.filter(pk=i).filter(home_id=place).exists()
            or Relation.objects.filter(pk=i, partner_id=place).exists()
            for i in ids
        )


def test_plain_shapes_are_prepared_and_joins_take_the_orm(client):
    def where(**values):
        return f.selection_where(f.checked(f.RelationListFilters(**values)))

    assert where(kind="municipal_partnership", place_country="DE") is not None
    assert where(q="Partnerschaft") is not None
    assert where(place=1, status="active") is not None
    for joined in ({"topic": "economy"}, {"home": "baden-wuerttemberg"}, {"as_of": "2015"}, {"continent": "asia"}):
        assert where(**joined) is None, joined


def test_a_text_that_found_no_place_and_one_that_did(client):
    """The same shape (a text, relations found) with and without places found: the places are a value too."""
    from django.db import connection

    a, b = two_places()
    some = tuple(Relation.objects.filter(live=True).order_by("id").values_list("id", flat=True)[:3])
    for sel in (
        f.Selection(text="x", text_places=(), text_relations=some),
        f.Selection(text="x", text_places=(a, b), text_relations=some),
        f.Selection(text="x", text_places=(b,), text_relations=some[:1]),
    ):
        where = f.selection_where(sel)
        assert where is not None
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM {where.table} WHERE {where.count[0]} ORDER BY id", where.count[1])
            found = [row[0] for row in cursor.fetchall()]
        assert found == list(f.relations_of(sel).order_by("id").values_list("id", flat=True)), sel


def test_shapes_kept_are_bounded(client, monkeypatch):
    """Each length of a list is a shape of its own; past MAX_SHAPES a shape is compiled but not kept."""
    monkeypatch.setattr(f, "_PREPARED", {})
    monkeypatch.setattr(f, "MAX_SHAPES", 2)
    for codes in ("JP", "JP,CN", "JP,CN,FR", "JP,CN,FR,IT"):
        ids, count = api_ids(client, f"country={codes}")
        assert ids == orm_ids(f"country={codes}") and count == len(ids)
    assert len(f._PREPARED) == 2


@pytest.mark.parametrize("read_whole", [0, 4, 2000])
def test_small_and_large_selections_page_alike(client, monkeypatch, read_whole):
    """On PostgreSQL a selection of at most READ_WHOLE relations is read whole and its ids sorted for the page, a
    larger one is paged by walking the primary key, both in the statement that counts it: both give every page
    and the count right."""
    monkeypatch.setattr(f, "READ_WHOLE", read_whole)
    for query in ("scope=all", "place_country=JP", "status=active", "q=Kanagawa"):
        ids, count = api_ids(client, query)
        expected = orm_ids(query)
        assert ids == expected, (query, read_whole)
        assert count == len(expected), (query, read_whole)
    assert len(orm_ids("scope=all")) > 4, "the register must hold selections on both sides of the limit"


@pytest.mark.parametrize(
    "query",
    [
        "facets=country",
        "facets=kind,status&kind=state_partnership",
        "ordering=partner",
        "ordering=-since&facets=topic",
        "ordering=country&q=Partnerschaft",
        "home=baden-wuerttemberg&ordering=-kind",
    ],
)
def test_pages_of_the_orms_way_follow_its_order(client, query):
    """Facets, orderings and joins take the ORM's way; on PostgreSQL each page's rows are read in one statement
    with its ids as a subquery. Every page holds the rows the ORM orders there, and the pages add up."""
    values: dict = dict(parse_qsl(query))
    order = f.ordering("ordering", values.pop("ordering", None), f.RELATION_ORDER, ["id"])
    values.pop("facets", None)
    expected = list(
        f.relations_of(f.checked(f.RelationListFilters(**values))).order_by(*order).values_list("id", flat=True)
    )
    first = client.get(f"/api/v1/relations?{query}&page_size=4").json()
    ids = [r["id"] for r in first["results"]]
    for page in range(2, first["pages"] + 1):
        ids += [r["id"] for r in client.get(f"/api/v1/relations?{query}&page_size=4&page={page}").json()["results"]]
    assert ids == expected and first["count"] == len(expected) > 4, query
