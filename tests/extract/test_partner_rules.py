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


# -- networks by their shape ------------------------------------------------------------------------------
def networks(facts: dict) -> dict[str, str | None]:
    return {r["partner"]: r["status"] for r in facts["relations"] if r["kind"] == "network_membership"}


def test_networks_are_recognised_by_their_shape_where_the_home_takes_part():
    text = (
        "Das Land wirkt im Hochrhein-Forum und in der ARGE ALP mit. Zudem arbeitet es im Eurodistrikt PAMINA und "
        "im Interregionalen Parlamentarierrat zusammen. Seit 2009 ist das Land Mitglied der Konferenz der "
        "Nordseeregionen."
    )
    found = networks(facts_of(text))
    assert set(found) == {
        "Hochrhein-Forum",
        "Arge Alp",  # the list's name of it
        "Eurodistrikt PAMINA",
        "Interregionaler Parlamentarierrat",
        "Konferenz der Nordseeregionen",
    }
    assert found["Hochrhein-Forum"] == "active" and found["Konferenz der Nordseeregionen"] is None


def test_english_networks_and_an_acronym_after_a_membership():
    text = "The region is an active member of the Assembly of Adriatic Regions and of the Danube Euroregion."
    assert set(networks(facts_of(text))) == {"Assembly of Adriatic Regions", "Danube Euroregion"}
    assert set(networks(facts_of("Seit 2012 ist das Land Mitglied von ECRN, dem Netzwerk der Chemieregionen."))) == {
        "ECRN"
    }


def test_bodies_of_people_and_the_homes_own_strategy_are_no_networks():
    text = (
        "Die Ministerin ist Mitglied im Aufsichtsrat der Messe. Die Vereinbarung ist Teil der Frankreichstrategie "
        "des Saarlandes. The delegation met with Members of the WCPP."
    )
    assert networks(facts_of(text)) == {}


def test_a_list_of_networks_names_each_before_its_explanation():
    page = (
        "Das Land wirkt in mehreren Netzwerken des Ostseeraums mit:\n\n"
        "- BSSSC – Baltic Sea States Subregional Co-operation\n"
        "- STRING – Netzwerk für grüne Wachstumskorridore\n"
    )
    assert set(networks(facts_of(page, "page.md"))) == {"BSSSC", "STRING"}


def test_the_summit_of_the_partner_regions_is_a_network():
    text = "Im Juli findet die 9. Regierungschefkonferenz der Partnerregionen in Quebec statt."
    assert "Regierungschefkonferenz der Partnerregionen" in networks(facts_of(text))


def test_a_network_whose_founding_is_reported_is_active():
    text = "Gemeinsam mit Kalifornien hat das Land den Grundstein für die Klimaallianz Under2 Coalition gelegt."
    assert networks(facts_of(text)) == {"Under2 Coalition": "active"}


# -- since ------------------------------------------------------------------------------------------------
def since_of(text: str, partner: str, name: str = "doc.txt") -> int | None:
    return relation(facts_of(text, name), partner)["since"]


def test_the_first_signing_or_founding_dates_the_relation():
    assert (
        since_of(
            "Das Land und die Provinz Zeeland arbeiten seit der Unterzeichnung einer Absichtserklärung 2014 eng "
            "zusammen. Nun wurde die Partnerschaft mit Zeeland 2024 erneuert.",
            "Zeeland",
        )
        == 2014
    )
    assert since_of("Erstmals hatten das Land und Ontario 1987 ihre Zusammenarbeit vereinbart.", "Ontario") == 1987


def test_the_founding_of_a_commission_dates_the_commission():
    text = (
        "Zum zehnten Mal tagte die Gemischte Kommission Brandenburg – Großpolen. Seit ihrer Gründung im Jahr 2012 "
        "berät sie über gemeinsame Projekte."
    )
    facts = facts_of(text)
    assert [r["since"] for r in facts["relations"] if r["kind"] == "joint_commission"] == [2012]
    text = "Mit Gründung der Gemischten Kommission im Jahr 2007 bekam die Zusammenarbeit mit Serbien einen Rahmen."
    assert [r["since"] for r in facts_of(text)["relations"] if r["kind"] == "joint_commission"] == [2007]


def test_a_celebration_date_is_not_the_start():
    text = (
        "Am 3. Mai 2023 feiert die Partnerschaft mit der Region Piemont ihren 20. Geburtstag; gegründet wurde sie "
        "am 3. Mai 2003 in Turin."
    )
    assert since_of(text, "Piemont") == 2003


def test_the_date_of_a_listing_entry_dates_an_agreement_made_today():
    page = (
        "Pressemitteilungen\n\nStaatskanzlei | 22.09.2023\n\nDas Land und die Region Tschernihiw vereinbaren "
        "Partnerschaft\n\nDas Land und die ukrainische Region Tschernihiw haben heute eine Partnerschaft vereinbart."
    )
    assert since_of(page, "Tschernihiw") == 2023


def test_each_partner_takes_its_own_anniversary():
    text = (
        "Altstadt, 03.07.2018\n\nDas Wochenende stand im Zeichen zweier Jubiläen: 30 Jahre Städtepartnerschaft mit "
        "Offenbach, 25 Jahre Städtepartnerschaft mit Olten (Schweiz)."
    )
    assert since_of(text, "Olten") == 1993


def test_a_founding_word_dates_the_partner_of_its_clause():
    text = (
        "Die Stadt und die belgische Küstengemeinde Middelkerke sind seit 1971 Partnerstädte, Clevedon in der "
        "englischen Grafschaft Somerset kam 1980 hinzu."
    )
    facts = facts_of(text)
    assert (relation(facts, "Middelkerke")["since"], relation(facts, "Clevedon")["since"]) == (1971, 1980)


