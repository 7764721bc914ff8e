"""Start years from anniversaries and beginnings in German and English wording (issue #10)."""

from weltnetz_extract.dates import anniversary_start, find_dates


def test_an_anniversary_counts_from_the_year_it_is_celebrated_not_from_a_seit_year():
    text = "Seit 1963 ist Innsbruck Partnerstadt; im Jahr 2023 wurde das 60-jährige Jubiläum gefeiert."
    assert anniversary_start(text, None) == 1963


def test_the_celebration_year_nearest_the_anniversary_is_taken():
    assert anniversary_start("Zum 35-jährigen Jubiläum der Partnerschaft reiste er 2024 nach Japan.", 2020) == 1989


def test_english_years_of_partnership():
    assert anniversary_start("In 2025 Karlsruhe and Nancy celebrate 70 years of friendship.", None) == 1955


def test_vor_n_jahren_with_a_signing_and_the_document_year():
    text = "Vor 40 Jahren unterzeichneten die Bürgermeister beider Städte die Partnerschaftsurkunde."
    assert anniversary_start(text, 2021) == 1981
    assert anniversary_start("Vor 40 Jahren war hier noch ein Acker.", 2021) is None


def test_a_relation_n_years_old():
    assert anniversary_start("Die Partnerschaft mit Hubei wird in diesem Jahr 15 Jahre alt.", 2023) == 2008
    assert anniversary_start("Die Schülerin ist 15 Jahre alt.", 2023) is None


def test_english_country_names_are_places():
    from weltnetz_extract.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    for name, code in (("Russia", "RU"), ("Czechia", "CZ"), ("South Korea", "KR")):
        place = gaz.lookup(name)
        assert place is not None and place.country == code


def test_dates_in_order():
    assert [d.year for d in find_dates("gegründet 1972, gefeiert am 12. Oktober 2022")] == [1972, 2022]


def _facts(tmp_path, text, url="https://www.stk.niedersachsen.de/presse/x"):
    import json

    from weltnetz_extract import extract

    path = tmp_path / "doc.txt"
    path.write_text(f"URL: {url}\n\n{text}\n", encoding="utf-8")
    return json.loads(extract(path).to_json())


def test_the_partnership_of_the_two_regions_named_in_the_sentence_before(tmp_path):
    for text in (
        "Niedersachsen und die südafrikanische Provinz Ostkap haben heute eine Absichtserklärung unterzeichnet. "
        "Die Partnerschaft der beiden Regionen besteht seit 1995.",
        "Lower Saxony and the South African province of Eastern Cape today signed a memorandum of understanding.\n\n"
        "The partnership between the two regions was established in 1995.",
    ):
        [rel] = _facts(tmp_path, text)["relations"]
        assert (rel["kind"], rel["country"], rel["since"], rel["status"]) == ("state_partnership", "ZA", 1995, "active")


def test_a_pause_since_a_year_is_not_the_start(tmp_path):
    text = (
        "Lower Saxony also maintains a partnership with the Chinese province of Anhui, in place since 1984; "
        "exchanges with Anhui have been on hold since 2020."
    )
    [rel] = _facts(tmp_path, text)["relations"]
    assert (rel["partner"], rel["since"], rel["status"]) == ("Anhui", 1984, "dormant")


def test_a_begun_cooperation_gives_its_year(tmp_path):
    text = "Die im Jahr 2007 begonnene Zusammenarbeit mit dem russischen Gebiet Tscheljabinsk bleibt ausgesetzt."
    [rel] = _facts(tmp_path, text, "https://www.medienservice.sachsen.de/x")["relations"]
    assert (rel["since"], rel["status"]) == (2007, "dormant")


def test_english_list_after_an_intro_paragraph_without_colon(tmp_path):
    text = (
        "Karlsruhe has five partner cities.\n\n"
        "- Nancy (France) – Karlsruhe has been twinned with Nancy since 1955.\n"
        "- Krasnodar (Russia) – twinned in 1992. The partnership has been suspended since March 2022.\n"
    )
    path = tmp_path / "partner-cities.md"
    path.write_text(text, encoding="utf-8")
    import json

    from weltnetz_extract import extract

    rels = {r["partner"]: r for r in json.loads(extract(path).to_json())["relations"]}
    assert rels["Nancy"]["since"] == 1955 and rels["Nancy"]["kind"] == "municipal_partnership"
    assert (rels["Krasnodar"]["since"], rels["Krasnodar"]["status"]) == (1992, "dormant")


