"""Partners, names and partner pages: each rule checked with invented sentences of the genre (German and English
pages of states and towns), never with the corpus documents themselves."""

import json
import os
import subprocess
import sys

from .conftest import REPO, facts_of, relation


def partners(facts: dict) -> set[tuple[str, str | None, str]]:
    return {(r["partner"], r["country"], r["kind"]) for r in facts["relations"]}


# -- names ----------------------------------------------------------------------------------------------
def test_a_type_word_in_brackets_is_not_the_partner():
    facts = facts_of("Das Land pflegt seit 2019 eine Partnerschaft mit der Region (Oblast) Poltawa.")
    assert partners(facts) == {("Poltawa", "UA", "state_partnership")}


def test_slash_joined_variants_name_one_partner():
    facts = facts_of("Die Stadt pflegt eine Städtepartnerschaft mit Pressburg/Bratislava in der Slowakei.")
    assert [r["partner"] for r in facts["relations"]] == ["Pressburg"]
    assert relation(facts, "Pressburg")["country"] == "SK"


def test_slash_between_home_and_partner_keeps_the_partner():
    facts = facts_of("Partnerschaftliche Beziehungen Baden-Württemberg/Liaoning bestehen seit 1982.")
    assert partners(facts) == {("Liaoning", "CN", "state_partnership")}


def test_an_inflected_country_name_is_reported_in_the_nominative():
    facts = facts_of("Das Land will die Zusammenarbeit mit der Slowakischen Republik weiter ausbauen.")
    assert partners(facts) == {("Slowakische Republik", "SK", "cooperation")}


def test_a_type_word_can_name_the_country():
    facts = facts_of("Das Saarland arbeitet mit dem Département Meuse in der Berufsbildung eng zusammen.")
    assert partners(facts) == {("Meuse", "FR", "cooperation")}


def test_a_place_the_document_locates_elsewhere_takes_that_country():
    text = (
        "Die Stadt hat 2005 eine Städtepartnerschaft mit Nowy Port geschlossen.\n\n"
        "Die polnische Hafenstadt Nowy Port liegt an der Ostsee."
    )
    assert ("Nowy Port", "PL", "municipal_partnership") in partners(facts_of(text))


def test_a_region_named_after_its_capital_takes_the_towns_country():
    facts = facts_of("Das Land und die Region Charkiw haben heute eine Partnerschaft vereinbart.")
    assert partners(facts) == {("Charkiw", "UA", "state_partnership")}


def test_a_surname_that_is_a_town_is_no_partner():
    text = (
        "Zum Jubiläum der Städtepartnerschaft mit Rennes sprach Stadtrat Marco Verona, danach dankte "
        "Florence Lasserre-David allen Gästen."
    )
    assert partners(facts_of(text)) == {("Rennes", "FR", "municipal_partnership")}


def test_a_word_opening_a_sentence_is_no_town():
    # "Auch" is a town in France, and an adverb that opens sentences.
    text = "# Partnerstädte\n\nAuch die Vereine tragen die Partnerschaften.\n\nDie Stadt am Meer heißt Durban."
    assert "Auch" not in {r["partner"] for r in facts_of(text, "page.md")["relations"]}


def test_a_place_word_after_a_region_is_no_surname():
    facts = facts_of("Lower Saxony maintains a partnership with Eastern Cape Province in South Africa.")
    assert ("Eastern Cape", "ZA", "state_partnership") in partners(facts)


def test_a_town_named_beside_the_partner_is_where_it_lies():
    facts = facts_of("Die Partnerschaft mit Puschkin bei Sankt Petersburg besteht seit 1992.")
    assert "Sankt Petersburg" not in {r["partner"] for r in facts["relations"]}


def test_after_a_noun_for_regions_a_name_of_a_region_and_a_country_is_the_region():
    facts = facts_of("Die Regierungschefs unserer Partnerregionen Georgia und Québec kommen nach München.")
    assert partners(facts) == {("Georgia", "US", "state_partnership"), ("Québec", "CA", "state_partnership")}


# -- partner pages --------------------------------------------------------------------------------------
def test_headings_of_a_partner_page_name_its_partners():
    page = (
        "URL: https://www.example-stadt.de/partnerstaedte\n\n"
        "# Unsere Partnerstädte\n\n"
        "Die Stadt ist mit vier Städten in Europa verbunden.\n\n"
        "## Kolding (Dänemark)\n\nDie Hafenstadt am Kolding Fjord. Seit 1977 besuchen sich Schulklassen.\n\n"
        "## Sopot, Polen\n\nSeebad an der Danziger Bucht.\n\n"
        "## Reggio Emilia\n\nDie Stadt in der Emilia-Romagna ist seit 1988 verbunden.\n\n"
        "## Vyborg\n\nDie Partnerschaft mit Vyborg bei Sankt Petersburg ruht seit 2022.\n\n"
        "## Ausblick\n\nEine Partnerschaft mit einer Stadt in Portugal ist im Gespräch.\n"
    )
    facts = facts_of(page, "page.md")
    assert partners(facts) == {
        ("Kolding", "DK", "municipal_partnership"),
        ("Sopot", "PL", "municipal_partnership"),
        ("Reggio Emilia", "IT", "municipal_partnership"),
        ("Vyborg", "RU", "municipal_partnership"),
    }
    assert relation(facts, "Vyborg")["status"] == "dormant"


