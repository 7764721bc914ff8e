"""`weltnetz ingest`: a document becomes one Source, its facts proposals, once; known facts are not proposed."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from weltnetz.ingest.models import ProposedFact
from weltnetz.register.models import Relation, Source

pytestmark = pytest.mark.django_db


def _run(*files: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("ingest", *files, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_document_is_stored_as_a_source_with_its_text_date_and_hash(press_release: Path):
    _run(str(press_release))
    source = Source.objects.get(file_name=press_release.name)
    assert source.title == "Baden-Württemberg und die Region Auvergne-Rhône-Alpes begründen Partnerschaft"
    assert source.kind == Source.Kind.PRESS_RELEASE
    assert str(source.published_on) == "2025-03-12"
    assert "Fabrice Pannekoucke" in source.text
    assert source.sha256 is not None and len(source.sha256) == 64


def test_new_partnership_agreement_and_person_are_proposed_with_evidence(ingested: Source):
    pending = ProposedFact.objects.filter(source=ingested, state="pending")
    relation = pending.get(kind="relation")
    assert relation.payload["partner"] == "Auvergne-Rhône-Alpes"
    assert relation.payload["kind"] == "state_partnership"
    assert relation.payload["country"] == "FR"
    assert relation.payload["since"] == 2025
    assert {"energy", "ai", "youth"} <= set(relation.payload["topics"])
    # the evidence offsets point at the passage in the stored text
    assert ingested.text[relation.evidence_start : relation.evidence_end] == relation.evidence
    assert "Auvergne-Rhône-Alpes" in relation.evidence

    agreement = pending.get(kind="agreement")
    assert agreement.payload["title"] == "Gemeinsame Erklärung"
    assert agreement.payload["date"] == "2025-03-12"
    assert "Fabrice Pannekoucke" in agreement.payload["signatories"]
    assert pending.filter(kind="person", payload__name="Fabrice Pannekoucke").exists()


def test_facts_the_register_holds_are_not_proposed(ingested: Source):
    """Kanagawa since 1989 and Winfried Kretschmann as Ministerpräsident come with the loaded BW data."""
    kanagawa = ProposedFact.objects.get(source=ingested, kind="relation", payload__partner__icontains="Kanagawa")
    assert kanagawa.state == ProposedFact.State.ALREADY_IN_REGISTER
    assert kanagawa.relation == Relation.objects.get(partner__slug="kanagawa", kind="state_partnership")
    queue = ProposedFact.objects.open()
    assert not queue.filter(payload__partner__icontains="Kanagawa").exists()
    assert not queue.filter(kind="person", payload__name="Winfried Kretschmann").exists()


def test_ingesting_again_creates_no_duplicates(press_release: Path, ingested: Source):
    sources, facts = Source.objects.count(), ProposedFact.objects.count()
    out, _err = _run(str(press_release))
    assert Source.objects.count() == sources
    assert ProposedFact.objects.count() == facts
    assert "0 proposed for review" in out
    assert "already stored" in out


def test_summary_names_found_proposed_and_known(press_release: Path):
    out, _err = _run(str(press_release))
    assert "5 facts found, 3 proposed for review" in out and "read: title" in out


def test_bad_files_are_reported_and_the_others_still_ingested(press_release: Path, tmp_path: Path):
    empty = tmp_path / "leer.txt"
    empty.write_text("  \n")
    binary = tmp_path / "bild.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    missing = tmp_path / "fehlt.html"
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="3 of 4 files could not be read"):
        call_command("ingest", str(empty), str(binary), str(missing), str(press_release), stdout=out, stderr=err)
    assert f"{empty}: empty document" in err.getvalue()
    assert f"{binary}: binary data" in err.getvalue()
    assert f"{missing}: file does not exist" in err.getvalue()
    assert Source.objects.filter(file_name=press_release.name).exists()
    assert "Traceback" not in err.getvalue()


def test_html_and_markdown_documents_are_ingested(tmp_path: Path):
    page = tmp_path / "seite.html"
    page.write_text(
        "<html><head><title>Partnerschaft mit Ontario</title></head><body><article>"
        "<h1>Partnerschaft mit Ontario</h1><p>Baden-Württemberg pflegt seit 1987 eine Landespartnerschaft "
        "mit der kanadischen Provinz Ontario.</p></article></body></html>",
        encoding="utf-8",
    )
    note = tmp_path / "notiz.md"
    note.write_text("# Notiz\n\nDas Land ist Mitglied der Under2 Coalition.\n", encoding="utf-8")
    out, _err = _run(str(page), str(note))
    assert Source.objects.filter(file_name="seite.html", kind=Source.Kind.WEB_PAGE).exists()
    assert Source.objects.filter(file_name="notiz.md").exists()
    assert "total: 2 of 2 files read" in out


def test_windows_1252_text_and_deeply_nested_html_give_a_result_or_a_clear_message(tmp_path: Path):
    legacy = tmp_path / "alt.txt"
    legacy.write_bytes("Baden-Württemberg pflegt seit 1987 eine Partnerschaft mit Ontario.\n".encode("cp1252"))
    nested = tmp_path / "tief.html"
    nested.write_text("<div>" * 5000 + "Baden-Württemberg und Ontario" + "</div>" * 5000, encoding="utf-8")
    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", str(legacy), str(nested), stdout=out, stderr=err)
    except CommandError as exc:
        assert "could not be read" in str(exc)
        assert f"{nested}:" in err.getvalue()
    source = Source.objects.get(file_name="alt.txt")
    assert "Württemberg" in source.text
    assert "Traceback" not in err.getvalue()


def test_an_undated_mention_of_a_known_agreement_is_not_proposed(tmp_path: Path):
    """The loaded register holds the Gemeinsame Absichtserklärung with Kanagawa of 17 July 2024."""
    from weltnetz.ingest.services import matching_record
    from weltnetz.register.models import Agreement
    from weltnetz.register.names import NameIndex

    known = Agreement.objects.get(partner__slug="kanagawa", title="Gemeinsame Absichtserklärung")
    payload = {"title": "Gemeinsame Absichtserklärung", "partner": "Kanagawa", "date": None}
    assert matching_record(NameIndex.of_actors(), "agreement", payload) == known
    payload = {"title": "Gemeinsame Absichtserklärung", "partner": "Präfektur Kanagawa", "date": "2024-07-17"}
    assert matching_record(NameIndex.of_actors(), "agreement", payload) == known
    payload = {"title": "Gemeinsame Absichtserklärung", "partner": "Kanagawa", "date": "2030-01-01"}
    assert matching_record(NameIndex.of_actors(), "agreement", payload) is None
