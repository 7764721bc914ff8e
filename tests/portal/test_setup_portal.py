"""setup_portal builds the page tree once; a second run changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from weltnetz.portal.models import FormPage, HomePage, NewsIndexPage, NewsPage, StandardPage

pytestmark = pytest.mark.django_db


def test_page_tree_and_site_root():
    home = HomePage.objects.get(locale__language_code="de")
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert NewsIndexPage.objects.child_of(home).get().slug == "aktuelles"
    assert set(StandardPage.objects.child_of(home).values_list("slug", flat=True)) == {"impressum", "datenschutz"}
    assert FormPage.objects.child_of(home).get().form_fields.count() == 4
    news = NewsPage.objects.get(locale__language_code="de")
    assert news.live and news.date.isoformat() == "2024-07-17"
    assert [a.agreement.title for a in news.attachments.all()] == ["Gemeinsame Absichtserklärung"]
    assert sorted(news.partners.values_list("slug", flat=True)) == ["kanagawa"]
    image = next(b.value["image"] for b in news.body if b.block_type == "image")
    assert image.description.startswith("Platzhaltergrafik")  # no photo ships with the seed


def test_second_run_changes_nothing():
    before = Page.objects.count()
    out = StringIO()
    call_command("setup_portal", stdout=out)
    assert "nothing (up to date)" in out.getvalue()
    assert Page.objects.count() == before


def test_editors_can_open_every_page_type_in_the_admin(client, admin_client_user):
    client.force_login(admin_client_user)
    for model in [HomePage, NewsIndexPage, NewsPage, StandardPage, FormPage]:
        page = model.objects.first()
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, model.__name__
    news_index = NewsIndexPage.objects.get(locale__language_code="de")
    assert client.get(f"/admin/pages/add/portal/newspage/{news_index.pk}/").status_code == 200
