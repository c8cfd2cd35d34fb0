"""Putting bulk-created objects into Wagtail's search index in batches."""

from wagtail.search.backends import get_search_backend

BATCH_SIZE = 500


def index_objects(model, pks):
    """Index the objects of ``model`` with these pks (bulk-created objects are not)."""
    backend = get_search_backend()
    pks = list(pks)
    for start in range(0, len(pks), BATCH_SIZE):
        objs = list(
            model.get_indexed_objects().filter(pk__in=pks[start : start + BATCH_SIZE])
        )
        if objs:
            backend.add_bulk(model, objs)
