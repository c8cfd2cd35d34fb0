"""A search backend that fails as an unreachable search server does."""

from wagtail.search.backends.database.fallback import DatabaseSearchBackend


class SearchServerDown(ConnectionError):
    pass


class UnreachableSearchBackend(DatabaseSearchBackend):
    def search(self, *args, **kwargs):
        raise SearchServerDown("Connection refused")
