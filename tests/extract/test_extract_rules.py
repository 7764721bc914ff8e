"""German constructions of the genre, each as a user would check it in the extracted facts."""

import pytest

from weltnetz_extract.dates import anniversary_start, parse_date, since_year

from .conftest import facts_of, relation

LIST_PAGE = """# Das Land in der Welt

Das Land unterhält folgende Landespartnerschaften:

- Partnerschaften mit China (Liaoning seit 1982 und Jiangsu 1986)
- Partnerschaft mit Burundi (seit Anfang der 80er Jahre)
- Partnerschaften mit der Russischen Föderation (Swerdlowsker Gebiet seit 1991 und Moskau seit 2007) – ruhen derzeit
"""


def test_list_with_years_country_and_clause_status():
    facts = facts_of(LIST_PAGE, "page.md")
    liaoning, jiangsu = relation(facts, "Liaoning"), relation(facts, "Jiangsu")
    assert (liaoning["country"], liaoning["since"], liaoning["status"]) == ("CN", 1982, "active")
    assert (jiangsu["country"], jiangsu["since"]) == ("CN", 1986)
    burundi = relation(facts, "Burundi")
    assert burundi["since"] is None and burundi["status"] == "active"
    swerd = relation(facts, "Swerdlowsker Gebiet")
    assert (swerd["country"], swerd["since"], swerd["status"]) == ("RU", 1991, "dormant")
    assert relation(facts, "Moskau")["status"] == "dormant"
    assert not [r for r in facts["relations"] if r["partner"] in ("China", "Russische Föderation")]


def test_inflected_apposition_and_anniversary():
    text = (
        "Zum 35-jährigen Jubiläum der Partnerschaft zwischen Baden-Württemberg und der japanischen "
        "Partnerprovinz Kanagawa haben Ministerpräsident Winfried Kretschmann und Kanagawas Gouverneur "
        "Yuji Kuroiwa am Mittwoch, 17. Juli 2024, in Stuttgart eine Gemeinsame Absichtserklärung unterschrieben."
    )
    facts = facts_of(text)
    kanagawa = relation(facts, "Kanagawa")
    assert (kanagawa["kind"], kanagawa["country"], kanagawa["since"]) == ("state_partnership", "JP", 1989)
    agreement = facts["agreements"][0]
    assert (agreement["partner"], agreement["date"], agreement["place"]) == ("Kanagawa", "2024-07-17", "Stuttgart")
    assert set(agreement["signatories"]) == {"Winfried Kretschmann", "Yuji Kuroiwa"}
    assert {p["name"]: p["role"] for p in facts["people"]} == {
        "Winfried Kretschmann": "Ministerpräsident",
        "Yuji Kuroiwa": "Gouverneur",
    }


def test_evidence_offsets_point_at_the_sentence():
    from weltnetz_extract import extract, read_document

    doc = read_document(LIST_PAGE, name="page.md")
    for rel in extract(doc).relations:
        assert rel.evidence and doc.text[rel.evidence.start : rel.evidence.end] == rel.evidence.text
        assert rel.partner.split()[0] in rel.evidence.text


def test_teasers_and_passing_mentions_give_no_facts():
    text = (
        "Internationales\n\nMinisterin besucht Messe\n\nKultusministerin Theresa Schopper hat sich bei einem "
        "Besuch in Singapur über Schulen informiert. China ist ein wichtiger Exportmarkt.\n\nWeitere Meldungen\n\n"
        "Europa\n\nPartnerschaft mit Kanagawa vertieft\n"
    )
    facts = facts_of(text)
    assert facts["relations"] == [] and facts["agreements"] == []


def test_topics_only_from_fields_of_cooperation():
    text = (
        "Baden-Württemberg und die indische Partnerprovinz Maharashtra wollen ihre Zusammenarbeit in den Bereichen "
        "Berufsbildung, Gesundheit und Tourismus vertiefen. Der Klimawandel betrifft alle."
    )
    rel = relation(facts_of(text), "Maharashtra")
    assert set(rel["topics"]) == {"education", "health", "tourism"}
    assert rel["status"] == "active"


@pytest.mark.parametrize(
    "text, kind, partner, country",
    [
        (
            "Die Gemischte Regierungskommission zwischen Baden-Württemberg und Serbien tagte in Belgrad.",
            "joint_commission",
            "Serbien",
            "RS",
        ),
        ("Das Land ist Mitglied der Vier Motoren für Europa.", "network_membership", "Vier Motoren für Europa", None),
        ("German Centres gibt es in Peking und Singapur.", "representation", "Peking", "CN"),
        (
            "Die Städtepartnerschaft zwischen Tübingen und Perugia besteht seit 1984.",
            "municipal_partnership",
            "Perugia",
            "IT",
        ),
        ("Auch die Kooperation mit Israel ist der Landesregierung ein Anliegen.", "cooperation", "Israel", "IL"),
    ],
)
def test_kinds(text, kind, partner, country):
    rel = relation(facts_of(text), partner)
    assert (rel["kind"], rel["country"]) == (kind, country)


