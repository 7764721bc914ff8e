"""The one NinjaAPI of weltnetz's open data, version 1: read-only, one router per resource."""

from django.conf import settings
from ninja import NinjaAPI

from weltnetz.register import opendata

from . import agreements, anniversaries, catalog, exports, news, places, relations, topics
from .errors import install

api = NinjaAPI(
    title="weltnetz open data",
    version="1",
    description=(
        "The register of international relations as open data: relations with their status history and sources, "
        "places, agreements, news, topics and anniversaries; CSV, GeoJSON and JSON-LD exports. "
        'Errors answer {"errors": [{"field", "reason"}]}. Every answer carries an ETag.'
    ),
    urls_namespace="api-1",
    docs_url="/docs",
    openapi_url="/openapi.json",
    openapi_extra={
        "info": {
            "license": {"name": opendata.licence().title, "url": opendata.licence().url},
            "contact": {
                "name": settings.WELTNETZ_PUBLISHER_NAME,
                "url": settings.WELTNETZ_PUBLISHER_URL,
                "email": settings.WELTNETZ_CONTACT_EMAIL,
            },
        }
    },
)
install(api)

api.add_router("/", exports.router)
api.add_router("/", catalog.router)
api.add_router("/relations", relations.router)
api.add_router("/places", places.router)
api.add_router("/agreements", agreements.router)
api.add_router("/news", news.router)
api.add_router("/topics", topics.router)
api.add_router("/anniversaries", anniversaries.router)
