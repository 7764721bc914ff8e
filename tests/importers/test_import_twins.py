"""Importing town twinnings from CSV: normalisation, de-duplication, states, bad input, idempotence."""

from __future__ import annotations

from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F

from weltnetz.importers import countries
from weltnetz.importers.states import state_at
from weltnetz.importers.twin_cities import PlaceIndex, Side, _append
from weltnetz.register.countries import continent_of
from weltnetz.register.models import Actor, Relation, RelationCitation
from weltnetz.register.names import fold
from weltnetz.register.querysets import RelationQuerySet

pytestmark = pytest.mark.django_db

HEADER = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
TRICKY = HEADER + "".join(
    [
        "Karlsruhe,Germany,49.0092,8.404,Nancy,France,48.6936,6.1846\n",  # 2
        "Nancy,France,48.6936,6.1846,Karlsruhe,Germany,49.0092,8.404\n",  # 3 reverse of 2
        "Karlsruhe,Germany,49.0092,8.404,Nancy,France,48.6936,6.1846\n",  # 4 repeat of 2
        "Melun,France,48.5406,2.66,Vaihingen (Stuttgart),Germany,48.7267,9.1131\n",  # 5 part of Stuttgart
        'Stuttgart,Germany,48.7775,9.18,Cardiff,"Wales, United Kingdom",51.4817,-3.1792\n',  # 6
        "Łódź,Poland,51.7769,19.4547,Stuttgart,Germany,48.7775,9.18\n",  # 7
        "Lodz,Poland,51.77,19.45,Lyon,France,45.76,4.84\n",  # 8 same Łódź, other spelling
        "Worcester,England,52.19,-2.22,Kleve,Germany,51.79,6.14\n",  # 9
        "Dundee,Scotland,56.46,-2.97,Würzburg,Germany,49.79,9.95\n",  # 10
        "Tbilisi,Georgia (country),41.7167,44.7833,Saarbrücken,Germany,49.2333,7.0\n",  # 11
        "Kyrenia,Northern Cyprus,35.34,33.32,Bodrum,Turkey,37.03,27.43\n",  # 12 unresolved
        "Ulm,Germany,95.0,9.99,Bad Ulm,Austria,47.0,13.0\n",  # 13 latitude > 90
        ",Germany,48.0,9.0,Wien,Austria,48.2,16.37\n",  # 14 empty name
        "Ulm,Germany,48.4,9.99,Wien,Austria,48.2,16.37,extra\n",  # 15 too many fields
        "Lyon,France,45.76,4.84,Birmingham,England,52.48,-1.9\n",  # 16 neither side German
        'Birmingham,"England, United Kingdom",52.48,-1.9,Lyon,France,45.76,4.84\n',  # 17 reverse of 16
    ]
)


