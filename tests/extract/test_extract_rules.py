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
