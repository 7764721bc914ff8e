"""The versioned open-data API (filled in by the open-data issue)."""

urlpatterns: list = []
