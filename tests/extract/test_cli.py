"""The command line: one JSON per input, a one-line message per bad input, exit code 1 if any failed."""

import json
import subprocess
import sys
from pathlib import Path

from weltnetz_extract.cli import main

from .conftest import REPO

GOOD = "Baden-Württemberg und die japanische Partnerprovinz Kanagawa feiern ihre Partnerschaft seit 1989.\n"


def test_writes_one_json_per_input(tmp_path: Path, capsys):
    src = tmp_path / "pm_kanagawa.txt"
    src.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(src), "--out", str(out), "--quiet"]) == 0
    facts = json.loads((out / "pm_kanagawa.json").read_text(encoding="utf-8"))
    assert set(facts) == {"relations", "agreements", "people"}
    rel = facts["relations"][0]
    assert (rel["kind"], rel["partner"], rel["country"], rel["since"]) == ("state_partnership", "Kanagawa", "JP", 1989)
    assert rel["evidence"]["text"].startswith("Baden-Württemberg und die japanische")


def test_bad_files_do_not_stop_the_others(tmp_path: Path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # 50 MB, written in chunks
        chunk = ("Partnerschaft mit Frankreich. " * 1000).encode()
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            fh.write(chunk)
    latin = tmp_path / "latin.txt"
    latin.write_bytes(
        "Die Städtepartnerschaft zwischen Tübingen und Aix-en-Provence besteht seit 1960.".encode("cp1252")
    )
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body><div><p>Partnerschaft mit <b>Québec<div><div></span></table>", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out"
    files = [good, empty, binary, huge, latin, broken, missing]
    code = main([str(p) for p in files] + ["--out", str(out), "--quiet"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["broken.json", "good.json", "latin.json"]
    assert len(err) == 4
    assert any("empty.txt" in line and "empty" in line.split(":", 1)[1] for line in err)
    assert any("image.html" in line and "binary" in line for line in err)
    assert any("huge.txt" in line and "too large" in line for line in err)
    assert any("missing.txt" in line and "no such file" in line for line in err)
    assert not any("Traceback" in line for line in err)
    latin_facts = json.loads((out / "latin.json").read_text(encoding="utf-8"))
    assert latin_facts["relations"][0]["partner"] == "Aix-en-Provence"


def test_module_entry_point(tmp_path: Path):
    src = tmp_path / "a.md"
    src.write_text("# Titel\n\n" + GOOD, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "weltnetz_extract", str(src), "--out", str(tmp_path / "o")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "o" / "a.json").exists()
    assert "1 relations" in done.stdout


def test_help_describes_every_option(capsys):
    try:
        main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
    out = capsys.readouterr().out
    for option in ("--out", "--home", "--quiet", "FILE"):
        assert option in out
