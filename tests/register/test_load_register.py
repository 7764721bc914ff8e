"""Loading data files: bad files stop the load naming file and record, nothing half-loaded, idempotent."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from weltnetz.register.loader import DEFAULT_DIR
from weltnetz.register.models import Actor, Agreement, Relation, RelationCitation, StatusChange

pytestmark = pytest.mark.django_db


def _counts():
    return tuple(m.objects.count() for m in (Actor, Relation, StatusChange, RelationCitation, Agreement))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DIR, target)
    return target


def _edit(folder: Path, name: str, change) -> None:
    path = folder / f"{name}.json"
    records = json.loads(path.read_text())
    change(records)
    path.write_text(json.dumps(records, ensure_ascii=False))


def test_loading_twice_changes_nothing():
    before = _counts()
    out = StringIO()
    call_command("load_register", stdout=out)
    assert _counts() == before
    assert "0 new" in out.getvalue()


def test_unknown_country_code_names_file_and_record(data_dir):
    def change(actors):
        actors[3]["country"] = "XX"
        actors.append({"slug": "neu", "kind": "region", "name": "Neu", "country": "FR"})

    _edit(data_dir, "actors", change)
    before = _counts()
    with pytest.raises(CommandError, match=r"actors\.json: record 4 \(ontario\): unknown country code 'XX'"):
        call_command("load_register", str(data_dir))
    assert _counts() == before
    assert not Actor.objects.filter(slug="neu").exists()


def test_missing_field_names_the_field(data_dir):
    _edit(data_dir, "relations", lambda rels: rels[0].pop("partner"))
    with pytest.raises(CommandError, match=r"relations\.json: record 1 .*missing field 'partner'"):
        call_command("load_register", str(data_dir))


def test_duplicate_record_is_refused(data_dir):
    _edit(data_dir, "relations", lambda rels: rels.append(dict(rels[0])))
    with pytest.raises(CommandError, match=r"relations\.json: record \d+ \(liaoning\): duplicate record"):
        call_command("load_register", str(data_dir))


def test_passage_must_occur_in_its_source(data_dir):
    def change(rels):
        rels[0]["sources"][0]["passage"] = "Ein Satz, der nirgends steht."

    _edit(data_dir, "relations", change)
    with pytest.raises(CommandError, match="passage not found"):
        call_command("load_register", str(data_dir))


def test_failure_late_in_the_load_leaves_nothing_half_loaded(data_dir):
    """A new actor early in the files and a broken agreement at the end: the actor must not be kept."""
    _edit(data_dir, "actors", lambda a: a.append({"slug": "neu", "kind": "region", "name": "Neu", "country": "FR"}))
    _edit(data_dir, "agreements", lambda a: a[0].update(signatories=["niemand"]))
    with pytest.raises(CommandError, match=r"agreements\.json: record 1 .*unknown person 'niemand'"):
        call_command("load_register", str(data_dir))
    assert not Actor.objects.filter(slug="neu").exists()


def test_broken_json_is_reported(data_dir):
    (data_dir / "people.json").write_text("[{")
    with pytest.raises(CommandError, match=r"people\.json: not valid JSON"):
        call_command("load_register", str(data_dir))


def test_malformed_date_names_record_and_field(data_dir):
    _edit(data_dir, "agreements", lambda a: a[0].update(date="2024-13-17"))
    before = _counts()
    message = r"agreements\.json: record 1 .*field 'date': '2024-13-17' is not a valid date"
    with pytest.raises(CommandError, match=message):
        call_command("load_register", str(data_dir))
    assert _counts() == before
