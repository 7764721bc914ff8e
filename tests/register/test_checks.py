"""The consistency checks: each with a document or record that triggers it and one that does not."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from weltnetz.register import checks
from weltnetz.register.models import Actor, Relation, RelationCitation, Source, StatusChange, home_region

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _source(text: str, published: dt.date | None = None, title: str = "Meldung") -> Source:
    return Source.objects.create(
        title=title, kind=Source.Kind.PRESS_RELEASE, text=text, published_on=published, retrieved_on=TODAY
    )


def _found(code: str, *, source: Source | None = None, relation=None, actor=None) -> list[checks.Finding]:
    run = {c.code: c.run for c in checks.CHECKS}[code]
    out = run()
    if source is not None:
        out = [f for f in out if source.pk in f.sources]
    if relation is not None:
        out = [f for f in out if relation.pk in f.relations]
    if actor is not None:
        out = [f for f in out if actor.pk in f.actors]
    return out


def kanagawa() -> Relation:
    return Relation.objects.get(partner__slug="kanagawa", kind="state_partnership")


def _relation(partner_name: str, *, since: int | None, status: str = "", cited: bool = True, **kw) -> Relation:
    partner = Actor.objects.create(slug=partner_name.lower(), name=partner_name, kind="region", country_code="FR")
    rel = Relation.objects.create(
        kind=kw.get("kind", "state_partnership"), home=home_region(), partner=partner, since=since, live=True
    )
    if status:
        StatusChange.objects.create(relation=rel, status=status, date=None)
        rel.refresh_status()
    if cited:
        RelationCitation.objects.create(relation=rel, source=_source(f"{partner_name} seit {since}"), passage="x")
    return rel


# 1. an anniversary in a source against the start year
def test_an_anniversary_that_does_not_fit_the_start_year_is_found():
    source = _source(
        "Zum 30-jährigen Jubiläum der Partnerschaft mit Kanagawa kam eine Delegation.", dt.date(2024, 7, 17)
    )
    (finding,) = _found("anniversary", source=source)
    assert finding.relations == [kanagawa().pk] and "1994" in finding.message and "1989" in finding.message


def test_an_anniversary_that_fits_the_start_year_is_not():
    source = _source(
        "Zum 35-jährigen Jubiläum der Partnerschaft mit Kanagawa kam eine Delegation.", dt.date(2024, 7, 17)
    )
    assert _found("anniversary", source=source) == []


# 2. a count in a source's prose against the register
def _held() -> int:
    return Relation.objects.public().filter(home=home_region(), kind="state_partnership").as_of(TODAY).count()


def test_a_count_in_prose_that_differs_from_the_register_is_found():
    source = _source(f"Baden-Württemberg unterhält {_held() - 1} Landespartnerschaften.", TODAY)
    (finding,) = _found("count", source=source)
    assert str(_held()) in finding.message


def test_a_count_in_words_that_fits_is_not():
    words = {v: k for k, v in checks.NUMBER_WORDS.items() if k.isalpha() and k not in ("ein", "eine", "einer")}
    source = _source(f"Das Land pflegt {words[_held()]} Landespartnerschaften.", TODAY)
    assert _found("count", source=source) == []


# 3. two sources that give different start years or statuses
def test_sources_that_give_different_start_years_are_found():
    rel = kanagawa()
    other = _source("Die Partnerschaft mit Kanagawa besteht seit 1986.")
    RelationCitation.objects.create(relation=rel, source=other, field="since", passage="seit 1986")
    (finding,) = _found("sources_disagree", relation=rel)
    assert "1986" in finding.message and "1989" in finding.message and other.pk in finding.sources


def test_sources_that_agree_are_not():
    rel = kanagawa()
    other = _source("Die Partnerschaft mit Kanagawa besteht seit 1989.")
    RelationCitation.objects.create(relation=rel, source=other, field="since", passage="seit 1989")
    assert _found("sources_disagree", relation=rel) == []


def test_sources_that_give_different_current_statuses_are_found():
    rel = kanagawa()
    StatusChange.objects.create(relation=rel, status="dormant", date=None, source=_source("ruht", title="A"))
    StatusChange.objects.create(relation=rel, status="active", date=None, source=_source("aktiv", title="B"))
    assert _found("sources_disagree", relation=rel)


# 4. a relation with no source
def test_a_relation_without_a_source_is_found():
    rel = _relation("Quellenlos", since=2001, cited=False)
    assert _found("no_source", relation=rel)


def test_a_relation_with_a_source_is_not():
    rel = _relation("Belegt", since=2001, cited=True)
    assert _found("no_source", relation=rel) == []


# 5. a dormant or ended relation with a round anniversary in the planning window
def test_a_resting_relation_with_a_round_anniversary_is_found():
    rel = _relation("Ruhend", since=TODAY.year + 1 - 20, status="dormant")
    (finding,) = _found("dormant_anniversary", relation=rel)
    assert "20" in finding.message


def test_an_active_relation_with_a_round_anniversary_is_not():
    rel = _relation("Lebendig", since=TODAY.year + 1 - 20, status="active")
    assert _found("dormant_anniversary", relation=rel) == []


# 6. duplicate actors
def test_two_actors_of_one_name_in_one_country_are_found():
    a = Actor.objects.create(slug="neustadt-1", name="Neustadt", kind="municipality", country_code="DE")
    Actor.objects.create(slug="neustadt-2", name="Neustadt", kind="municipality", country_code="DE")
    (finding,) = _found("duplicate_actor", actor=a)
    assert len(finding.actors) == 2


def test_the_same_name_in_two_countries_is_not():
    a = Actor.objects.create(slug="neustadt-de", name="Neustadt", kind="municipality", country_code="DE")
    Actor.objects.create(slug="neustadt-at", name="Neustadt", kind="municipality", country_code="AT")
    assert _found("duplicate_actor", actor=a) == []


# 7. a twinning stored beside its reverse
def _towns():
    a = Actor.objects.create(slug="a-stadt", name="A-Stadt", kind="municipality", country_code="DE")
    b = Actor.objects.create(slug="b-ville", name="B-Ville", kind="municipality", country_code="FR")
    return a, b


def test_a_twinning_beside_its_reverse_is_found():
    a, b = _towns()
    one = Relation.objects.create(kind="municipal_partnership", home=a, partner=b, live=True)
    Relation.objects.create(kind="municipal_partnership", home=b, partner=a, live=True)
    (finding,) = _found("reverse_twinning", relation=one)
    assert len(finding.relations) == 2


def test_a_twinning_stored_once_is_not():
    a, b = _towns()
    one = Relation.objects.create(kind="municipal_partnership", home=a, partner=b, live=True)
    assert _found("reverse_twinning", relation=one) == []


# running them
def test_the_cached_run_sees_every_change():
    before = len(checks.run()["duplicate_actor"])
    Actor.objects.create(slug="doppel-1", name="Doppelort", kind="municipality", country_code="DE")
    Actor.objects.create(slug="doppel-2", name="Doppelort", kind="municipality", country_code="DE")
    assert len(checks.run()["duplicate_actor"]) == before + 1


def test_the_command_lists_the_findings_and_fails_under_strict():
    a, b = _towns()
    Relation.objects.create(kind="municipal_partnership", home=a, partner=b, live=True)
    Relation.objects.create(kind="municipal_partnership", home=b, partner=a, live=True)
    out = StringIO()
    call_command("check_register", stdout=out)
    text = out.getvalue()
    assert "reverse_twinning" in text and "A-Stadt" in text
    with pytest.raises(CommandError):
        call_command("check_register", "--strict", "--check", "reverse_twinning", stdout=StringIO())
