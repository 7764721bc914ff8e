"""Topics: which words name a field of cooperation, and which relations a field stated once belongs to.
Every case is an invented sentence of the genre (press releases and overview pages of states and towns)."""

import pytest

from weltnetz_extract.topics import slugs_of

from .conftest import facts_of, relation


def topics(text: str, partner: str, name: str = "page.md") -> set[str]:
    return set(relation(facts_of(text, name), partner)["topics"])


@pytest.mark.parametrize(
    ("sentence", "slugs"),
    [
        ("Die Zusammenarbeit gilt der Urbanisierung.", {"urban"}),
        ("Gemeinsame Projekte in der Informationstechnologie und bei CO2-neutralen Häfen.", {"digital", "climate"}),
        ("Themen waren Startups, IT und Cybersecurity.", {"economy", "digital"}),
        ("Der Austausch in der Pflege und der Altenpflege wird ausgebaut.", {"health"}),
        ("Im Mittelpunkt stehen grüne Entwicklung und Wasserstoff.", {"environment", "energy"}),
    ],
)
def test_field_words_and_synonyms(sentence, slugs):
    assert slugs_of(sentence) == slugs


@pytest.mark.parametrize(
    "sentence",
    [
        "Der Ausschuss für Umwelt und Verkehr tagte.",  # a committee's name
        "Die Kommission für Entwicklung und Reform der Provinz empfing die Gäste.",
        "Vertreter des Verkehrs-, Wissenschafts- und Sozialministeriums reisten mit.",  # ministries in a delegation
        "Die Kultusministerin und der Wirtschaftsminister begleiteten die Reise.",  # roles
        "Das neue Jugendticket gilt auch in der Partnerstadt.",  # a product
        "Die wirtschaftsstarke Region ist ein bedeutender Automobilstandort.",  # praise
        "Uns verbindet die gemeinsame Begeisterung für Innovation.",
        "Die Partnerschaften verbinden Verwaltung, Wirtschaft und Zivilgesellschaft.",  # who takes part
        "Getragen wird das Bündnis von Politik, Wirtschaft und Hochschulen.",
        "Die Pflege sportlicher Kontakte ist den Vereinen wichtig.",  # keeping contacts up, not care
        "Die Gäste stellten ihre Region mit kulturellen Darbietungen vor.",  # an event, not a field
        "Die Experten schulten die Mitarbeiter vor Ort.",
        "Ein Schwerpunkt ist die Jugendmobilität.",  # youth exchange, not transport
    ],
)
def test_names_of_bodies_products_praise_and_actors_are_no_fields(sentence):
    assert slugs_of(sentence) - {"youth"} == set()


def test_adjectives_count_where_they_qualify_the_relations():
    assert slugs_of("Die politischen, wirtschaftlichen und kulturellen Beziehungen werden ausgebaut.") == {
        "economy",
        "culture",
    }


def test_topics_stated_for_a_group_go_to_every_member():
    text = "Mit den Nachbarländern Polen und Tschechien arbeitet das Land in Verkehr, Bildung und Tourismus zusammen."
    facts = facts_of(text)
    for country in ("Polen", "Tschechien"):
        assert set(relation(facts, country)["topics"]) == {"mobility", "education", "tourism"}


def test_plural_anaphor_and_continuation_sentence_give_topics_to_the_listed_towns():
    page = (
        "# Unsere Partnerstädte\n\n- Ostrava, Tschechien seit 1968\n- Zamość, Polen seit 1991\n\n"
        "Eine große Rolle in unseren Städtepartnerschaften spielen der Jugendaustausch und die Pflege sportlicher "
        "Kontakte. Hinzu kommen Wirtschaftskontakte und Kulturprojekte."
    )
    facts = facts_of(page, "page.md")
    for town in ("Ostrava", "Zamość"):
        assert set(relation(facts, town)["topics"]) == {"youth", "economy", "culture"}


def test_fields_stated_before_a_list_go_to_the_kept_up_partnerships_only():
    page = (
        "Die Zusammenarbeit erstreckt sich über die Bereiche Tourismus, Gesundheitswirtschaft und Jugend.\n\n"
        "Partnerschaftliche Beziehungen des Landes bestehen mit:\n\n- der Woiwodschaft Kleinpolen\n"
        "- der Region Toskana\n- die Partnerschaft mit dem Leningrader Gebiet ist ausgesetzt\n"
    )
    facts = facts_of(page, "page.md")
    assert set(relation(facts, "Toskana")["topics"]) == {"tourism", "health", "youth"}
    assert set(relation(facts, "Kleinpolen")["topics"]) == {"tourism", "health", "youth"}
    assert relation(facts, "Leningrader Gebiet")["topics"] == []  # suspended: its fields are not current


def test_a_fair_the_partners_attend_gives_them_no_topics():
    text = (
        "Das Land arbeitet mit seinen Partnerregionen Toskana und Kleinpolen eng zusammen. Dazu zählt die "
        "Teilnahme der Partnerregionen am Landesfest, wo sie sich mit kulturellen Darbietungen vorstellen."
    )
    assert topics(text, "Toskana") == set()


def test_a_commissions_topics_are_its_partnerships_too():
    text = (
        "Die Delegation besuchte die Partnerprovinz Hubei. Die Gemischte Kommission zwischen dem Land und Hubei "
        "tagte in Wuhan. Im Rahmen der Gemischten Kommission wurden die Themen Wasserstoff und Berufsbildung "
        "behandelt."
    )
    facts = facts_of(text)
    for r in facts["relations"]:
        assert set(r["topics"]) == {"energy", "education"}, r["kind"]
    assert {r["kind"] for r in facts["relations"]} == {"state_partnership", "joint_commission"}


def test_a_network_described_by_its_field():
    text = "Das Land hat das Klimabündnis Under2 Coalition mitbegründet, eine Klimaallianz von Regionen."
    assert "climate" in topics(text, "Under2 Coalition")
