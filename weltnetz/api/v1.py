"""The one NinjaAPI of weltnetz's open data, version 1: read-only, one router per resource."""

from typing import Any

from django.conf import settings
from ninja import NinjaAPI

from weltnetz.register import opendata

from . import agreements, anniversaries, catalog, exports, feeds, news, places, relations, topics
from .errors import install


class WeltnetzAPI(NinjaAPI):
    """The NinjaAPI whose OpenAPI document says what the app does with empty parameters: treat them as absent."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                for param in operation.get("parameters", []):
                    if param.get("in") == "query":
                        param["allowEmptyValue"] = True
        return schema


api = WeltnetzAPI(
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
api.add_router("/", feeds.router)
api.add_router("/relations", relations.router)
api.add_router("/places", places.router)
api.add_router("/agreements", agreements.router)
api.add_router("/news", news.router)
api.add_router("/topics", topics.router)
api.add_router("/anniversaries", anniversaries.router)