def test_the_anniversary_of_another_event_does_not_date_the_relation():
    text = (
        "Zum 82. Jahrestag der Zerstörung von Lidice legte der Minister einen Kranz nieder. Seit 2012 reisen jedes "
        "Jahr Schülerinnen und Schüler nach Lidice, um das Gedenken an die Opfer wachzuhalten."
    )
    rel = relation(facts_of(text), "Lidice")
    assert (rel["kind"], rel["since"], rel["status"]) == ("cooperation", 2012, "active")


def test_an_english_founding_year_before_a_comma():
    text = (
        "URL: https://trade.example.org/sister-states/\n\nWisconsin maintains a sister-state relationship with "
        "Hessen. The relationship was established in 1976, and students visit each year."
    )
    assert since_of(text, "Hessen") == 1976


# -- kinds, offices, parks ----------------------------------------------------------------------------------
def test_a_house_named_after_the_home_abroad_is_a_representation():
    text = (
        "URL: https://www.rlp.de/de/europa\n\n"
        "Der Landtag unterhält das Haus Rheinland-Pfalz als kulturelles Zentrum in Dijon."
    )
    rel = relation(facts_of(text), "Dijon")
    assert (rel["kind"], rel["country"], rel["status"]) == ("representation", "FR", "active")


def test_a_park_abroad_partners_the_homes_park():
    text = "Der Nationalpark Eifel und der belgische Nationalpark Hohes Venn feiern zehn Jahre Partnerschaft."
    rel = relation(facts_of(text), "Nationalpark Hohes Venn")
    assert (rel["kind"], rel["country"], rel.get("home")) == ("cooperation", "BE", "Nationalpark Eifel")


def test_a_universitys_seat_and_a_former_name_are_no_partners():
    text = (
        "Die Hochschule kooperiert mit der Technischen Universität Gdańsk. Die Partnerschaft wurde 2001 mit der "
        "damaligen Region Picardie begründet und mit der Region Hauts-de-France fortgeführt."
    )
    assert {r["partner"] for r in facts_of(text)["relations"]} == {"Hauts-de-France"}


def test_a_state_twinned_with_a_country_is_its_partner():
    text = "URL: https://www.rlp.de/en/\n\nRhineland-Palatinate has been twinned with Rwanda since 1982."
    rel = relation(facts_of(text), "Rwanda")
    assert (rel["kind"], rel["since"]) == ("state_partnership", 1982)


def test_a_sentence_that_only_plans_a_partnership_gives_none_an_anniversary_beside_plans_does():
    assert facts_of("Eine Partnerschaft mit der Provinz Hebei ist im Gespräch.")["relations"] == []
    text = (
        "Talks included the 20th anniversary in 2015 of the bilateral agreement between the Western Cape and "
        "Bavaria, as well as possible future co-operation."
    )
    assert relation(facts_of(text), "Western Cape")["since"] == 1995


def test_a_cooperation_later_called_the_partnership_of_both_regions_is_one():
    text = (
        "Brandenburg und Lubuskie bekräftigen Zusammenarbeit\n\n"
        "Die Partnerschaft der beiden Nachbarregionen besteht seit 1997."
    )
    rel = relation(facts_of(text), "Lubuskie")
    assert (rel["kind"], rel["since"]) == ("state_partnership", 1997)


def test_von_after_a_relation_noun_names_the_partner():
    text = "Die Verbindungen von Kalifornien und dem Land sollen weiter ausgebaut werden."
    assert relation(facts_of(text), "Kalifornien")["kind"] == "cooperation"


# -- publishers --------------------------------------------------------------------------------------------
def test_a_partner_regions_english_page_on_a_generic_domain_is_its_own():
    page = (
        "URL: https://trade.example.org/partners/\n\n"
        "Ohio's Sister-State Relationships\n\n"
        "Ohio maintains sister-state relationships with regions around the world.\n\n"
        "Baden-Württemberg, Germany\n\nSister state since 2005."
    )
    rel = relation(facts_of(page), "Baden-Württemberg")
    assert (rel["country"], rel["kind"], rel["since"]) == ("DE", "state_partnership", 2005)


def test_a_towns_address_with_umlauts_spelt_out_names_the_home():
    from weltnetz_extract import read_document
    from weltnetz_extract.gazetteer import default_gazetteer
    from weltnetz_extract.publisher import detect_publisher

    doc = read_document("URL: https://www.tuebingen.de/partnerstaedte\n\nPartnerstädte\n\nText.")
    assert detect_publisher(doc, default_gazetteer(), "Baden-Württemberg").name == "Tübingen"


# -- a partner named only in the next sentence ----------------------------------------------------------------
def test_a_partner_named_only_in_the_next_sentence():
    text = (
        "Anfang der 1960er Jahre wurde für die neue Städtepartnerschaft eine schottische Stadt gesucht. "
        "Die Wahl fiel auf Dundee."
    )
    assert partners(facts_of(text)) == {("Dundee", "GB", "municipal_partnership")}
    text = "Der Kreis suchte eine Partnerregion in Litauen. Man entschied sich schließlich für die Region Kaunas."
    assert partners(facts_of(text)) == {("Kaunas", "LT", "state_partnership")}


def test_a_search_without_a_choice_names_no_partner():
    text = "Die Stadt sucht eine Partnerstadt in Italien. Die Wahl des Bürgermeisters fiel auf einen Sonntag."
    assert facts_of(text)["relations"] == []
