"""Sign-in throttling: wrong passwords lock the user name for that address, and every attempt is logged."""

import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"
RIGHT = "correct horse battery"


def sign_in(client, password, address="127.0.0.1", username="editor"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address)


def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, editor, settings, caplog):
    assert settings.AXES_FAILURE_LIMIT == 5
    with caplog.at_level(logging.INFO, logger="axes"):
        for i in range(4):
            response = sign_in(client, f"guess {i}")
            assert response.status_code == 200 and "_auth_user_id" not in client.session
        locked = sign_in(client, "guess 4")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Anmeldung gesperrt" in html and "15 Minuten" in html
    response = sign_in(client, RIGHT)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Logged and recorded: who, from where, how often.
    assert "editor" in caplog.text and "127.0.0.1" in caplog.text
    attempt = AccessAttempt.objects.get(username="editor", ip_address="127.0.0.1")
    assert attempt.failures_since_start >= 5
    assert AccessFailureLog.objects.filter(username="editor", locked_out=True).exists()


def test_the_lock_holds_for_that_address_only(client, editor):
    for i in range(5):
        sign_in(client, f"guess {i}")
    response = sign_in(client, RIGHT, address="198.51.100.20")  # the editor at another desk
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_a_successful_sign_in_resets_the_count(client, editor):
    for i in range(4):
        sign_in(client, f"guess {i}")
    assert sign_in(client, RIGHT).status_code == 302
    client.logout()
    for i in range(4):
        assert sign_in(client, f"again {i}").status_code == 200
    assert sign_in(client, RIGHT).status_code == 302


def test_a_forged_forwarded_for_header_does_not_reset_the_count(client, editor):
    # Without a trusted proxy the connection's address counts, whatever the client writes into headers.
    for i in range(5):
        client.post(
            LOGIN,
            {"username": "editor", "password": f"guess {i}"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i}",
        )
    assert sign_in(client, RIGHT).status_code == 429


def test_private_document_sign_in_is_the_throttled_admin_sign_in(settings):
    assert settings.WAGTAIL_FRONTEND_LOGIN_URL == LOGIN
