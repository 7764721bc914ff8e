"""Accepting a proposed fact writes a draft through the recording service; only a publisher makes it live."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType, WorkflowTask

from weltnetz.ingest import services
from weltnetz.ingest.models import ProposedFact
from weltnetz.register.models import Actor, Relation

pytestmark = pytest.mark.django_db
NEW = {"new_partner": "1"}


def _auvergne(source) -> ProposedFact:
    return ProposedFact.objects.get(source=source, kind="relation", payload__partner="Auvergne-Rhône-Alpes")


def _state_partnerships() -> int:
    return Relation.objects.public().filter(kind="state_partnership").count()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderatorin", "m@example.org", "correct horse battery")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_accepting_creates_a_draft_that_the_public_does_not_see(editor_client, ingested):
    count = _state_partnerships()
    editor_client.post(reverse("ingest:accept", args=[_auvergne(ingested).pk]), NEW)
    relation = Relation.objects.get(partner__name="Auvergne-Rhône-Alpes")
    assert not relation.live and relation.latest_revision is not None
    # the overview counts published partnerships: "zwölf" stays "zwölf" until someone publishes
    assert _state_partnerships() == count
    html = editor_client.get("/de/").content.decode()
    assert "Auvergne" not in html


def test_an_editor_with_publish_permission_publishes_the_draft(editor_client, editor, ingested):
    count = _state_partnerships()
    editor_client.post(reverse("ingest:accept", args=[_auvergne(ingested).pk]), NEW)
    relation = Relation.objects.get(partner__name="Auvergne-Rhône-Alpes")
    assert editor.has_perm("register.publish_relation")
    relation.latest_revision.publish(user=editor)
    relation.refresh_from_db()
    assert relation.live and _state_partnerships() == count + 1


def test_a_change_to_a_published_relation_waits_in_a_revision(editor, tmp_path):
    """A release says Liaoning rests: the live relation stays active until the draft is published."""
    from django.core.management import call_command

    liaoning = Relation.objects.get(partner__slug="liaoning", kind="state_partnership")
    assert liaoning.live and liaoning.status == "active"
    doc = tmp_path / "liaoning.txt"
    doc.write_text(
        "Liaoning\n\nStuttgart, 3. Mai 2025\n\n"
        "Die Landespartnerschaft zwischen Baden-Württemberg und der chinesischen Provinz Liaoning ruht seit 2022.\n",
        encoding="utf-8",
    )
    call_command("ingest", str(doc), verbosity=0)
    fact = ProposedFact.objects.get(source__file_name="liaoning.txt", kind="relation")
    assert fact.state == ProposedFact.State.PENDING  # a difference, proposed as a change
    plan = services.preview(fact, user=editor)
    assert ("status", "active", "dormant") in [(c.field, c.before, c.after) for c in plan.changes]
    services.accept(fact, editor)
    liaoning.refresh_from_db()
    assert liaoning.live and liaoning.status == "active" and liaoning.has_unpublished_changes
    assert liaoning.latest_revision.as_object().status == "dormant"
    liaoning.latest_revision.publish(user=editor)
    liaoning.refresh_from_db()
    assert liaoning.status == "dormant"


def test_moderators_with_the_review_permission_alone_cannot_accept(client, moderator, ingested):
    client.force_login(moderator)
    fact = _auvergne(ingested)
    relations, actors = Relation.objects.count(), Actor.objects.count()
    page = client.get(reverse("ingest:review", args=[fact.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("ingest:accept", args=[fact.pk]) not in html
    assert reverse("ingest:reject", args=[fact.pk]) in html
    for name, data in (("accept", NEW), ("correct", {"kind": "cooperation", "partner": "X", **NEW})):
        response = client.post(reverse(f"ingest:{name}", args=[fact.pk]), data)
        assert response.status_code in (302, 403)
    fact.refresh_from_db()
    assert fact.state == ProposedFact.State.PENDING
    assert (Relation.objects.count(), Actor.objects.count()) == (relations, actors)
    with pytest.raises(services.PermissionDenied):
        services.accept(fact, moderator, new_partner=True)


def test_an_unknown_partner_needs_the_new_partner_step(editor_client, ingested):
    fact = _auvergne(ingested)
    html = editor_client.get(reverse("ingest:review", args=[fact.pk])).content.decode()
    assert "Neuer Partner" in html and 'name="new_partner"' in html
    actors = Actor.objects.count()
    response = editor_client.post(reverse("ingest:accept", args=[fact.pk]))
    assert response.status_code == 302
    fact.refresh_from_db()
    assert fact.state == ProposedFact.State.PENDING and Actor.objects.count() == actors  # nothing created
    editor_client.post(reverse("ingest:accept", args=[fact.pk]), NEW)
    fact.refresh_from_db()
    assert fact.state == ProposedFact.State.ACCEPTED
    assert Actor.objects.filter(name="Auvergne-Rhône-Alpes", country_code="FR").count() == 1


def test_the_review_page_shows_the_record_as_a_diff(editor_client, ingested):
    fact = _auvergne(ingested)
    response = editor_client.get(reverse("ingest:review", args=[fact.pk]))
    html = response.content.decode()
    assert "Entwurf" in html and "<ins>2025</ins>" in html
    assert Relation.objects.filter(partner__name="Auvergne-Rhône-Alpes").count() == 0  # the preview wrote nothing


def test_the_proposal_speaks_in_labels_not_codes(editor_client, ingested):
    html = editor_client.get(reverse("ingest:review", args=[_auvergne(ingested).pk])).content.decode()
    proposal = html[html.index("Vorgeschlagen") : html.index("Was die Übernahme")]  # before the correction form
    assert "Landespartnerschaft" in proposal and "aktiv" in proposal and "Energie" in proposal
    for code in ("state_partnership", ">active<", "energy"):
        assert code not in proposal


def test_the_draft_enters_the_workflow_assigned_to_relations(editor, ingested):
    workflow = Workflow.objects.create(name="Register approval")
    task = GroupApprovalTask.objects.create(name="Publisher approval")
    task.groups.set([Group.objects.create(name="Publishers")])  # the editor who accepts is not one of them
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.create(content_type=ContentType.objects.get_for_model(Relation), workflow=workflow)
    fact = services.accept(_auvergne(ingested), editor, new_partner=True)
    relation = fact.relation
    assert relation.workflow_in_progress and not relation.live
    assert relation.current_workflow_state.workflow == workflow


# -- differences are proposed, equal facts confirm ------------------------------------------------------------
def _release(tmp_path, name: str, body: str):
    from django.core.management import call_command

    doc = tmp_path / name
    doc.write_text(f"Internationales\n\nMeldung\n\nStuttgart, 3. Mai 2025\n\n{body}\n", encoding="utf-8")
    call_command("ingest", str(doc), verbosity=0)
    return ProposedFact.objects.filter(source__file_name=name)


def test_a_different_start_year_is_proposed_with_both_values_and_sources(editor_client, editor, tmp_path):
    facts = _release(
        tmp_path, "kanagawa.txt", "Baden-Württemberg pflegt seit 1986 eine Partnerschaft mit der Präfektur Kanagawa."
    )
    fact = facts.get(kind="relation")
    assert fact.state == ProposedFact.State.PENDING
    assert ["since", 1989, 1986] in fact.differences
    html = editor_client.get(reverse("ingest:review", args=[fact.pk])).content.decode()
    assert "Baden-Württemberg in der Welt" in html or "Kanagawa" in html  # the register's source beside
    assert "1989" in html and "1986" in html
    queue = editor_client.get(reverse("ingest:queue")).content.decode()
    assert reverse("ingest:review", args=[fact.pk]) in queue
    services.accept(fact, editor)
    kanagawa = Relation.objects.get(partner__slug="kanagawa", kind="state_partnership")
    assert kanagawa.since == 1989 and kanagawa.latest_revision.as_object().since == 1986  # a draft


def test_a_fact_equal_to_the_register_adds_its_source_only_with_consent(editor, tmp_path):
    facts = _release(
        tmp_path, "gleich.txt", "Baden-Württemberg pflegt seit 1989 eine Partnerschaft mit der Präfektur Kanagawa."
    )
    fact = facts.get(kind="relation")
    assert fact.state == ProposedFact.State.ALREADY_IN_REGISTER and fact.differences == []
    kanagawa = Relation.objects.get(partner__slug="kanagawa", kind="state_partnership")
    assert not kanagawa.citations.filter(source=fact.source).exists()  # nothing added by itself
    services.accept(fact, editor)
    kanagawa.refresh_from_db()
    cited = kanagawa.latest_revision.as_object().citations.all()
    assert any(c.source_id == fact.source_id for c in cited)


# -- rejections are remembered ------------------------------------------------------------------------------
def test_a_rejected_fact_from_another_document_is_held_back_and_can_be_queued_again(editor_client, editor, tmp_path):
    body = "Baden-Württemberg pflegt seit 1986 eine Partnerschaft mit der Präfektur Kanagawa."
    first = _release(tmp_path, "eins.txt", body).get(kind="relation")
    editor_client.post(reverse("ingest:reject", args=[first.pk]), {"reason": "Falsches Jahr, 1989 ist belegt"})
    first.refresh_from_db()
    assert first.state == ProposedFact.State.REJECTED and first.reason == "Falsches Jahr, 1989 ist belegt"

    again = _release(tmp_path, "zwei.txt", "Kurz gemeldet. " + body).get(kind="relation")
    assert again.state == ProposedFact.State.PREVIOUSLY_REJECTED and again.rejected_before == first
    assert again not in ProposedFact.objects.open()
    html = editor_client.get(reverse("ingest:review", args=[again.pk])).content.decode()
    assert "Falsches Jahr, 1989 ist belegt" in html and "editor" in html
    listing = editor_client.get(reverse("ingest:queue") + "?state=previously_rejected").content.decode()
    assert "Falsches Jahr" in listing

    editor_client.post(reverse("ingest:requeue", args=[again.pk]))
    again.refresh_from_db()
    assert again.state == ProposedFact.State.PENDING and again in ProposedFact.objects.open()


def test_another_fact_about_the_same_partner_is_not_held_back(editor_client, tmp_path):
    first = _release(
        tmp_path, "eins.txt", "Baden-Württemberg pflegt seit 1986 eine Partnerschaft mit der Präfektur Kanagawa."
    ).get(kind="relation")
    editor_client.post(reverse("ingest:reject", args=[first.pk]), {"reason": "falsch"})
    other = _release(
        tmp_path, "drei.txt", "Die Partnerschaft zwischen Baden-Württemberg und der Präfektur Kanagawa ruht seit 2023."
    ).get(kind="relation")
    assert other.state == ProposedFact.State.PENDING and other.rejected_before is None
