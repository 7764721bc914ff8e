"""Agreements: which sentences report a signed document, and its partner, date, place and signatories.
Every case is an invented sentence of the genre."""

import pytest

from .conftest import facts_of


def agreements(text: str, name: str = "doc.txt") -> list[dict]:
    return facts_of(text, name)["agreements"]


def test_signing_with_date_place_and_signatories():
    text = (
        "Ministerpräsidentin Anna Berger und der Gouverneur der Präfektur Kanagawa, Taro Yamada, unterzeichneten "
        "am 3. März 2023 in Stuttgart eine Gemeinsame Absichtserklärung zur Wasserstoffwirtschaft."
    )
    (a,) = agreements(text)
    assert (a["partner"], a["date"], a["place"]) == ("Kanagawa", "2023-03-03", "Stuttgart")
    assert a["signatories"] == ["Anna Berger", "Taro Yamada"]
    assert a["title"].startswith("Gemeinsame Absichtserklärung")


def test_signing_without_a_document_noun_fills_in_the_document_named_before():
    text = (
        "Das Land und die Provinz Ontario haben ein neues Memorandum of Understanding unterzeichnet. "
        "„Wir bleiben enge Partner“, sagte Europaministerin Eva Roth bei der Unterzeichnung mit Ontarios Premier "
        "John Miller in Toronto."
    )
    (a,) = agreements(text)
    assert (a["partner"], a["place"]) == ("Ontario", "Toronto")
    assert a["signatories"] == ["Eva Roth", "John Miller"]


def test_signing_to_found_a_partnership_without_a_document_noun():
    text = (
        "Am 12. Mai 1995 trafen sich die Delegationen bei der Unterzeichnung zur Begründung der Partnerschaft "
        "mit der Region Toskana."
    )
    (a,) = agreements(text)
    assert (a["partner"], a["date"]) == ("Toskana", "1995-05-12")


def test_counted_documents_are_one_agreement_each():
    text = (
        "Die Staatssekretärin und der Marschall der Woiwodschaft Kleinpolen haben in Krakau zwei Positionspapiere "
        "unterzeichnet."
    )
    got = agreements(text)
    assert [a["partner"] for a in got] == ["Kleinpolen", "Kleinpolen"]


def test_plural_document_with_two_dates_is_two_agreements():
    text = (
        "Mit der Woiwodschaft Kleinpolen wurden am 3. Juni 1998 mit dem Marschallamt und am 9. Mai 2001 mit dem "
        "Woiwodschaftsamt Gemeinsame Erklärungen über die Zusammenarbeit unterzeichnet."
    )
    assert sorted(a["date"] for a in agreements(text)) == ["1998-06-03", "2001-05-09"]


@pytest.mark.parametrize(
    "text",
    [
        "Die geplante Unterzeichnung einer Absichtserklärung mit der Provinz Hubei wurde kurzfristig abgesagt.",
        "Im Herbst soll mit der Provinz Hubei eine Absichtserklärung unterzeichnet werden.",
        "Die Unterzeichnung der Vereinbarung mit der Provinz Hubei wurde auf das nächste Jahr verschoben.",
        "The State will sign a memorandum of understanding with Hubei province next year.",
    ],
)
def test_a_planned_or_cancelled_signing_is_no_agreement(text):
    assert agreements(text) == []


def test_a_treaty_between_nations_is_not_the_regions():
    text = (
        "Die Partnerschaft mit der Region Burgund entstand ein Jahr vor der Unterzeichnung des "
        "deutsch-französischen Freundschaftsvertrags (Élysée-Vertrag)."
    )
    assert agreements(text) == []


def test_agreement_made_in_a_document():
    text = (
        "Erstmals hatten das Land und die Provinz Ontario 1987 in einer Absichtserklärung ihre Zusammenarbeit "
        "vereinbart."
    )
    assert [(a["partner"], a["date"]) for a in agreements(text)] == [("Ontario", "1987")]


def test_the_date_nearest_the_signing_dates_it():
    text = (
        "Am 4. Juli 1977 beschloss der Rat die Städtepartnerschaft mit Rostow am Don und am 23. Januar 1978 "
        "besiegelte die Stadt Rostow am Don in einer offiziellen Erklärung die Beziehungen."
    )
    (a,) = agreements(text)
    assert (a["partner"], a["date"], a["title"]) == ("Rostow am Don", "1978-01-23", "Offizielle Erklärung")


def test_a_country_stands_for_the_one_partner_region_in_it():
    text = (
        "Das Land pflegt eine Partnerschaft mit der Region Hauts-de-France. Seit der Unterzeichnung einer "
        "Absichtserklärung 2014 arbeiten das Land und die Region im Norden Frankreichs eng zusammen."
    )
    assert [(a["partner"], a["date"]) for a in agreements(text)] == [("Hauts-de-France", "2014")]


def test_english_agreement_dated_by_its_anniversary():
    text = (
        "The delegation from the partner region Western Cape discussed the 20th anniversary in 2015 of the "
        "bilateral agreement between the Western Cape and Baden-Württemberg."
    )
    got = agreements(text, "visit.txt")
    assert [(a["partner"], a["date"]) for a in got] == [("Western Cape", "1995")]


def test_english_signing():
    text = "The Premier of Ontario and the State of Bavaria signed a memorandum of understanding in Munich."
    (a,) = agreements(text)
    assert a["place"] == "Munich" or a["place"] is None
    assert a["partner"] in ("Ontario",)


def test_a_signing_takes_the_date_of_the_sentence_before_it_or_of_the_entrys_dateline():
    text = (
        "Am 10. Oktober 2023 feierten das Land und die Woiwodschaft Masowien das 20-jährige Bestehen ihrer "
        "Partnerschaft. Aus diesem Anlass unterzeichneten die beiden Regierungschefs eine Gemeinsame Erklärung."
    )
    assert [a["date"] for a in agreements(text)] == ["2023-10-10"]
    listing = (
        "Pressemitteilungen\n\nStaatskanzlei | 15.03.2024\n\nLand und Lubuskie bekräftigen Zusammenarbeit\n\n"
        "Der Ministerpräsident und der Marschall der Woiwodschaft Lubuskie haben in Zielona Góra eine Gemeinsame "
        "Erklärung zur Zusammenarbeit unterzeichnet."
    )
    assert [(a["partner"], a["date"]) for a in agreements(listing)] == [("Lubuskie", "2024-03-15")]


def test_a_headline_and_the_report_of_one_signing_are_one_agreement():
    text = (
        "# Partnerschaft mit Masowien: Land und Region unterzeichnen Erklärung\n\n"
        "Am 10. Oktober 2023 unterzeichneten der Ministerpräsident und der Marschall der Woiwodschaft Masowien "
        "eine Gemeinsame Erklärung."
    )
    got = agreements(text, "release.md")
    assert [(a["partner"], a["date"]) for a in got] == [("Masowien", "2023-10-10")]


def test_english_dates_and_an_agreement_not_reached():
    text = (
        "Baden-Württemberg and the Mexican state of Jalisco signed a partnership agreement in Guadalajara on "
        "June 12, 2015. A partnership with Ontario was discussed in 2019; no agreement has been reached."
    )
    assert [(a["partner"], a["date"]) for a in agreements(text)] == [("Jalisco", "2015-06-12")]
