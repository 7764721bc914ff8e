"""Suite-wide fixtures: the test database is migrated once and holds the Baden-Württemberg data.

Tests run in transactions that roll back, so each starts from the loaded register. Tests that need an empty
register use the `empty_register` fixture.
"""

from pathlib import Path

import pytest
from django.core.management import call_command

DOCUMENTS = Path(__file__).parent / "ingest" / "documents"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_register", verbosity=0)
        call_command("setup_portal", verbosity=0)


@pytest.fixture
def editor(django_user_model):
    """A signed-up editor with access to the Wagtail admin."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("editor", "editor@example.org", "correct horse battery")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def admin_client_user(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", "correct horse battery")


@pytest.fixture(autouse=True)
def german_first():
    """Each test starts in German, the site's first language.

    A request to /en/ leaves English active in the worker's thread (LocaleMiddleware does not switch back), so
    without this a test's language would depend on which test ran before it on the same xdist worker.
    """
    from django.conf import settings

    if not settings.configured:  # the extractor's tests run without Django
        yield
        return
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_caches():
    """Rate-limit counters start at zero and the cache empty in every test (both live in the process's memory).

    Entries are keyed by the data version, and each test's writes roll back with it: on PostgreSQL the next test
    reaches the same version again, and would find what an earlier test cached under it (a checks run with
    another test's findings).
    """
    from django.conf import settings

    if settings.configured:  # not in tests/extract, which runs without Django
        from django.core.cache import caches

        caches["counters"].clear()
        caches["default"].clear()
    yield


@pytest.fixture
def press_release() -> Path:
    """A press release of our own: a new partnership (Auvergne-Rhône-Alpes), and Kanagawa 1989 the register holds."""
    return DOCUMENTS / "auvergne-partnerschaft-2025.txt"


@pytest.fixture
def ingested(press_release, db):
    """The press release ingested once; returns its Source."""
    from weltnetz.register.models import Source

    call_command("ingest", str(press_release), verbosity=0)
    return Source.objects.get(file_name=press_release.name)