def run(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("import_twin_cities", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def tricky(tmp_path: Path) -> Path:
    path = tmp_path / "twins.csv"
    path.write_text(TRICKY, encoding="utf-8")
    return path


def twins() -> RelationQuerySet:
    return Relation.objects.filter(kind="municipal_partnership")


def town(name: str, country: str) -> Actor:
    return Actor.objects.get(kind="municipality", name=name, country_code=country)


def test_country_names_resolve_to_iso_codes_with_the_uk_nation_kept():
    assert countries.resolve("England") == countries.Country("GB", "GB-ENG")
    assert countries.resolve("Scotland, United Kingdom") == countries.Country("GB", "GB-SCT")
    assert countries.resolve("Georgia (country)") == countries.Country("GE")
    assert countries.resolve("Russia") == countries.Country("RU")
    assert countries.resolve("Brandenburg, Germany") == countries.Country("DE", "DE-BB")
    assert countries.resolve("in Italy") == countries.Country("IT")
    assert countries.resolve("Northern Cyprus") is None
    assert countries.resolve("Czechoslovakia") is None
    assert continent_of("JP") == "asia" and continent_of("BR") == "south_america"


def test_points_fall_in_their_german_state():
    assert state_at(49.0092, 8.404) == "DE-BW"  # Karlsruhe
    assert state_at(48.137, 11.575) == "DE-BY"  # München
    assert state_at(52.52, 13.405) == "DE-BE"  # Berlin
    assert state_at(48.85, 2.35) == ""  # Paris


def test_tricky_file_imports_pairs_once_with_places_merged(tricky: Path):
    before = twins().count()
    out = run(tricky)
    karlsruhe, nancy = town("Karlsruhe", "DE"), town("Nancy", "FR")
    # a pair, its reverse and its repeat are one relation, the German town at home
    assert Relation.objects.filter(home=karlsruhe, partner=nancy).count() == 1
    assert not Relation.objects.filter(home=nancy).exists()
    rel = Relation.objects.get(home=karlsruhe, partner=nancy)
    # what the file does not say stays unknown: no category, no status, no start year
    assert (rel.country_code, rel.category, rel.status, rel.since, rel.live) == ("FR", "", "", None, True)
    citation = RelationCitation.objects.get(relation=rel)
    assert citation.passage == "twins.csv, Zeile 2" and citation.origin == "import:twin_cities"
    # "Vaihingen (Stuttgart)" is a part of the register's Stuttgart, which is reused, not duplicated
    stuttgart = Actor.objects.get(slug="stuttgart")
    assert Actor.objects.filter(kind="municipality", name="Stuttgart").count() == 1
    assert town("Vaihingen (Stuttgart)", "DE").parent == stuttgart
    assert Relation.objects.filter(home=stuttgart, partner__name="Cardiff").exists()
    # Łódź and Lodz a kilometre apart are one place
    lodz = Actor.objects.get(country_code="PL", name_key="lodz")
    assert "Lodz" in lodz.aliases
    assert Relation.objects.filter(home=stuttgart, partner=lodz).exists()
    assert (
        Relation.objects.filter(partner__name="Lyon").filter(home=lodz).exists()
        or Relation.objects.filter(home__name="Lyon", partner=lodz).exists()
    )
    # nations of the UK and Georgia (country)
    assert (town("Worcester", "GB").subdivision_code, town("Dundee", "GB").subdivision_code) == ("GB-ENG", "GB-SCT")
    assert town("Tbilisi", "GE").continent == "asia"
    # states and continents
    assert karlsruhe.subdivision_code == "DE-BW" and town("Würzburg", "DE").subdivision_code == "DE-BY"
    assert town("Saarbrücken", "DE").subdivision_code == "DE-SL" and nancy.continent == "europe"
    # neither side German: stored once in a stable order
    assert twins().filter(home__name__in=["Lyon", "Birmingham"], partner__name__in=["Lyon", "Birmingham"]).count() == 1
    # bad rows are reported with their line numbers and reasons, the good ones imported
    assert "line 12: country 'Northern Cyprus' is not a known country" in out
    assert "line 13: lat1 95.0 is not a latitude" in out
    assert "line 14: city1 is empty" in out
    assert "line 15: 9 fields, the header has 8" in out
    assert "Rows read: 16" in out and "Rows rejected: 4" in out
    assert "repeated or reverse pairs: 3" in out
    assert twins().count() - before == 9
    # each twinning stores its home's country (a country's twinnings on either side are read from it), for the
    # register's own Stuttgart as for the towns the file brought
    assert twins().exclude(home_country=F("home__country_code")).count() == 0
    assert set(twins().filter(home=stuttgart).values_list("home_country", flat=True)) == {"DE"}


def test_importing_again_creates_nothing(tricky: Path):
    run(tricky)
    actors, relations, citations = Actor.objects.count(), twins().count(), RelationCitation.objects.count()
    out = run(tricky, "--again")
    assert (Actor.objects.count(), twins().count(), RelationCitation.objects.count()) == (actors, relations, citations)
    assert "Relations created: 0" in out and "Places created: 0" in out


def test_the_same_file_is_skipped_by_its_content_unless_asked_again(tricky: Path, tmp_path: Path):
    run(tricky)
    relations = twins().count()
    out = run(tricky)
    assert "already imported" in out and "skipped" in out and "Rows read" not in out
    copy = tmp_path / "renamed.csv"  # the content decides, not the name
    copy.write_bytes(tricky.read_bytes())
    assert "skipped" in run(copy)
    assert "Rows read: 16" in run(tricky, "--again")
    tricky.write_text(TRICKY + "Ulm,Germany,48.4,9.99,Wien,Austria,48.2,16.37\n", encoding="utf-8")
    out = run(tricky)  # changed content: imported
    assert "Relations created: 1" in out and twins().count() == relations + 1


def test_a_partial_or_dry_run_does_not_count_as_imported(tricky: Path):
    run(tricky, "--limit", "2")
    run(tricky, "--dry-run")
    assert "Relations created: 8" in run(tricky)


def test_without_a_file_the_bundled_list_is_imported(tricky: Path, monkeypatch):
    from weltnetz.importers.management.commands import import_twin_cities as command

    bundled = command.BUNDLED_CSV
    assert bundled.is_file() and (bundled.parent / "twin_cities.LICENSE").is_file()
    with bundled.open(encoding="utf-8") as f:
        assert next(f).startswith("city1,country1,lat1,lng1") and sum(1 for _ in f) == 25_917
    monkeypatch.setattr(command, "BUNDLED_CSV", tricky)  # the real list takes a while; the default is what counts
    out = StringIO()
    call_command("import_twin_cities", stdout=out, stderr=StringIO())
    assert "Relations created: 9" in out.getvalue()


def test_dry_run_counts_but_writes_nothing(tricky: Path):
    actors, relations = Actor.objects.count(), Relation.objects.count()
    out = run(tricky, "--dry-run")
    assert "Dry run" in out and "Relations created: 9" in out
    assert (Actor.objects.count(), Relation.objects.count()) == (actors, relations)


def test_strict_imports_nothing_when_a_row_is_bad(tricky: Path):
    actors = Actor.objects.count()
    with pytest.raises(CommandError, match=r"4 row\(s\) rejected.*line 12"):
        run(tricky, "--strict")
    assert Actor.objects.count() == actors


def test_limit_reads_only_the_first_rows(tricky: Path):
    out = run(tricky, "--limit", "2")
    assert "Rows read: 2" in out and "Relations created: 1" in out


def test_byte_order_mark_is_accepted(tmp_path: Path):
    path = tmp_path / "bom.csv"
    row = "Esslingen am Neckar,Germany,48.74,9.31,Vienne,France,45.52,4.87\n"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + row).encode())
    run(path)
    assert town("Esslingen am Neckar", "DE").subdivision_code == "DE-BW"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("city1,country1,lat1,lng1,city2,lat2,lng2\nA,Germany,48,9,B,45,4\n", "missing column(s) country2"),
        ("", "the file is empty"),
        (HEADER + "A,Germany,48,9,B,France,45,4\n", None),
    ],
)
def test_unusable_files_are_refused_naming_the_problem(tmp_path: Path, content: str, message: str | None):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    if message is None:  # the control: a good file goes through
        assert "Relations created: 1" in run(path)
        return
    actors = Actor.objects.count()
    with pytest.raises(CommandError) as err:
        run(path)
    assert message in str(err.value) and "Nothing was imported" in str(err.value)
    assert Actor.objects.count() == actors