def test_dates():
    assert parse_date("am Mittwoch, 17. Juli 2024, in Stuttgart") == "2024-07-17"
    assert parse_date("im Juli 2024") == "2024-07"
    assert parse_date("WeltPartner eG, 20.01.2023") == "2023-01-20"
    assert since_year("Liaoning seit 1982") == 1982
    assert since_year("seit Anfang der 80er Jahre") is None
    assert since_year("seit rund 30 Jahren") is None
    assert anniversary_start("Zum 35-jährigen Jubiläum der Partnerschaft 2024", None) == 1989
    assert anniversary_start("anlässlich des dreißigjährigen Bestehens der Partnerschaft", 2019) == 1989
    assert anniversary_start("25 Jahre Partnerschaft", None) is None


def test_home_region_from_publisher():
    text = (
        "URL: https://mdfe.brandenburg.de/partner\n\nDas Land Brandenburg arbeitet mit der Woiwodschaft "
        "Lubuskie partnerschaftlich zusammen. Europaministerin Katrin Lange begrüßte die Gäste."
    )
    facts = facts_of(text)
    assert relation(facts, "Lubuskie")["country"] == "PL"
    assert facts["people"][0]["affiliation"] == "Brandenburg"


def test_gazetteer_extend_hook():
    from weltnetz_extract import ExtractOptions, extract
    from weltnetz_extract.gazetteer import Gazetteer, default_gazetteer

    gaz = Gazetteer()
    base = default_gazetteer()
    gaz.scan, gaz.cities, gaz.adjectives, gaz.max_tokens = (
        dict(base.scan),
        dict(base.cities),
        base.adjectives,
        base.max_tokens,
    )
    gaz.extend([("Nordwestprovinz Testland", "ZA", "region")])
    facts = extract(
        "Das Land pflegt eine Landespartnerschaft mit Nordwestprovinz Testland.", ExtractOptions(gazetteer=gaz)
    ).to_dict()
    assert relation(facts, "Nordwestprovinz Testland")["country"] == "ZA"


@pytest.mark.parametrize(
    "text, partner, since, status",
    [
        ("Seit 1989 ist Kanagawa Partnerregion Baden-Württembergs.", "Kanagawa", 1989, "active"),
        ("Die Partnerschaft mit der Provinz Liaoning besteht seit 1982.", "Liaoning", 1982, "active"),
        (
            "Baden-Württemberg und die kanadische Provinz Ontario sind seit 1987 Partnerregionen.",
            "Ontario",
            1987,
            "active",
        ),
        ("Die Partnerschaft mit der russischen Oblast Kaliningrad ruht seit 2022.", "Kaliningrad", None, "dormant"),
    ],
)
def test_prose_since_and_status(text, partner, since, status):
    rel = relation(facts_of(text), partner)
    assert (rel["since"], rel["status"]) == (since, status)


def test_facts_round_trip():
    from weltnetz_extract import Facts

    facts = facts_of(LIST_PAGE, "page.md")
    assert Facts.from_dict(facts).to_dict() == facts


# -- generalisation rules (wording not in the dev documents) ---------------------------------------------


def test_partnership_list_with_adjective_regions_and_bracketed_years():
    text = (
        "Das Land unterhält außerdem Partnerschaften mit der chinesischen Provinz Hubei (seit 1996) "
        "und mit dem brasilianischen Bundesstaat Paraná (seit 2003)."
    )
    facts = facts_of(text)
    hubei, parana = relation(facts, "Hubei"), relation(facts, "Paraná")
    assert (hubei["kind"], hubei["country"], hubei["since"]) == ("state_partnership", "CN", 1996)
    assert (parana["country"], parana["since"]) == ("BR", 2003)


def test_partnerschaftlich_verbunden_names_partner_regions():
    text = "Das Land ist mit der polnischen Woiwodschaft Małopolska (seit 2001) partnerschaftlich verbunden."
    rel = relation(facts_of(text), "Małopolska")
    assert (rel["kind"], rel["country"], rel["since"], rel["status"]) == ("state_partnership", "PL", 2001, "active")


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Die Partnerschaft mit der Provinz Gelderland ruht nicht mehr.", "active"),
        ("Die Partnerschaft mit der Provinz Gelderland wurde 2023 wieder aufgenommen.", "active"),
        ("Die Partnerschaft mit der Provinz Gelderland ruht seit 2022.", "dormant"),
    ],
)
def test_resumed_pause_is_active(sentence, status):
    assert relation(facts_of(sentence), "Gelderland")["status"] == status


def test_resting_since_is_not_the_start():
    rel = relation(facts_of("Die Partnerschaft mit der russischen Oblast Tomsk ruht seit 2022."), "Tomsk")
    assert rel["since"] is None and rel["status"] == "dormant"


