"""Accepted facts cite the sentence that states them, not the headline; people get their role and term."""

import datetime as dt

import pytest
from django.core.management import call_command

from weltnetz.ingest import services
from weltnetz.ingest.models import ProposedFact
from weltnetz.ingest.passages import best_passage, sentences, term
from weltnetz.register.models import Person, Role

pytestmark = pytest.mark.django_db

RELEASE = """Internationale Zusammenarbeit

Baden-Württemberg und Kanagawa vertiefen Kooperation

Stuttgart, 17. Juli 2024

Ministerpräsident Winfried Kretschmann und Gouverneur Yuji Kuroiwa zeigen die unterzeichnete Gemeinsame \
Erneuerungserklärung zwischen Baden-Württemberg und Kanagawa.

Zum 35-jährigen Jubiläum der Partnerschaft zwischen Baden-Württemberg und der japanischen Präfektur Kanagawa \
haben Ministerpräsident Winfried Kretschmann und Kanagawas Gouverneur Yuji Kuroiwa am Mittwoch, 17. Juli 2024, \
in Stuttgart eine Gemeinsame Erneuerungserklärung unterschrieben. Yuji Kuroiwa ist seit 2023 Gouverneur.
"""


@pytest.fixture
def release(tmp_path):
    doc = tmp_path / "kanagawa-2024.txt"
    doc.write_text(RELEASE, encoding="utf-8")
    call_command("ingest", str(doc), verbosity=0)
    return ProposedFact.objects.filter(source__file_name=doc.name)


def test_an_agreement_cites_the_sentence_with_date_place_and_signatories(release, editor):
    fact = release.get(kind="agreement", payload__place="Stuttgart")
    assert fact.evidence.startswith("Zum 35-jährigen Jubiläum")
    assert "17. Juli 2024" in fact.evidence and "in Stuttgart" in fact.evidence
    assert fact.source.text[fact.evidence_start : fact.evidence_end] == fact.evidence
    services.accept(fact, editor, new_partner=True)
    fact.refresh_from_db()
    citation = fact.agreement.latest_revision.as_object().citations.all()[0]
    assert citation.passage.startswith("Zum 35-jährigen Jubiläum")


def test_no_fact_cites_the_headline(release):
    for fact in release:
        assert fact.evidence != "Baden-Württemberg und Kanagawa vertiefen Kooperation", fact


def test_a_person_is_recorded_with_role_affiliation_and_term(release, editor):
    fact = release.get(kind="person", payload__name="Yuji Kuroiwa")
    fact.evidence = "Die Vizegouverneurin Hanna Beispiel ist seit 2023 im Amt, sagte man in Kanagawa."
    fact.save()
    services.accept(fact, editor, {"name": "Hanna Beispiel", "role": "Vizegouverneurin", "affiliation": None})
    role = Role.objects.get(person__name="Hanna Beispiel")
    assert role.title == "Vizegouverneurin" and role.affiliation.slug == "kanagawa"  # the body the sentence names
    assert role.start == dt.date(2023, 1, 1) and role.end is None
    assert role.source == fact.source and "seit 2023" in role.passage


def test_a_role_without_a_body_is_refused_rather_than_dropped(release, editor):
    fact = release.get(kind="person", payload__name="Yuji Kuroiwa")
    with pytest.raises(services.ReviewError, match="Hanna Beispiel als Gouverneurin"):
        services.accept(fact, editor, {"name": "Hanna Beispiel", "role": "Gouverneurin", "affiliation": "Atlantis"})
    assert not Person.objects.filter(name="Hanna Beispiel").exists()


def test_sentences_do_not_break_at_dates_or_abbreviations():
    text = "Am 17. Juli 2024 unterschrieben sie. Dr. Müller sprach.\nNeue Zeile"
    assert [s.text for s in sentences(text)] == [
        "Am 17. Juli 2024 unterschrieben sie.",
        "Dr. Müller sprach.",
        "Neue Zeile",
    ]
    for s in sentences(text):
        assert text[s.start : s.end] == s.text


def test_terms_of_office():
    assert term("Oettinger war von 2005 bis 2010 Ministerpräsident.", "Günther Oettinger", "Ministerpräsident") == (
        dt.date(2005, 1, 1),
        dt.date(2010, 12, 31),
    )
    assert term("Governor Kuroiwa (2023–2027) spoke.", "Yuji Kuroiwa", "Governor")[0] == dt.date(2023, 1, 1)
    assert term(
        "Kuroiwa sprach. Die Partnerschaft besteht seit 1989 und hat viele Facetten bekommen.",
        "Yuji Kuroiwa",
        "Gouverneur",
    ) == (None, None)


def test_the_extractors_passage_stays_where_no_sentence_states_more():
    text = "Titel\n\nBaden-Württemberg pflegt seit 1989 eine Partnerschaft mit Kanagawa."
    evidence = {"text": text.split("\n")[-1], "start": 7, "end": len(text)}
    payload = {"partner": "Kanagawa", "since": 1989}
    assert best_passage(text, "Titel", "relation", payload, evidence) == evidence


def test_a_held_office_gets_the_term_a_document_gives(release, editor):
    fact = release.get(kind="person", payload__name="Yuji Kuroiwa")
    fact.evidence = "Gouverneur Yuji Kuroiwa, seit 2023 im Amt, empfing die Delegation in Kanagawa."
    fact.save()
    services.accept(fact, editor, {"name": "Yuji Kuroiwa", "role": "Gouverneur", "affiliation": "Kanagawa"})
    (role,) = Role.objects.filter(person__name="Yuji Kuroiwa")
    assert role.start == dt.date(2023, 1, 1) and role.end is None  # filled where empty, the office kept once