def test_a_heading_item_whose_section_only_plans_a_partnership_is_none():
    page = (
        "# Partnerregionen des Landes\n\n"
        "## Region Occitanie (Frankreich)\n\nSeit 2004 verbindet das Land eine Partnerschaft mit Okzitanien.\n\n"
        "## Provinz Sichuan (China)\n\nBeide Seiten führten Gespräche über eine mögliche künftige Partnerschaft.\n"
    )
    found = {r["partner"] for r in facts_of(page, "page.md")["relations"]}
    assert "Sichuan" not in found and found


def test_a_heading_item_whose_section_calls_it_only_a_cooperation_is_one():
    page = (
        "# Partnerregionen\n\n"
        "## Gebiet Odessa (Ukraine)\n\n"
        "Seit 2022 arbeitet das Land mit dem Gebiet Odessa beim Wiederaufbau von Schulen zusammen.\n"
    )
    assert partners(facts_of(page, "page.md")) == {("Odessa", "UA", "cooperation")}


def test_paragraphs_of_a_town_partner_page_each_name_a_partner():
    page = (
        "URL: https://www.example-stadt.de/partnerstaedte/\n\n"
        "Die Stadt pflegt heute fünf Städtepartnerschaften.\n\n"
        "Lyon ist die drittgrößte Stadt Frankreichs. Schulen beider Städte tauschen sich aus.\n\n"
        "In Kraków erinnert vieles an die Hansezeit.\n\n"
        "Mit Bergen verbindet die Stadt der Handel über die Nordsee.\n\n"
        "Auch die Vereine der Stadt engagieren sich.\n"
    )
    facts = facts_of(page)
    assert partners(facts) == {
        ("Lyon", "FR", "municipal_partnership"),
        ("Kraków", "PL", "municipal_partnership"),
        ("Bergen", "NO", "municipal_partnership"),
    }


def test_a_region_page_names_partners_in_captions():
    page = (
        "URL: https://www.example-land.de/partnerregionen/\n\n"
        "# Partnerregionen in Europa\n\n"
        "Das Land ist mit Regionen in unseren Nachbarländern Polen und Frankreich verbunden.\n\n"
        "Die Grafik zeigt das Logo der Woiwodschaft Lebus.\n"
    )
    assert partners(facts_of(page, "page.md")) == {("Lebus", "PL", "state_partnership")}


# -- the same output every run --------------------------------------------------------------------------
def test_output_does_not_depend_on_the_hash_seed():
    code = (
        "from weltnetz_extract import extract;"
        "print(extract('Die Deutsch-Polnische Regierungskommission tagte in Berlin.').to_json())"
    )
    outs = []
    for seed in ("1", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        outs.append(json.loads(done.stdout))
    assert outs[0] == outs[1]
    assert [r["partner"] for r in outs[0]["relations"]] == ["Polen"]


# -- a town's partnerships --------------------------------------------------------------------------------
def test_a_towns_partnerships_are_twinnings_and_bracketed_countries_only_place_them():
    text = (
        "URL: https://www.erlangen.de/aktuelles/partnerschaften\n\n"
        "Die Stadt Erlangen pflegt Partnerschaften mit Eskilstuna (Schweden), Jena und Cumiana (Italien)."
    )
    assert partners(facts_of(text)) == {
        ("Eskilstuna", "SE", "municipal_partnership"),
        ("Cumiana", "IT", "municipal_partnership"),
    }


# -- status -------------------------------------------------------------------------------------------------
def test_a_cooperation_said_to_be_deepened_is_active_one_merely_kept_is_not_stated():
    deepened = facts_of("Das Land und das Département Doubs wollen ihre Zusammenarbeit weiter vertiefen.")
    assert relation(deepened, "Doubs")["status"] == "active"
    kept = facts_of(
        "Im Rahmen der Gedenkarbeit unterhält das Land mit der Gemeinde Marzabotto in Italien eine Zusammenarbeit."
    )
    assert relation(kept, "Marzabotto")["status"] is None


def test_a_pause_followed_by_an_end_is_an_end():
    text = (
        "Die Stadt pflegte seit 2005 eine Städtepartnerschaft mit Wolgograd. Nach dem Angriff auf die Ukraine hat "
        "die Stadt die Partnerschaft mit Wolgograd ausgesetzt und Ende 2022 auslaufen lassen."
    )
    assert relation(facts_of(text), "Wolgograd")["status"] == "ended"


def test_an_end_of_something_else_leaves_the_partnership_as_it_is():
    text = (
        "25 Jahre Städtepartnerschaft mit Olten (Schweiz) feierte die Stadt am Samstag. Der Stadtpräsident von "
        "Olten sprach ein Grußwort; die Amtszeit des Oberbürgermeisters endete mit dem Fest."
    )
    assert relation(facts_of(text), "Olten")["status"] == "active"


def test_contacts_that_rest_make_the_partnership_dormant():
    page = (
        "# Partnerstädte\n\n## Kaluga (Russland)\n\n"
        "Die Partnerschaft mit Kaluga besteht seit 1991. Seit Februar 2022 ruhen alle offiziellen Kontakte.\n"
    )
    assert relation(facts_of(page, "page.md"), "Kaluga")["status"] == "dormant"
