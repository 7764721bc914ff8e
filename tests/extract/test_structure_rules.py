"""Lists, enumerations, publishers and English wording, each checked with invented sentences of the genre."""

import pytest

from weltnetz_extract import ExtractOptions, ExtraPlace, extract

from .conftest import facts_of, relation


def test_enumeration_after_a_plural_partner_noun_prefers_regions():
    text = (
        "Der Ministerpräsident begrüßt die Regierungschefs unserer fünf Partnerregionen Georgia, Québec, "
        "Shandong, Oberösterreich und Westkap in München."
    )
    facts = facts_of(text)
    got = {(r["partner"], r["country"], r["kind"]) for r in facts["relations"]}
    assert ("Georgia", "US", "state_partnership") in got  # the US state, not the country Georgien
    assert {p for p, _, _ in got} == {"Georgia", "Québec", "Shandong", "Oberösterreich", "Westkap"}
    assert all(r["status"] == "active" for r in facts["relations"])


def test_list_items_with_comma_country_and_full_since_date():
    page = (
        "# Unsere Partnerstädte\n\nDie Stadt pflegt Städtepartnerschaften mit diesen Städten:\n\n"
        "- Ostrava, Tschechien seit 1968\n- Zamość, Polen seit 1991\n- Heimstadt, innerdeutsche Partnerschaft\n"
    )
    facts = facts_of(page, "page.md")
    assert (relation(facts, "Ostrava")["country"], relation(facts, "Ostrava")["since"]) == ("CZ", 1968)
    assert relation(facts, "Zamość")["kind"] == "municipal_partnership"
    assert not [r for r in facts["relations"] if r["partner"] in ("Tschechien", "Polen")]


def test_region_list_with_seat_in_brackets_and_status_of_its_own():
    page = (
        "Partnerschaftliche Beziehungen des Landes bestehen mit:\n\n"
        "- der Woiwodschaft Kleinpolen (Verwaltungssitz Krakau):\n"
        "- Aquitaine (Frankreich): Partnerschaft besteht seit dem 3. Mai 1995\n"
        "- die Partnerschaft mit dem Leningrader Gebiet (Verwaltungssitz St. Petersburg) ist ausgesetzt\n"
    )
    facts = facts_of(page, "page.md")
    assert relation(facts, "Kleinpolen")["country"] == "PL"
    assert relation(facts, "Aquitaine")["since"] == 1995
    assert relation(facts, "Leningrader Gebiet")["status"] == "dormant"


def test_countries_named_as_locations_are_no_partners():
    text = (
        "Besonders zu nennen sind die beiden Partnerschaften mit Regionen in unseren Nachbarländern Polen und "
        "Frankreich. Der Angriffskrieg auf die Ukraine hat dieser Partnerschaft ein Ende bereitet."
    )
    assert facts_of(text)["relations"] == []


def test_a_town_in_a_persons_name_is_no_partner():
    text = (
        "Zur Feier der Städtepartnerschaft mit Olten (Schweiz) sprachen Dr. Martin Wey und die Abgeordnete "
        "Florence Lasserre-David."
    )
    partners = {r["partner"] for r in facts_of(text)["relations"]}
    assert partners == {"Olten"}


def test_a_place_in_a_role_is_an_affiliation_not_a_partner():
    text = "Die Botschafterin der Republik Lettland lobte die gute Zusammenarbeit der beiden Städte."
    assert facts_of(text)["relations"] == []


def test_commission_and_partnership_with_one_partner_are_two_relations():
    text = (
        "Die Delegation besuchte die chinesische Partnerprovinz Hebei, um dort die Gemischte Arbeitsgruppe "
        "für wirtschaftliche Zusammenarbeit zwischen dem Land und Hebei abzuhalten."
    )
    kinds = sorted(r["kind"] for r in facts_of(text)["relations"] if r["partner"] == "Hebei")
    assert kinds == ["joint_commission", "state_partnership"]


def test_gemeinsam_mit_names_its_partner_right_after_it():
    text = "Gemeinsam mit unserer Autorin lernen Sie die Toskana mit dem Auto kennen."
    assert facts_of(text)["relations"] == []


def test_english_partner_regions_and_sister_cities():
    text = (
        "The State maintains the following regional partnerships:\n\n"
        "- in Poland with the voivodeships of Lesser Poland and Silesia,\n"
        "- in France with Normandy,\n"
        "- and a project-partnership with Rwanda.\n"
    )
    facts = facts_of(text, "page.md")
    assert relation(facts, "Lesser Poland")["country"] == "PL"
    assert relation(facts, "Silesia")["kind"] == "state_partnership"
    assert relation(facts, "Normandy")["country"] == "FR"
    assert relation(facts, "Rwanda")["country"] == "RW"
    assert not [r for r in facts["relations"] if r["partner"] in ("Poland", "France")]


@pytest.mark.parametrize(
    ("url", "home", "partner", "country"),
    [
        ("https://www.musterstadt.de/partnerstaedte/", None, None, None),
        ("https://www.parliament.example.gov.za/node/1", "Western Cape", "Bavaria", "DE"),
    ],
)
def test_publisher_from_the_url_sets_the_home_and_what_is_domestic(url, home, partner, country):
    from weltnetz_extract import read_document
    from weltnetz_extract.gazetteer import default_gazetteer
    from weltnetz_extract.publisher import detect_publisher

    text = (
        f"URL: {url}\n\nThe 20th anniversary in 2015 of the bilateral agreement between the Western Cape and Bavaria."
    )
    doc = read_document(text, name="page.txt")
    publisher = detect_publisher(doc, default_gazetteer(), "Baden-Württemberg")
    if home is None:
        return
    assert (publisher.name, publisher.country) == (home, "ZA")
    rel = relation(extract(doc).to_dict(), partner)
    assert (rel["country"], rel["since"]) == (country, 1995)


def test_publisher_town_from_host():
    from weltnetz_extract import read_document
    from weltnetz_extract.gazetteer import default_gazetteer
    from weltnetz_extract.publisher import detect_publisher

    doc = read_document("URL: https://www1.kassel.de/rathaus/\n\nText über die Stadt.", name="p.txt")
    publisher = detect_publisher(doc, default_gazetteer(), "Baden-Württemberg")
    assert (publisher.name, publisher.country, publisher.town) == ("Kassel", "DE", True)


def test_home_override_makes_its_country_domestic():
    text = "Die Partnerschaft zwischen Bayern und dem Westkap besteht seit 1995."
    facts = extract(text, ExtractOptions(home_region="Westkap", detect_home=False)).to_dict()
    assert relation(facts, "Bayern")["country"] == "DE"


def test_extra_places_from_the_caller():
    text = "Die Städtepartnerschaft mit Kleinhausen am See besteht seit 1977."
    assert facts_of(text)["relations"] == []
    extra = (ExtraPlace("Kleinhausen am See", "AT", "city", aliases=("Kleinhausen",)),)
    facts = extract(text, ExtractOptions(extra_places=extra)).to_dict()
    assert (relation(facts, "Kleinhausen am See")["country"], relation(facts, "Kleinhausen am See")["since"]) == (
        "AT",
        1977,
    )
    with pytest.raises(ValueError, match="kind"):
        ExtraPlace("X", "AT", "village")
