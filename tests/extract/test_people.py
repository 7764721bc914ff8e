"""People: names the text introduces as persons, with role and affiliation, in German and English.
Every case is an invented sentence of the genre; names are made up."""

import pytest

from weltnetz_extract.people import clean_name

from .conftest import facts_of


def people(text: str, name: str = "doc.txt") -> dict[str, dict]:
    return {p["name"]: p for p in facts_of(text, name)["people"]}


@pytest.mark.parametrize(
    ("text", "name", "role", "affiliation"),
    [
        ("Ministerpräsident Karl Huber empfing die Gäste.", "Karl Huber", "Ministerpräsident", "Baden-Württemberg"),
        ("Staatsministerin Dr. Eva Lenz eröffnete die Konferenz.", "Eva Lenz", "Staatsministerin", "Baden-Württemberg"),
        ("Oberbürgermeisterin Jana Krüger begrüßte die Gäste.", "Jana Krüger", "Oberbürgermeisterin", None),
        ("Rigas Stadtdirektor Juris Ozols sprach ein Grußwort.", "Juris Ozols", "Stadtdirektor", "Riga"),
        (
            "Es sprach Marta Nowak, Präsidentin der Region Venetien.",
            "Marta Nowak",
            "Präsidentin der Region Venetien",
            "Venetien",
        ),
        (
            "Der Gast war Giulia Rossi (Präsidentin der Region Venetien).",
            "Giulia Rossi",
            "Präsidentin der Region Venetien",
            "Venetien",
        ),
        (
            "Es sprach Edith Mayer, Offenburger Oberbürgermeisterin.",
            "Edith Mayer",
            "Offenburger Oberbürgermeisterin",
            None,
        ),
        (
            "Er traf den Gouverneur von Kalifornien, Edmund G. „Jerry“ Brown Jr., in Stuttgart.",
            "Jerry Brown",
            "Gouverneur von Kalifornien",
            "Kalifornien",
        ),
        (
            "Es sprach der Minister für Bundesrat, Europa und internationale Angelegenheiten, Paul Wagner.",
            "Paul Wagner",
            None,
            "Baden-Württemberg",
        ),
        ("Das erklärte Minister für Finanzen und Wirtschaft Nils Berg in Stuttgart.", "Nils Berg", None, None),
        ("Governor Jane Doe welcomed the delegation.", "Jane Doe", "Governor", None),
        ("Ontario's delegation was led by Premier Dan Miller.", "Dan Miller", "Premier", None),
        ("The talks were chaired by Mayor John Smith.", "John Smith", "Mayor", None),
        ("Zudem sprach Botschafterin Anna Berzina über die Partnerschaft.", "Anna Berzina", "Botschafterin", None),
    ],
)
def test_role_before_after_and_around_the_name(text, name, role, affiliation):
    found = people(text)
    assert name in found, found.keys()
    if role is not None:
        assert found[name]["role"] == role
    if affiliation is not None:
        assert found[name]["affiliation"] == affiliation


def test_forms_of_address_titles_and_bare_surnames():
    text = (
        "Herr Bürgermeister Deffner begrüßt Herrn Gismondi und Frau Gretl Schuster. "
        "Ebenso begrüßt Herr Deffner Herrn Bezirksrat Hofer in Vertretung für Herrn Dr. Richard Hofer."
    )
    assert set(people(text)) == {"Deffner", "Gismondi", "Gretl Schuster", "Richard Hofer"}


def test_names_after_a_plural_role_and_in_a_photo_list():
    text = (
        "Die Ministerin wurde von den Abgeordneten Rainer Gall und Karla Rombach begleitet.\n\n"
        "Foto von links nach rechts: Dr. Horst Ebel, Heimatverein Olten; Patric Chouzenoux, Jumelage Terrasson; "
        "Jadwiga Lange, Deutsch-Polnischer Verein e.V."
    )
    found = people(text, "page.md")
    assert {"Rainer Gall", "Karla Rombach", "Horst Ebel", "Patric Chouzenoux", "Jadwiga Lange"} <= set(found)
    assert found["Patric Chouzenoux"]["role"] == "Jumelage Terrasson"


def test_elected_as_and_self_introduction():
    assert "Jean Mbeki" in people("Seit der Wahl von Jean Mbeki zum Präsidenten zeigt sich Tauwetter.")
    assert "Andrea" in people("Hallo, ich heiße Andrea und schreibe Reiseberichte.")


@pytest.mark.parametrize(
    "text",
    [
        "Die Stadt feierte das Jubiläum. (Foto: Sabine Arnold)",  # photo credit
        "Der Landrat besuchte die Partnerstadt. © Max Mustermann",
        "Text: Anna Schmidt. Bild: Peter Lang",
        "Der Minister für Kultur Europa besuchte die Region Toskana.",  # capitalised nouns after a role
        "Die Delegation Treffen fand im Haus der Wirtschaft statt.",
        "Das Land ist in der Versammlung der Regionen Europas, deren Mitglied es seit 1985 ist.",
        "Der Staatsminister für Europa im Auswärtigen Amt hielt die Festrede.",
        "Unter Leitung des Ministers für Kultur besuchte die Delegation Dijon.",
    ],
)
def test_credits_and_capitalised_nouns_are_no_people(text):
    assert people(text) == {}


def test_titles_suffixes_and_nicknames_are_cleaned():
    assert clean_name("Michael Roth MdB", None) == "Michael Roth"
    assert clean_name("Dr. Stefan Köhler", None) == "Stefan Köhler"
    assert clean_name("von Hiroyuki Umezawa", None) == "Hiroyuki Umezawa"
    assert clean_name("Edmund G. „Jerry“ Brown Jr.", "Jerry") == "Jerry Brown"
    assert clean_name("Stuttgart", None, single=True) is None  # a place is no name
