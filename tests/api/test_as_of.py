"""Time travel: `as_of` lists what existed on a day with its status then; bare years mean the year's end."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/relations"


def partners(body) -> dict[str, str | None]:
    return {r["partner"]["slug"]: r["status_as_of"] for r in body["results"]}


def test_relations_that_began_later_are_not_listed(get_json):
    status, body = get_json(f"{URL}?as_of=1990-01-01&page_size=500")
    assert status == 200
    then = partners(body)
    assert "maharashtra" not in then  # since 2015, the bug the issue reports
    assert "kalifornien" not in then and "moskau" not in then
    assert then["liaoning"] == then["jiangsu"] == then["ontario"] == then["kanagawa"] == "active"
    assert "burundi" in then  # "Anfang der 80er Jahre": from the decade's first day


def test_what_was_active_on_2015_06_30(get_json):
    _, body = get_json(f"{URL}?as_of=2015-06-30&status=active&kind=state_partnership&page_size=500")
    then = partners(body)
    assert set(then) == {
        "liaoning",
        "jiangsu",
        "ontario",
        "kanagawa",
        "burundi",
        "kwazulu-natal",
        "swerdlowsker-gebiet",  # rests now, since a date no source gives: active by its dated history
        "st-petersburg",
        "moskau",
        "lodzkie",
        "maharashtra",  # known only to the year: counts from 1 January 2015
    }
    assert set(then.values()) == {"active"}
    assert {r["status"] for r in body["results"] if r["partner"]["slug"] == "moskau"} == {"dormant"}


def test_a_bare_year_means_the_end_of_that_year(get_json):
    _, year = get_json(f"{URL}?as_of=2015&page_size=500")
    _, last_day = get_json(f"{URL}?as_of=2015-12-31&page_size=500")
    assert year["results"] == last_day["results"]
    assert {"maharashtra", "under2-coalition"} <= set(partners(year))
    _, before = get_json(f"{URL}?as_of=2014&page_size=500")
    assert "maharashtra" not in partners(before)


def test_today_shows_the_resting_partnerships_as_resting(get_json):
    import datetime as dt

    today = dt.date.today().isoformat()
    _, body = get_json(f"{URL}?as_of={today}&country=RU&kind=state_partnership")
    assert set(partners(body).values()) == {"dormant"}
    [moskau] = [r for r in body["results"] if r["partner"]["slug"] == "moskau"]
    assert moskau["status_as_of_since"] is None  # "seit wann unbekannt"
    _, dormant = get_json(f"{URL}?as_of={today}&status=dormant")
    assert dormant["count"] == 3
    _, active = get_json(f"{URL}?as_of={today}&status=active&country=RU")
    assert active["count"] == 0


def test_status_carries_its_date_or_says_it_is_unknown(get_json):
    _, body = get_json(f"{URL}?kind=state_partnership&page_size=50")
    since = {r["partner"]["slug"]: (r["status"], r["status_since"]) for r in body["results"]}
    assert since["kanagawa"] == ("active", "1989")
    assert since["moskau"] == ("dormant", None)
    assert since["burundi"] == ("active", "1980")


def test_before_any_relation_the_list_is_empty(get_json):
    status, body = get_json(f"{URL}?as_of=1899-01-01")
    assert status == 200
    assert body["count"] == 0 and body["results"] == []


@pytest.mark.parametrize("value", ["2024-13-45", "abc", "2015-02-30", "15", "2015-6-1", "0000"])
def test_malformed_dates_are_refused_naming_the_field(get_json, value):
    status, body = get_json(f"{URL}?as_of={value}")
    assert status == 400
    [error] = body["errors"]
    assert error["field"] == "as_of"
    assert value in error["reason"]


def test_exports_travel_in_time_too(client):
    csv_text = client.get("/api/v1/relations.csv?as_of=1990-01-01").content.decode()
    assert "maharashtra" not in csv_text and "liaoning" in csv_text
    geo = client.get("/api/v1/relations.geojson?as_of=1990-01-01").json()
    slugs = {f["properties"]["slug"] for f in geo["features"]}
    assert "maharashtra" not in slugs and "liaoning" in slugs