def test_a_wrong_delimiter_given_is_named(tmp_path: Path):
    path = tmp_path / "semicolon.csv"
    path.write_text(HEADER.replace(",", ";") + "A;Germany;48;9;B;France;45;4\n", encoding="utf-8")
    with pytest.raises(CommandError, match="seems to use ';' as delimiter"):
        run(path, "--delimiter", ",")


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_the_delimiter_is_told_from_the_header(tmp_path: Path, delimiter: str):
    path = tmp_path / "other.csv"
    rows = (
        HEADER + "Ulm,Germany,48.4,9.99,Wien,Austria,48.2,16.37\n" + "Mainz,Germany,50.0,8.27,Dijon,France,47.3,5.04\n"
    )
    path.write_text(rows.replace(",", delimiter), encoding="utf-8")
    assert "Relations created: 2" in run(path)


def test_the_encoding_is_told_from_the_bytes(tmp_path: Path):
    path = tmp_path / "latin1.csv"
    rows = (
        HEADER
        + "Köln,Germany,50.9,6.9,Lille,France,50.6,3.06\n"
        + "Görlitz,Germany,51.15,14.98,Zgorzelec,Poland,51.15,15.0\n"
    )
    path.write_bytes(rows.encode("cp1252"))
    assert "Relations created: 2" in run(path)
    assert town("Köln", "DE") and town("Görlitz", "DE")


def test_a_line_that_is_not_utf8_is_rejected_naming_its_line(tmp_path: Path):
    path = tmp_path / "mixed.csv"
    good = "".join(f"Ort{i},Germany,48.{i:04d},9.5,Ville{i},France,45.{i:04d},4.8\n" for i in range(3000))
    bad = "Köln,Germany,50.9,6.9,Lille,France,50.6,3.06\n".encode("latin-1")  # past the 64 KiB sample
    tail = "Ulm,Germany,48.4,9.99,Wien,Austria,48.2,16.37\n"
    path.write_bytes((HEADER + good).encode() + bad + tail.encode())
    err = StringIO()
    out = StringIO()
    call_command("import_twin_cities", str(path), stdout=out, stderr=err)
    assert "mixed.csv: line 3002: not valid UTF-8: byte 0xf6 at column 2" in err.getvalue()
    assert "Relations created: 3001" in out.getvalue() and "Rows rejected: 1" in out.getvalue()
    assert town("Ulm", "DE")
    with pytest.raises(CommandError, match=r"1 row\(s\) rejected, nothing imported \(--strict\); first: line 3002"):
        run(path, "--strict", "--again")