def test_jahre_partnerschaft_with_dateline_gives_start_year():
    text = "Stuttgart, 3. Mai 2023\n\nDas Land und die Provinz Limburg feiern 25 Jahre Partnerschaft."
    assert relation(facts_of(text), "Limburg")["since"] == 1998
    assert anniversary_start("Wir feiern 30 Jahre Städtepartnerschaft im Jahr 2019.", None) == 1989
    assert anniversary_start("seit 30 Jahren besteht die Partnerschaft, 2019", None) is None
    assert anniversary_start("mehr als 30 Jahre Partnerschaft, 2019", None) is None


def test_event_partner_country_is_no_relation():
    text = "Partnerland der diesjährigen Hannover Messe war Indonesien. Partnerregion des Festivals ist die Bretagne."
    assert facts_of(text)["relations"] == []


def test_freistaat_is_the_home_state_not_free_state_province():
    text = "Die Partnerschaft zwischen dem Freistaat Thüringen und der Woiwodschaft Kleinpolen wird gepflegt."
    facts = facts_of(text)
    assert [r["partner"] for r in facts["relations"]] == ["Kleinpolen"]


def test_capital_of_a_region_is_a_descriptor():
    text = (
        "Städtepartnerschaften:\n\n"
        "- Madison (USA)\n\n"
        "Die Partnerschaft mit der Hauptstadt des Bundesstaates Wisconsin besteht seit 1987."
    )
    assert all(r["partner"] != "Wisconsin" for r in facts_of(text, "page.md")["relations"])


TOWN_PAGE = """<html><body><main>
<h1>Partnerstädte</h1>
<p>Die Stadt pflegt Partnerschaften mit Städten in ganz Europa.</p>
<h2>Lucca (Italien)</h2>
<p>Partnerstadt seit 1970. Die Schulen arbeiten im Schüleraustausch eng zusammen.</p>
<h2>Dijon (Frankreich)</h2>
<p>Die 1962 begründete Partnerschaft ruht derzeit.</p>
<h2>Satzung (PDF)</h2>
</main></body></html>"""


def test_town_page_with_partner_headings():
    facts = facts_of(TOWN_PAGE, "page.html")
    lucca, dijon = relation(facts, "Lucca"), relation(facts, "Dijon")
    assert (lucca["kind"], lucca["country"], lucca["since"], lucca["status"]) == (
        "municipal_partnership",
        "IT",
        1970,
        "active",
    )
    assert "education" in lucca["topics"]
    assert (dijon["country"], dijon["since"], dijon["status"]) == ("FR", 1962, "dormant")
    assert all(r["partner"] != "Satzung" for r in facts["relations"])


def test_anaphoric_partnership_dates_and_upgrades_a_cooperation():
    text = (
        "Das Land und die Region Bretagne vertiefen ihre Zusammenarbeit. "
        "Die Regionalpartnerschaft mit der westfranzösischen Region besteht seit 2004."
    )
    rel = relation(facts_of(text), "Bretagne")
    assert (rel["kind"], rel["since"], rel["status"]) == ("state_partnership", 2004, "active")


def test_seit_of_another_subject_does_not_date_the_relation():
    text = (
        "Das Land pflegt eine Partnerschaft mit der Provinz Limburg. "
        "Seit 1995 koordiniert eine Stiftung die Partnerschaft im Bereich der Zivilgesellschaft."
    )
    assert relation(facts_of(text), "Limburg")["since"] is None


def test_joint_commission_that_meets_is_active():
    text = "Zum dritten Mal ist in Hanoi die Gemischte Kommission mit Vietnam zusammengekommen."
    rel = relation(facts_of(text), "Vietnam")
    assert (rel["kind"], rel["status"]) == ("joint_commission", "active")


@pytest.mark.parametrize(
    ("phrase", "iso"),
    [
        ("heute", "2024-03-15"),
        ("am heutigen Freitag", "2024-03-15"),
        ("gestern", "2024-03-14"),
        ("am Dienstag", "2024-03-12"),
    ],
)
def test_relative_signing_dates(phrase, iso):
    from weltnetz_extract.dates import relative_date

    assert relative_date(f"Beide unterzeichneten {phrase} in Rom eine Erklärung.", "2024-03-15") == iso
    text = (
        f"Rom, 15. März 2024\n\nDas Land und die Region Latium unterzeichneten {phrase} in Rom eine "
        "Gemeinsame Erklärung zur Partnerschaft."
    )
    assert facts_of(text)["agreements"][0]["date"] == iso


def test_partnership_traced_to_a_declaration():
    text = "Die Partnerschaft mit der Woiwodschaft Pommern geht auf eine Gemeinsame Erklärung aus dem Jahr 2001 zurück."
    facts = facts_of(text)
    assert relation(facts, "Pommern")["since"] == 2001
    assert (facts["agreements"][0]["partner"], facts["agreements"][0]["date"]) == ("Pommern", "2001")


def test_compass_adjectives_give_the_country():
    from weltnetz_extract.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    assert gaz.adjective_country("nordfranzösischen") == "FR"
    assert gaz.adjective_country("südost-polnische") == "PL"