def test_bracketed_other_name_is_the_same_partner(tmp_path):
    text = "Sachsen und die tschechische Region Ústí (Ústecký kraj) haben heute eine Partnerschaft vereinbart."
    rels = _facts(tmp_path, text, "https://www.medienservice.sachsen.de/x")["relations"]
    assert [r["partner"] for r in rels] == ["Ústí"]


def test_a_country_coordinated_with_a_region_and_a_sought_partnership(tmp_path):
    text = (
        "Rheinland-Pfalz pflegt außerdem Partnerschaften mit Burgund-Franche-Comté und Ruanda. "
        "Mit der südschwedischen Region Skåne strebt die Landesregierung eine Partnerschaft an."
    )
    rels = _facts(tmp_path, text, "https://www.rlp.de/x")["relations"]
    assert sorted(r["partner"] for r in rels) == ["Burgund-Franche-Comté", "Ruanda"]


def test_resting_contacts_are_a_dormant_cooperation(tmp_path):
    text = "Die Kontakte zum russischen Gebiet Kaliningrad ruhen seit dem Februar 2022."
    [rel] = _facts(tmp_path, text, "https://www.schleswig-holstein.de/x")["relations"]
    assert (rel["kind"], rel["since"], rel["status"]) == ("cooperation", None, "dormant")


def test_list_items_with_bare_years_leading_years_and_pauses(tmp_path):
    text = (
        "Berlin unterhält Städtepartnerschaften mit diesen Städten:\n\n"
        "- Paris (Frankreich), 1987\n"
        "- Moskau (Russland), 1991 – die Partnerschaft ruht seit 2022\n"
        "- Madrid, Spanien (1988)\n"
        "- 1993: Warschau (Polen)\n"
    )
    path = tmp_path / "partnerstaedte.md"
    path.write_text("URL: https://www.berlin.de/partnerstaedte/\n\n" + text, encoding="utf-8")
    import json

    from weltnetz_extract import extract

    rels = {r["partner"]: (r["since"], r["status"]) for r in json.loads(extract(path).to_json())["relations"]}
    assert rels == {
        "Paris": (1987, "active"),
        "Moskau": (1991, "dormant"),
        "Madrid": (1988, "active"),
        "Warschau": (1993, "active"),
    }


def test_a_district_office_and_its_partner_districts(tmp_path):
    text = (
        "Landratsamt Esslingen – Pressemitteilung\n\nEsslingen, 14.03.2023\n\n"
        "Der Landkreis Esslingen und sein polnischer Partnerkreis Bielsko feiern 2023 das 20-jährige Bestehen "
        "ihrer Partnerschaft.\n\nSeit 2008 pflegt der Landkreis zudem eine Partnerschaft mit dem ungarischen "
        "Komitat Pest."
    )
    rels = {r["partner"]: r for r in _facts(tmp_path, text, "https://www.landkreis-esslingen.de/x")["relations"]}
    assert (rels["Bielsko"]["kind"], rels["Bielsko"]["country"], rels["Bielsko"]["since"]) == (
        "municipal_partnership",
        "PL",
        2003,
    )
    assert (rels["Pest"]["kind"], rels["Pest"]["since"]) == ("municipal_partnership", 2008)


def test_a_commission_named_by_two_adjectives(tmp_path):
    text = (
        "Die Bayerisch-Österreichische Kommission ist zu ihrer zehnten Sitzung zusammengekommen. Die Kommission "
        "des Freistaates Bayern und der Republik Österreich wurde 2010 ins Leben gerufen."
    )
    rels = _facts(tmp_path, text, "https://www.bayern.de/x")["relations"]
    assert [(r["kind"], r["country"]) for r in rels] == [("joint_commission", "AT")]


def test_english_and_german_ends_pauses_and_revivals(tmp_path):
    cases = {
        "The sister-city relationship with Perm ended in 2022.": "ended",
        "The twinning with Suzhou was discontinued in 2020.": "ended",
        "The partnership with Lodi was revived in 2019 after years of inactivity.": "active",
        "Die Partnerschaft mit Perm wurde 2022 eingestellt.": "ended",
        "Die Städtepartnerschaft mit Lodi besteht formal weiter, wird aber derzeit nicht aktiv gepflegt.": "dormant",
    }
    for text, status in cases.items():
        [rel] = _facts(tmp_path, text, "https://www.tuebingen.de/en/news")["relations"]
        assert (rel["kind"], rel["status"]) == ("municipal_partnership", status), text


