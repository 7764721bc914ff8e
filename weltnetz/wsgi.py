"""WSGI entry point for gunicorn (`weltnetz serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weltnetz.settings.dev")

application = get_wsgi_application()
