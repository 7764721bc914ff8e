"""The portal's "Stand am …": the same question as the API's as_of, on the list and on partner pages."""

import re

import pytest

pytestmark = pytest.mark.django_db

ACTIVE_2015 = {
    "liaoning",
    "jiangsu",
    "ontario",
    "kanagawa",
    "burundi",
    "kwazulu-natal",
    "swerdlowsker-gebiet",
    "st-petersburg",
    "moskau",
    "lodzkie",
    "maharashtra",
}


def test_what_was_active_on_2015_06_30_in_the_list_and_the_api(client):
    query = "as_of=2015-06-30&status=active&kind=state_partnership"
    html = client.get(f"/de/beziehungen/?{query}").content.decode()
    table = html[html.index("<tbody>") : html.index("</tbody>")]
    portal = set(re.findall(r'href="/de/partner/([^/]+)/"', table))
    api = {r["partner"]["slug"] for r in client.get(f"/api/v1/relations?{query}&page_size=500").json()["results"]}
    assert portal == api == ACTIVE_2015
    assert "Status am" in html  # the column says which day its status is from


def test_the_list_as_of_a_year_shows_the_status_then(client):
    html = client.get("/en/beziehungen/?as_of=2010&country=RU").content.decode()
    table = html[html.index("<tbody>") : html.index("</tbody>")]
    # The three partnerships had begun by the end of 2010 and were active; the German Centre in Moscow has no
    # dated start, so the register cannot place it in 2010.
    assert table.count("<tr>") == 3
    assert table.count(">active<") == 3 and "dormant" not in table


def test_partner_page_as_of_a_day(client):
    before = client.get("/en/partner/kalifornien/?as_of=2015-06-30").content.decode()
    assert "No published relation with this partner." in before  # the partnership began in 2018
    moscow_now = client.get("/de/partner/moskau/").content.decode()
    assert "seit wann unbekannt" in moscow_now  # resting, since a date no source gives
    moscow_then = client.get("/de/partner/moskau/?as_of=2015").content.decode()
    assert "Status am" in moscow_then and "aktiv" in moscow_then


@pytest.mark.parametrize("path", ["/de/beziehungen/?as_of=2024-13-45", "/de/partner/moskau/?as_of=abc"])
def test_a_malformed_day_is_refused_with_a_message(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "JJJJ-MM-TT" in response.content.decode()
