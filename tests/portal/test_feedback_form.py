"""The accessibility feedback form against abuse: size limits, honeypot, rate limit, notification, inbox."""

import logging

import pytest
from django.core import mail

from weltnetz.portal.models import FeedbackSubmission, FormPage

pytestmark = pytest.mark.django_db
URL = "/de/barrierefreiheit/"


@pytest.fixture
def message():
    names = [f.clean_name for f in FormPage.objects.get(locale__language_code="de").get_form_fields()]

    def make(text="Die Karte ist per Tastatur schwer zu bedienen.", **extra):
        return {names[0]: "/de/karte/", names[1]: text, **extra}

    return make


def test_fifty_posts_from_one_client_are_refused_after_the_limit(client, message, settings, caplog):
    limit = settings.WELTNETZ_FEEDBACK_PER_HOUR
    statuses = []
    with caplog.at_level(logging.WARNING, logger="weltnetz.portal.models"):
        for i in range(50):
            response = client.post(URL, message(f"Barriere Nummer {i}: die Karte reagiert nicht auf Tasten."))
            statuses.append(response.status_code)
    assert statuses == [200] * limit + [429] * (50 - limit)
    html = response.content.decode()
    assert "in kurzer Zeit mehrere Nachrichten" in html and 'role="alert"' in html
    assert "Barriere Nummer 49" in html  # the refused text is still in the form, nothing typed is lost
    assert FeedbackSubmission.objects.count() == limit
    assert "refused a post from 127.0.0.1 (429)" in caplog.text
    # Another client is not affected.
    assert client.post(URL, message(), REMOTE_ADDR="192.0.2.7").status_code == 200


def test_the_limit_is_per_client_behind_a_trusted_proxy(client, message, settings):
    settings.WELTNETZ_TRUSTED_PROXIES = 1
    settings.WELTNETZ_FEEDBACK_PER_HOUR = 2
    for _ in range(2):
        assert client.post(URL, message(), HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    assert client.post(URL, message(), HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    # A client cannot escape by writing its own X-Forwarded-For: the proxy appends the real address last.
    assert client.post(URL, message(), HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.1").status_code == 429
    assert client.post(URL, message(), HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200


def test_an_overlong_text_is_refused_with_the_limit_named(client, message, settings):
    response = client.post(URL, message("x" * (settings.WELTNETZ_FEEDBACK_MAX_CHARS + 1)))
    assert response.status_code == 200
    assert "höchstens 5000 Zeichen" in response.content.decode()
    assert FeedbackSubmission.objects.count() == 0


def test_a_huge_post_is_refused_before_it_is_read(client, message):
    response = client.post(URL, message("x" * 2_400_000))
    assert response.status_code == 413
    assert "zu lang" in response.content.decode()
    assert FeedbackSubmission.objects.count() == 0


def test_the_honeypot_is_hidden_from_people_and_a_filled_one_stores_nothing(client, message):
    html = client.get(URL).content.decode()
    assert 'name="website"' in html
    honeypot = html.split('name="website"')[0].rsplit("<div", 1)[1]
    assert 'aria-hidden="true"' in honeypot and "honeypot" in honeypot
    response = client.post(URL, message(website="http://spam.example"))
    assert response.status_code == 200 and "Vielen Dank" in response.content.decode()  # the robot sees success
    assert FeedbackSubmission.objects.count() == 0
    assert mail.outbox == []


def test_a_message_is_stored_open_and_sent_to_the_feedback_address(client, message, settings):
    settings.WELTNETZ_FEEDBACK_EMAIL = "barrierefreiheit@example.org"
    response = client.post(URL, message())
    assert "Vielen Dank" in response.content.decode()
    submission = FeedbackSubmission.objects.get()
    assert submission.status == "open"
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["barrierefreiheit@example.org"]
    assert "Die Karte ist per Tastatur schwer zu bedienen." in sent.body
    assert f"/admin/feedback/inspect/{submission.pk}/" in sent.body


def test_a_failing_mail_server_loses_no_message(client, message, settings, monkeypatch):
    settings.WELTNETZ_FEEDBACK_EMAIL = "barrierefreiheit@example.org"

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("weltnetz.portal.models.send_mail", broken)
    assert client.post(URL, message()).status_code == 200
    assert FeedbackSubmission.objects.count() == 1


def test_editors_read_and_close_feedback_in_the_admin(client, message, editor):
    client.post(URL, message())
    submission = FeedbackSubmission.objects.get()
    client.force_login(editor)
    listing = client.get("/admin/feedback/?status=open").content.decode()
    assert "Die Karte ist per Tastatur schwer zu bedienen." in listing
    detail = client.get(f"/admin/feedback/inspect/{submission.pk}/").content.decode()
    assert "/de/karte/" in detail
    assert client.get("/admin/feedback/new/").status_code in (302, 403)  # feedback is not made up in the admin
    response = client.post(
        f"/admin/feedback/edit/{submission.pk}/", {"status": "closed", "note": "Tastaturbedienung ergänzt."}
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "closed" and submission.closed_at is not None
    client.get("/admin/feedback/")  # shows (and so consumes) the "changed" message
    assert "Die Karte ist per Tastatur" not in client.get("/admin/feedback/?status=open").content.decode()
    assert "Die Karte ist per Tastatur" in client.get("/admin/feedback/?status=closed").content.decode()


def test_feedback_does_not_change_the_data_version(client, message):
    from weltnetz.register.version import register_version

    before = register_version()
    client.post(URL, message())
    assert FeedbackSubmission.objects.count() == 1
    assert register_version() == before  # a wave of posts must not empty every cache
