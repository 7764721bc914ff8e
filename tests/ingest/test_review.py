"""The review queue: editors accept, correct or reject proposed facts; accepted facts become cited register records."""

import pytest
from django.urls import reverse

from weltnetz.ingest.models import ProposedFact
from weltnetz.register.models import Actor, Agreement, Person, Relation, Role, Source

pytestmark = pytest.mark.django_db
NEW = {"new_partner": "1"}  # the editor's consent to the "new partner" step


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _fact(source: Source, kind: str, **payload) -> ProposedFact:
    return ProposedFact.objects.get(
        source=source, kind=kind, state="pending", **{f"payload__{k}": v for k, v in payload.items()}
    )


def test_queue_lists_pending_facts_with_document_and_passage(editor_client, ingested):
    response = editor_client.get(reverse("ingest:queue"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Auvergne-Rhône-Alpes" in html
    assert ingested.title in html
    assert "<mark>" in html
    assert "Kanagawa" not in html  # already in the register: not in the queue


def test_review_page_highlights_the_passage_in_the_document(editor_client, ingested):
    fact = _fact(ingested, "relation", partner="Auvergne-Rhône-Alpes")
    response = editor_client.get(reverse("ingest:review", args=[fact.pk]))
    assert response.status_code == 200
    assert f"<mark>{fact.evidence}</mark>" in response.content.decode()


def test_menu_item_shows_for_editors(editor_client):
    response = editor_client.get(reverse("wagtailadmin_home"))
    assert reverse("ingest:queue") in response.content.decode()


def test_accepting_a_relation_creates_it_with_status_and_citations(editor_client, editor, ingested):
    fact = _fact(ingested, "relation", partner="Auvergne-Rhône-Alpes")
    response = editor_client.post(reverse("ingest:accept", args=[fact.pk]), NEW)
    assert response.status_code == 302

    fact.refresh_from_db()
    assert fact.state == ProposedFact.State.ACCEPTED
    assert fact.reviewer == editor and fact.reviewed_at is not None
    relation = fact.relation
    assert relation.partner.name == "Auvergne-Rhône-Alpes"
    assert relation.partner.country_code == "FR" and relation.partner.kind == "region"
    assert relation.home == Actor.objects.get(is_home=True)
    assert relation.kind == "state_partnership" and relation.since == 2025
    assert not relation.live and relation.status == "active"  # a draft until someone publishes it
    assert {"energy", "ai", "youth"} <= set(relation.topics.values_list("slug", flat=True))
    change = relation.status_changes.get()
    assert change.status == "active" and change.date.year == 2025
    fields = set(relation.citations.values_list("field", flat=True))
    assert fields == {"record", "since", "topics"}
    for citation in relation.citations.all():
        assert citation.source == ingested
        assert ingested.text[citation.passage_start : citation.passage_end] == citation.passage == fact.evidence
    # the history shows who accepted it
    assert relation.latest_revision.user == editor


def test_accepting_twice_creates_nothing_new(editor_client, ingested):
    fact = _fact(ingested, "relation", partner="Auvergne-Rhône-Alpes")
    editor_client.post(reverse("ingest:accept", args=[fact.pk]), NEW)
    counts = (Relation.objects.count(), Actor.objects.count(), fact.source.relationcitation_set.count())
    editor_client.post(reverse("ingest:accept", args=[fact.pk]), NEW)
    assert (Relation.objects.count(), Actor.objects.count(), fact.source.relationcitation_set.count()) == counts


def test_accepting_an_agreement_creates_it_with_signatories_place_and_citation(editor_client, ingested):
    relation_fact = _fact(ingested, "relation", partner="Auvergne-Rhône-Alpes")
    editor_client.post(reverse("ingest:accept", args=[relation_fact.pk]), NEW)
    fact = _fact(ingested, "agreement", title="Gemeinsame Erklärung")
    editor_client.post(reverse("ingest:accept", args=[fact.pk]), NEW)

    fact.refresh_from_db()
    agreement = fact.agreement
    assert agreement.title == "Gemeinsame Erklärung" and agreement.kind == Agreement.Kind.DECLARATION
    assert str(agreement.date) == "2025-03-12"
    assert agreement.partner.name == "Auvergne-Rhône-Alpes"
    assert agreement.place.slug == "stuttgart"
    assert agreement.relation == Relation.objects.get(partner__name="Auvergne-Rhône-Alpes")
    assert set(agreement.signatories.values_list("name", flat=True)) == {"Winfried Kretschmann", "Fabrice Pannekoucke"}
    assert Person.objects.filter(name="Winfried Kretschmann").count() == 1  # the known person is reused
    citation = agreement.citations.get()
    assert citation.source == ingested and "Gemeinsame Erklärung" in citation.passage
    assert not agreement.live


def test_accepting_a_person_records_the_role(editor_client, ingested):
    editor_client.post(
        reverse("ingest:accept", args=[_fact(ingested, "relation", partner="Auvergne-Rhône-Alpes").pk]), NEW
    )
    fact = _fact(ingested, "person", name="Fabrice Pannekoucke")
    response = editor_client.post(
        reverse("ingest:correct", args=[fact.pk]),
        {"name": "Fabrice Pannekoucke", "role": "Präsident", "affiliation": "Auvergne-Rhône-Alpes"},
    )
    assert response.status_code == 302
    role = Role.objects.get(person__name="Fabrice Pannekoucke")
    assert role.title == "Präsident" and role.affiliation.name == "Auvergne-Rhône-Alpes"
    assert role.source == ingested


def test_rejecting_adds_nothing_to_the_register(editor_client, editor, ingested):
    fact = _fact(ingested, "relation", partner="Auvergne-Rhône-Alpes")
    relations, actors = Relation.objects.count(), Actor.objects.count()
    response = editor_client.post(reverse("ingest:reject", args=[fact.pk]))
    assert response.status_code == 302
    fact.refresh_from_db()
    assert fact.state == ProposedFact.State.REJECTED and fact.reviewer == editor
    assert (Relation.objects.count(), Actor.objects.count()) == (relations, actors)
    assert fact not in ProposedFact.objects.open()
    # a rejected fact cannot be accepted afterwards by a stray post
    editor_client.post(reverse("ingest:accept", args=[fact.pk]), NEW)
    assert Relation.objects.count() == relations


def test_correcting_changes_the_fact_before_it_is_accepted(editor_client, ingested):
    fact = _fact(ingested, "relation", partner="Auvergne-Rhône-Alpes")
    response = editor_client.post(
        reverse("ingest:correct", args=[fact.pk]),
        {
            "kind": "cooperation",
            "partner": "Auvergne-Rhône-Alpes",
            "country": "fr",
            "since": "2024",
            "status": "dormant",
            "topics": ["culture", "science"],
            "new_partner": "1",
        },
    )
    assert response.status_code == 302
    fact.refresh_from_db()
    assert fact.state == ProposedFact.State.CORRECTED
    relation = fact.relation
    assert relation.kind == "cooperation" and relation.since == 2024 and relation.country_code == "FR"
    assert set(relation.topics.values_list("slug", flat=True)) == {"culture", "science"}
    assert relation.status == "dormant"
    assert [c.status for c in relation.history()] == ["active", "dormant"]
    assert fact.extracted["kind"] == "state_partnership"  # what the extractor said is kept


def test_bad_correction_is_refused_naming_the_field(editor_client, ingested):
    fact = _fact(ingested, "relation", partner="Auvergne-Rhône-Alpes")
    relations = Relation.objects.count()
    response = editor_client.post(
        reverse("ingest:correct", args=[fact.pk]),
        {"kind": "state_partnership", "partner": "", "country": "Frankreich", "since": "nineteen"},
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert {"partner", "country", "since"} <= set(form.errors)
    assert Relation.objects.count() == relations
    fact.refresh_from_db()
    assert fact.state == ProposedFact.State.PENDING


def test_bad_agreement_date_is_refused(editor_client, ingested):
    fact = _fact(ingested, "agreement", title="Gemeinsame Erklärung")
    response = editor_client.post(
        reverse("ingest:correct", args=[fact.pk]),
        {"title": "Gemeinsame Erklärung", "partner": "Auvergne-Rhône-Alpes", "date": "12.03.2025"},
    )
    assert response.status_code == 400
    assert "date" in response.context["form"].errors


def test_anonymous_visitors_cannot_see_or_change_the_queue(client, ingested):
    fact = _fact(ingested, "relation", partner="Auvergne-Rhône-Alpes")
    response = client.get(reverse("ingest:queue"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    for name in ("accept", "reject", "correct"):
        response = client.post(reverse(f"ingest:{name}", args=[fact.pk]), {"partner": "X", "kind": "cooperation"})
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    fact.refresh_from_db()
    assert fact.state == ProposedFact.State.PENDING


def test_admin_users_without_the_review_permission_are_refused(client, django_user_model, ingested):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("gast", "gast@example.org", "correct horse battery")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    fact = _fact(ingested, "relation", partner="Auvergne-Rhône-Alpes")
    # Wagtail turns a refused admin view into a redirect to the dashboard with an error message
    for response in (client.get(reverse("ingest:queue")), client.post(reverse("ingest:accept", args=[fact.pk]))):
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home")
    fact.refresh_from_db()
    assert fact.state == ProposedFact.State.PENDING
    assert reverse("ingest:queue") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_posts_need_a_csrf_token(editor, ingested):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    fact = _fact(ingested, "relation", partner="Auvergne-Rhône-Alpes")
    assert client.post(reverse("ingest:accept", args=[fact.pk])).status_code == 403
    fact.refresh_from_db()
    assert fact.state == ProposedFact.State.PENDING


def test_accepted_relation_is_not_proposed_again(editor_client, press_release, ingested, tmp_path):
    from django.core.management import call_command

    fact = _fact(ingested, "relation", partner="Auvergne-Rhône-Alpes")
    editor_client.post(reverse("ingest:accept", args=[fact.pk]), NEW)
    fact.refresh_from_db()
    # the same news in another wording is a new document, but the partnership is now known
    other = tmp_path / "meldung.txt"
    other.write_text(press_release.read_text(encoding="utf-8").replace("INTERNATIONALES", "EUROPA"), encoding="utf-8")
    call_command("ingest", str(other), verbosity=0)
    again = ProposedFact.objects.get(
        source__file_name="meldung.txt", kind="relation", payload__partner="Auvergne-Rhône-Alpes"
    )
    assert again.state == ProposedFact.State.ALREADY_IN_REGISTER and again.relation == fact.relation


def test_queue_speaks_german_by_default_and_english_on_request(editor_client, ingested):
    html = editor_client.get(reverse("ingest:queue")).content.decode()
    assert "Prüfliste" in html and "warten auf eine Entscheidung" in html
    fact = _fact(ingested, "relation", partner="Auvergne-Rhône-Alpes")
    html = editor_client.get(reverse("ingest:review", args=[fact.pk])).content.decode()
    assert "Als Entwurf übernehmen" in html and "Ablehnen" in html
    html = editor_client.get(reverse("ingest:queue"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Review queue" in html