def test_english_listing_a_region_named_before_its_type_word_and_an_age(tmp_path):
    text = (
        "News\n\n14 March 2024 | State Chancellery\n\nThuringia and the Karlovy Vary Region agree partnership\n\n"
        "Thuringia and the Karlovy Vary Region today agreed a partnership.\n\n"
        "2 October 2023 | State Chancellery\n\nTen years of partnership with Shaanxi\n\n"
        "The partnership between Thuringia and the Chinese province of Shaanxi turns ten this year."
    )
    rels = {r["partner"]: r["since"] for r in _facts(tmp_path, text, "https://www.thueringen.de/en/news")["relations"]}
    assert rels == {"Karlovy Vary": 2024, "Shaanxi": 2013}


def test_list_items_dating_their_deeds_are_agreements(tmp_path):
    text = (
        "Our town has the following partners:\n\n"
        "- Sens, France – twinning charter signed on 12 March 1966\n"
        "- Chester, United Kingdom – friendship agreement of 1985\n"
    )
    facts = _facts(tmp_path, text, "https://www.loerrach.de/en/twin-towns")
    assert {r["partner"]: r["since"] for r in facts["relations"]} == {"Sens": 1966, "Chester": 1985}
    assert {a["partner"]: a["date"] for a in facts["agreements"]} == {"Sens": "1966-03-12", "Chester": "1985"}


def test_the_mayors_of_both_towns_sign_their_deed(tmp_path):
    text = "Vor 60 Jahren unterzeichneten die Bürgermeister von Lörrach und Sens die Partnerschaftsurkunde."
    [rel] = _facts(tmp_path, text, "https://www.loerrach.de/presse")["relations"]
    assert (rel["partner"], rel["kind"]) == ("Sens", "municipal_partnership")


def test_a_table_of_partners_is_read_row_by_row(tmp_path):
    html = (
        "<html><head><link rel='canonical' href='https://www.malopolska.pl/en/international-cooperation'></head>"
        "<body><h1>International cooperation of Małopolska</h1>"
        "<p>The most active partnerships are listed below.</p>"
        "<table><tr><th>Region</th><th>Country</th><th>Agreement signed</th></tr>"
        "<tr><td>Thuringia</td><td>Germany</td><td>1999</td></tr>"
        "<tr><td>Lviv Oblast</td><td>Ukraine</td><td>2005</td></tr></table></body></html>"
    )
    path = tmp_path / "partners.html"
    path.write_text(html, encoding="utf-8")
    import json

    from weltnetz_extract import extract

    rels = {r["partner"]: (r["country"], r["since"]) for r in json.loads(extract(path).to_json())["relations"]}
    assert rels == {"Thuringia": ("DE", 1999), "Lviv": ("UA", 2005)}


def test_a_dash_joined_pair_of_towns_and_a_universities_signing(tmp_path):
    text = (
        "Erlangen, 15.09.2024\n\n60 Jahre Städtepartnerschaft Erlangen–Rennes: Mit einem Bürgerfest feiern die beiden "
        "Städte ihr Jubiläum. Im Jahr 1964 hatten die Bürgermeister die Partnerschaftsurkunde unterzeichnet."
    )
    [rel] = _facts(tmp_path, text, "https://www.erlangen.de/presse")["relations"]
    assert (rel["partner"], rel["since"]) == ("Rennes", 1964)
    text = (
        "Stuttgart, 10.10.2024\n\nDie Universität Stuttgart und die Tongji-Universität in Shanghai haben einen "
        "Kooperationsvertrag unterzeichnet."
    )
    facts = _facts(tmp_path, text, "https://www.stuttgart.de/presse")
    assert facts["relations"] == [] and facts["agreements"] == []


def test_a_commission_set_up_in_a_year_and_what_it_deals_with(tmp_path):
    text = (
        "Stuttgart, 18.04.2024\n\nIn Zagreb tagte die Gemischte Kommission Baden-Württemberg–Kroatien. Sie wurde 1994 "
        "eingerichtet. Sie befasst sich mit Fragen der Wirtschaft und der Wissenschaft."
    )
    [rel] = _facts(tmp_path, text, "https://stm.baden-wuerttemberg.de/presse")["relations"]
    assert (rel["kind"], rel["since"], sorted(rel["topics"])) == ("joint_commission", 1994, ["economy", "science"])


