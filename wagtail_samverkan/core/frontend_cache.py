"""Purging a front-end cache (Varnish, a CDN) of the listings a page shows in.

With ``wagtail.contrib.frontend_cache`` installed, Wagtail purges a page's
own addresses (``get_cached_paths``) when it is published or unpublished.
An IOP or an event also shows in its register or calendar, in their exports
and feeds: each area names those pages here (:func:`also_purge`), and they
are purged in the same batch. Listings on other pages (the blocks on a home
page) are not known to the package; a site that caches those in front adds
its own rule.
"""

from django.apps import apps

_RULES = []
_UID = "wagtail_samverkan.frontend_cache"


def also_purge(test, pages):
    """When a page for which ``test(page)`` holds is published, unpublished or
    deleted, purge ``pages(page)`` too.
    """
    rule = (test, pages)
    if rule not in _RULES:
        _RULES.append(rule)


def installed():
    return apps.is_installed("wagtail.contrib.frontend_cache")


def _related_pages(page):
    related = {}
    for test, pages in _RULES:
        if test(page):
            for other in pages(page):
                if other is not None and other.live:
                    related[other.pk] = other
    return list(related.values())


def _purge_related(sender, instance, **kwargs):
    if not installed():
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    pages = _related_pages(instance)
    if pages:
        batch = PurgeBatch()
        batch.add_pages(pages)
        batch.purge()


def _purge_before_delete(sender, instance, **kwargs):
    from wagtail_samverkan.core.compat import get_base_page_model

    if isinstance(instance, get_base_page_model()) and instance.live:
        _purge_related(sender, instance)


def connect_receivers():
    """Connect the receivers (from ``ready()``)."""
    from django.db.models.signals import pre_delete
    from wagtail.signals import page_published, page_unpublished

    for signal in (page_published, page_unpublished):
        signal.connect(_purge_related, dispatch_uid=_UID)
    pre_delete.connect(_purge_before_delete, dispatch_uid=_UID)
