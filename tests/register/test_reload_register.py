"""Loading the data files again: what the files assert is updated; accepted facts and editors' edits stay."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from weltnetz.ingest.models import ProposedFact
from weltnetz.register.loader import DEFAULT_DIR
from weltnetz.register.models import Relation, RelationCitation, StatusChange

pytestmark = pytest.mark.django_db


def load(folder: Path | None = None) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("load_register", *([str(folder)] if folder else []), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def kanagawa() -> Relation:
    return Relation.objects.get(partner__slug="kanagawa", kind="state_partnership")


@pytest.fixture
def new_version(tmp_path: Path) -> Path:
    """A copy of the data files somewhere else, to be edited into a new version."""
    target = tmp_path / "bw-2027"
    shutil.copytree(DEFAULT_DIR, target)
    return target


def edit(folder: Path, name: str, change) -> None:
    path = folder / f"{name}.json"
    records = json.loads(path.read_text())
    change(records)
    path.write_text(json.dumps(records, ensure_ascii=False))


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def publish_edit(client, relation: Relation, change) -> None:
    """Edit a relation in the admin form as an editor does, and publish."""
    url = reverse("wagtailsnippets_register_relation:edit", args=[relation.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form")
    change(data)
    data["action-publish"] = "action-publish"
    # as lists: the test client would send a QueryDict's last value only, dropping all topics but one
    response = client.post(url, {key: data.getlist(key) for key in data})
    assert response.status_code == 302, response.content.decode()[:3000]


def end_in_admin(data) -> None:
    """Add an 'ended' status change to the inline history."""
    n = int(data["status_changes-TOTAL_FORMS"])
    data["status_changes-TOTAL_FORMS"] = str(n + 1)
    for name, value in {
        "status": "ended",
        "date": "2025-06-30",
        "precision": "day",
        "note": "Partnerschaft beendet",
        "id": "",
        "ORDER": str(n + 1),
        "DELETE": "",
    }.items():
        data[f"status_changes-{n}-{name}"] = value


def test_an_accepted_fact_keeps_its_relation_and_citation_after_a_reload(editor_client, editor, ingested):
    fact = ProposedFact.objects.get(source=ingested, kind="relation", payload__partner="Auvergne-Rhône-Alpes")
    editor_client.post(reverse("ingest:accept", args=[fact.pk]), {"new_partner": "1"})  # a new partner: consent
    fact.refresh_from_db()
    fact.relation.latest_revision.publish(user=editor)  # accepting made a draft; a publisher publishes it

    out, err = load()

    relation = Relation.objects.get(pk=fact.relation_id)
    assert relation.live and relation.status == "active" and relation.since == 2025
    cited = relation.citations.get(field="record")
    assert cited.source == ingested and "Auvergne-Rhône-Alpes" in cited.passage
    assert "0 new" in out and err == ""


def test_a_citation_accepted_for_a_loaded_relation_survives_the_reload(editor, ingested):
    from weltnetz.register.recording import REVIEW, Cite, Recorder

    passage = "Kanagawa"
    Recorder(REVIEW, user=editor).cite(kanagawa(), Cite(source=ingested, passage=passage))
    citations = set(kanagawa().citations.values_list("source_id", "passage"))

    load()

    assert set(kanagawa().citations.values_list("source_id", "passage")) == citations
    assert (ingested.pk, passage) in citations


def test_an_editor_ended_relation_stays_ended_and_the_conflict_is_reported(editor_client):
    publish_edit(editor_client, kanagawa(), end_in_admin)
    assert kanagawa().status == "ended"

    out, err = load()

    relation = kanagawa()
    assert relation.status == "ended"
    assert relation.status_changes.filter(status="ended", date="2025-06-30").exists()
    assert relation.status_changes.filter(status="active", date="1989-01-01").count() == 1
    # the report names the file, the record and the editor's change
    assert "relations.json: record 4 (kanagawa): status:" in err
    assert "'ended from 2025-06-30'" in err and "editor" in err and "not 'active'" in err
    assert "kept the register's version" in err
    assert "1 conflict(s)" in out


def test_an_editors_start_year_is_kept_and_reported(editor_client):
    def change(data):
        data["since"] = "1988"

    publish_edit(editor_client, kanagawa(), change)

    _, err = load()

    assert kanagawa().since == 1988
    assert "record 4 (kanagawa): since: the register holds 1988 (editor," in err and "not 1989" in err


def test_a_new_version_of_the_files_updates_what_nobody_changed(new_version, editor_client):
    def change(relations):
        jiangsu = next(r for r in relations if r["partner"] == "jiangsu")
        jiangsu["since"] = 1985
        jiangsu["status"][0]["date"] = "1985"
        jiangsu["topics"] = ["economy"]
        ontario = next(r for r in relations if r["partner"] == "ontario")
        ontario["status"].append(ontario["status"][0] | {"status": "dormant", "date": None, "note": "ruht"})

    edit(new_version, "relations", change)
    publish_edit(editor_client, kanagawa(), lambda data: data.update(note="Von Hand ergänzt"))

    out, err = load(new_version)

    jiangsu = Relation.objects.get(partner__slug="jiangsu")
    assert jiangsu.since == 1985
    assert [(c.status, c.date.year) for c in jiangsu.history()] == [("active", 1985)]
    assert set(jiangsu.topics.values_list("slug", flat=True)) == {"economy"}
    assert Relation.objects.get(partner__slug="ontario").status == "dormant"
    # the edit the files say nothing about stays, silently
    assert kanagawa().note == "Von Hand ergänzt"
    assert err == ""
    assert "relations: 0 new, 2 updated" in out


def test_loading_twice_writes_no_new_revision_or_row():
    counts = (StatusChange.objects.count(), RelationCitation.objects.count())
    revisions = kanagawa().revisions.count()
    load()
    load()
    assert (StatusChange.objects.count(), RelationCitation.objects.count()) == counts
    assert kanagawa().revisions.count() == revisions


def test_a_relation_an_editor_deleted_is_not_created_again(editor):
    relation = Relation.objects.get(partner__slug="ontario")
    relation.delete()

    _, err = load()

    assert not Relation.objects.filter(partner__slug="ontario").exists()
    assert "record 3 (ontario): record: the register holds nothing (deleted in the register since)" in err