def test_english_region_names_and_adjectives(tmp_path):
    text = (
        "The partnership with Burgundy-Franche-Comté goes back to 1962.\n\n"
        "The partnership with the Polish Opole Voivodeship was established in 2000. "
        "Cooperation focuses on agriculture and education.\n\n"
        "Relations with the Fujian Province in China were suspended in 2021."
    )
    rels = {r["partner"]: r for r in _facts(tmp_path, text, "https://www.rlp.de/en/international")["relations"]}
    assert rels["Burgundy-Franche-Comté"]["since"] == 1962
    assert (rels["Opole"]["since"], sorted(rels["Opole"]["topics"])) == (2000, ["education", "environment"])
    assert rels["Fujian"]["status"] == "dormant"


def test_planned_signings_plural_declarations_and_extended_agreements(tmp_path):
    planned = "Kiel, 12.06.2024\n\nDie Unterzeichnung einer Absichtserklärung mit der Region Skåne ist geplant."
    assert _facts(tmp_path, planned, "https://www.schleswig-holstein.de/presse")["agreements"] == []
    plural = (
        "Mainz, 3 May 2022\n\nThe Minister-President signed two joint declarations with the Region of "
        "Burgundy-Franche-Comté on Tuesday in Dijon."
    )
    agreements = _facts(tmp_path, plural, "https://www.rlp.de/en/press")["agreements"]
    assert [a["partner"] for a in agreements] == ["Burgundy-Franche-Comté"] * 2
    extended = (
        "Brandenburg und die Woiwodschaft Lebuser Land haben ihre Partnerschaftsvereinbarung um fünf Jahre verlängert."
    )
    [rel] = _facts(tmp_path, extended, "https://www.brandenburg.de/presse")["relations"]
    assert (rel["kind"], rel["status"]) == ("state_partnership", "active")


def test_relations_taken_up_or_established_in_a_year_are_active_from_then(tmp_path):
    for text, url in (
        ("Sachsen hat im Jahr 2007 offizielle Beziehungen zur tschechischen Region Liberec aufgenommen.", "x.de"),
        ("Saxony established ties with the Czech Liberec Region in 2007.", "x.de/en"),
    ):
        [rel] = _facts(tmp_path, text, f"https://www.medienservice.sachsen.de/{url}")["relations"]
        assert (rel["partner"], rel["kind"], rel["since"], rel["status"]) == ("Liberec", "cooperation", 2007, "active")


def test_a_deed_signed_years_ago_is_dated_by_the_document(tmp_path):
    text = (
        "Potsdam, 15.03.2024\n\nVor 30 Jahren wurde der Partnerschaftsvertrag zwischen Brandenburg und der "
        "Woiwodschaft Lebuser Land unterzeichnet."
    )
    facts = _facts(tmp_path, text, "https://www.brandenburg.de/presse")
    assert [a["date"] for a in facts["agreements"]] == ["1994"]
    assert facts["relations"][0]["since"] == 1994


def test_a_plain_list_of_towns_with_years_in_brackets(tmp_path):
    text = (
        "Städtepartnerschaften Hamburgs\n\nHamburg unterhält neun Städtepartnerschaften.\n\nEuropa\n\n"
        "Sankt Petersburg (seit 1957) – die Kontakte ruhen derzeit\nMarseille (seit 1958)\nPrag (seit 1990)\n\n"
        "Asien\n\nOsaka (1989)\n"
    )
    rels = _facts(tmp_path, text, "https://www.hamburg.de/staedtepartnerschaften")["relations"]
    assert {r["partner"]: (r["since"], r["status"]) for r in rels} == {
        "Sankt Petersburg": (1957, "dormant"),
        "Marseille": (1958, "active"),
        "Prag": (1990, "active"),
        "Osaka": (1989, "active"),
    }


def test_a_us_state_site_and_hyphenated_sister_states(tmp_path):
    text = "Maryland and Kanagawa signed their sister-state agreement in 1981. The relationship remains active today."
    [rel] = _facts(tmp_path, text, "https://commerce.maryland.gov/international")["relations"]
    assert (rel["partner"], rel["kind"], rel["since"]) == ("Kanagawa", "state_partnership", 1981)