def test_a_binary_file_gets_a_one_line_message(tmp_path: Path):
    path = tmp_path / "picture.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 200)
    with pytest.raises(CommandError) as err:
        run(path)
    message = str(err.value)
    assert "\n" not in message and len(message) < 200
    assert "not a text file" in message and "Nothing was imported" in message


def test_all_rows_rejected_is_an_error(tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER + "Ulm,Germany,91,9.99,Wien,Austria,48.2,16.37\n" + ",Germany,48,9,,Austria,48,16\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="all 2 rows were rejected"):
        run(path)
    headed = tmp_path / "header.csv"
    headed.write_text(HEADER, encoding="utf-8")
    with pytest.raises(CommandError, match="no data rows"):
        run(headed)


def test_broken_rows_are_each_reported_and_the_rest_goes_in(tmp_path: Path):
    path = tmp_path / "broken.csv"
    lines, broken = [], []
    for i in range(400):
        if i % 100 == 7:
            lines.append(f"Ort{i},Germany,98.0,9.5,Ville{i},France,45.0,4.8\n")
            broken.append(i + 2)
        else:
            lines.append(f"Ort{i},Germany,48.{i:04d},9.5,Ville{i},France,45.{i:04d},4.8\n")
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    relations = Relation.objects.count()
    with pytest.raises(CommandError, match=r"4 row\(s\) rejected"):
        run(path, "--strict")
    assert Relation.objects.count() == relations
    err, out = StringIO(), StringIO()
    call_command("import_twin_cities", str(path), stdout=out, stderr=err)
    assert [int(x.split(":")[1].split()[1]) for x in err.getvalue().splitlines()] == broken
    assert "Relations created: 396" in out.getvalue()
    assert Relation.objects.count() == relations + 396


def test_column_mapping_reads_other_files_with_categories(tmp_path: Path):
    path = tmp_path / "rgre.csv"
    path.write_text(
        "Stadt\tLand\tPartner\tPartnerland\tArt\tseit\n"
        "Tübingen\tGermany\tAix-en-Provence\tFrance\tPartnerschaft\t1960\n"
        "Tübingen\tGermany\tVilla El Salvador\tPeru\tFreundschaft\t\n"
        "Tübingen\tGermany\tKilchberg\tSwitzerland\tKaffeeklatsch\t\n",
        encoding="utf-8",
    )
    out = run(
        path,
        "--delimiter",
        "\\t",
        "--columns",
        "city1=Stadt,country1=Land,city2=Partner,country2=Partnerland,category=Art,since=seit",
    )
    aix = twins().get(home__name="Tübingen", partner__name="Aix-en-Provence")
    assert (aix.category, aix.since) == ("partnership", 1960)
    assert twins().get(home__name="Tübingen", partner__name="Villa El Salvador").category == "friendship"
    assert "line 4: category 'Kaffeeklatsch' is not one of" in out


def test_facet_counts_by_partner_country_for_a_state(tricky: Path):
    run(tricky)
    counts = dict(twins().filter(home__subdivision_code="DE-BW").facet_counts("country_code"))
    assert counts["FR"] >= 2 and counts["GB"] >= 1 and counts["PL"] >= 1
    assert twins().in_state("DE-BW").in_country("FR").filter(home__name="Karlsruhe").count() == 1


def test_bad_options_are_refused_naming_them(tricky: Path, tmp_path: Path):
    with pytest.raises(CommandError, match="column mapping 'town=Stadt'"):
        run(tricky, "--columns", "town=Stadt")
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "missing.csv")
    with pytest.raises(CommandError, match="--limit must be at least 1"):
        run(tricky, "--limit", "0")


def test_progress_bar_goes_to_stderr_only_when_asked(tricky: Path):
    out, err = StringIO(), StringIO()
    call_command("import_twin_cities", str(tricky), "--progress", "--dry-run", stdout=out, stderr=err)
    assert "100%" in err.getvalue() and "\r[" in err.getvalue()
    assert "Rows read: 16" in out.getvalue() and "%" not in out.getvalue()
    quiet = StringIO()
    call_command("import_twin_cities", str(tricky), "--dry-run", stdout=StringIO(), stderr=quiet)
    assert "\r[" not in quiet.getvalue() and "%" not in quiet.getvalue()  # not a terminal, not asked
    assert quiet.getvalue().splitlines()[0] == "twins.csv: line 12: country1 'Northern Cyprus' is not a known country"


def test_overlong_names_are_cut_to_the_field_length(tmp_path: Path):
    path = tmp_path / "long.csv"
    name = "Groß" * 80  # 320 characters; folded ("gross") even longer
    path.write_text(HEADER + f"{name},Germany,48.4,9.99,Wien,Austria,48.2,16.37\n", encoding="utf-8")
    assert "Relations created: 1" in run(path)
    town = Actor.objects.get(name=name[:200])
    assert len(town.name_key) <= 200 and len(town.slug) <= 160


def test_towns_of_one_name_get_numbered_slugs_within_a_file_and_across_imports(tmp_path: Path):
    rows = [
        "Neustadt,Germany,49.35,8.14,Tours,France,47.39,0.69\n",
        "Neustadt,Germany,54.10,10.81,Lyon,France,45.76,4.84\n",  # another Neustadt, 500 km away
    ]
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(HEADER + "".join(rows), encoding="utf-8")
    second.write_text(HEADER + "Neustadt,Germany,50.73,11.74,Nancy,France,48.69,6.18\n", encoding="utf-8")
    run(first)
    run(second)
    slugs = sorted(Actor.objects.filter(name="Neustadt", country_code="DE").values_list("slug", flat=True))
    assert slugs == ["neustadt-de", "neustadt-de-2", "neustadt-de-3"]


def test_dry_run_reports_what_the_import_then_does(tricky: Path):
    dry = run(tricky, "--dry-run").replace("Dry run: nothing written. ", "")
    assert "parts linked to their town: 1" in dry
    assert dry.splitlines()[:4] == run(tricky).splitlines()[:4]


def test_a_name_whose_hash_collides_is_not_taken_for_another_place():
    index = PlaceIndex()
    ulm = index.add("Ulm", "DE", 48.4, 9.99)
    _append(index.keys, hash(fold("Neu-Ulm")), ulm)  # as if "neu ulm" hashed like "ulm"
    assert index.candidates(fold("Neu-Ulm"), "DE") == []
    assert index.candidates(fold("ULM"), "DE") == [ulm]
    assert index.resolve(Side("Neu-Ulm", "DE", "", 48.39, 10.01)) != ulm  # 2 km away, still another town


TABLE = "register_relation"


def relation_indexes() -> dict[str, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s", [TABLE])
        else:
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [TABLE])
        return dict(cursor.fetchall())


def test_a_large_import_builds_the_other_indexes_once_and_keeps_them(tricky: Path, monkeypatch):
    """A file as large as the register (here: any file) imports with the relations' secondary indexes dropped and
    built again at the end: the same rows go in, and every index is back, the same as before."""
    from weltnetz.importers import twin_cities

    before = relation_indexes()
    monkeypatch.setattr(twin_cities, "BYTES_PER_RELATION", 0)
    dropped: list[str] = []
    real = twin_cities.deferred_indexes

    @contextmanager
    def watched(model):
        with real(model):
            dropped.extend(sorted(set(before) - set(relation_indexes())))
            yield

    monkeypatch.setattr(twin_cities, "deferred_indexes", watched)
    out = run(tricky)
    assert "Relations created: 9" in out
    assert relation_indexes() == before
    from django.db import connection

    if connection.vendor == "sqlite":  # PostgreSQL keeps them (no per-row cost there to save)
        assert "relation_kind_country_live" in dropped and "relation_kind_homecc_live" in dropped
        assert not any("home_id" in name or "partner" in name for name in dropped), dropped
    else:
        assert dropped == []
    assert twins().filter(home_country="FR").exists() and twins().filter(country_code="FR").exists()


def test_a_failed_large_import_leaves_every_index(tmp_path: Path, monkeypatch):
    """--strict with a bad row rolls back: the dropped indexes come back with the rollback."""
    from weltnetz.importers import twin_cities

    before = relation_indexes()
    monkeypatch.setattr(twin_cities, "BYTES_PER_RELATION", 0)
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "Ulm,Germany,48.4,9.99,Wien,Austria,48.2,16.37\n,Germany,48.0,9.0,Graz,Austria,47,15\n")
    with pytest.raises(CommandError, match="nothing imported"):
        run(path, "--strict")
    assert relation_indexes() == before
