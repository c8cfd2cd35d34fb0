"""Cached page bodies and blocks of the agreement, with Django's cache framework.

A cached fragment is stored under a key made of everything that makes the
output differ: the page and its published revision (or the block's value),
the language, the site, today's date (the status depends on it), the
municipality's name, and a *generation* token. Publishing, unpublishing,
moving or deleting what the fragments show (an agreement, a principle, an
organisation, a municipal body, a document, a view restriction, a site, a
locale) replaces the token, so every fragment is read anew afterwards. The
token is replaced again when the transaction commits, so a request that read
the database before the commit cannot leave an old fragment under the new
token.

Previews are never cached, and neither is the body of a private page:
only live, public content goes into a fragment.

The cache is Django's ``default`` one. With several server processes, use a
shared cache (Redis, Memcached, the database) so that a change made in one
process reaches the others; with a per-process cache (``LocMemCache``) the
other processes see the change when their fragments expire
(:data:`TIMEOUT`).
"""

import hashlib
import uuid

from django.core.cache import caches
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from .conf import samverkan_settings

CACHE_ALIAS = "default"
#: Seconds a fragment is kept at most.
TIMEOUT = 60 * 60
GENERATION_KEY = "wagtail_samverkan:agreement:generation"
KEY_PREFIX = "wagtail_samverkan:agreement:fragment:"


def get_cache():
    return caches[CACHE_ALIAS]


def timeout():
    return getattr(samverkan_settings, "CACHE_TIMEOUT", TIMEOUT)


def generation():
    """The current generation token (a new one when the cache has lost it)."""
    cache = get_cache()
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        token = cache.get(GENERATION_KEY) or "none"
    return token


def invalidate():
    """Make every cached fragment stale, now and when the transaction commits."""
    _replace_generation()
    transaction.on_commit(_replace_generation)


def _replace_generation():
    get_cache().set(GENERATION_KEY, uuid.uuid4().hex, None)


def is_preview(request):
    return bool(request is not None and getattr(request, "is_preview", False))


def site_id(request):
    if request is None:
        return None
    from wagtail.models import Site

    site = Site.find_for_request(request)
    return site.pk if site else None


def make_key(kind, *parts, request=None):
    """A cache key for a fragment: ``parts`` must say what makes it differ."""
    values = (
        generation(),
        kind,
        get_language(),
        site_id(request),
        timezone.localdate().isoformat(),
        samverkan_settings.MUNICIPALITY_NAME,
        *parts,
    )
    digest = hashlib.sha256(repr(values).encode()).hexdigest()
    return KEY_PREFIX + digest


def get(key):
    return get_cache().get(key)


def set(key, html):  # noqa: A001 - mirrors the cache API
    get_cache().set(key, str(html), timeout())


def page_key(page, request, variant):
    """The key of a page body, or None when it must not be cached."""
    if is_preview(request) or not page.live or page.pk is None:
        return None
    return make_key(
        "page",
        page.pk,
        page.live_revision_id,
        page.last_published_at.isoformat() if page.last_published_at else None,
        page.url_path,
        variant,
        request=request,
    )


# --- Invalidation -------------------------------------------------------------------


def _invalidate_receiver(sender, **kwargs):
    invalidate()


def connect_receivers():
    """Connect the receivers that make cached fragments stale (from ``ready()``)."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.documents import get_document_model
    from wagtail.models import Locale, PageViewRestriction, Site
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
        published,
        unpublished,
    )

    from .compat import get_base_page_model
    from .models import (
        AgreementIndexPage,
        AgreementPage,
        MunicipalBody,
        Organisation,
        Principle,
    )
    from .models.agreement import (
        AgreementFollowUp,
        AgreementMilestone,
        AgreementPrinciple,
        AgreementSignatory,
    )

    uid = "wagtail_samverkan.cache"
    for model in (
        AgreementPage,
        AgreementIndexPage,
        AgreementPrinciple,
        AgreementSignatory,
        AgreementMilestone,
        AgreementFollowUp,
        Principle,
        Organisation,
        MunicipalBody,
        get_document_model(),
        PageViewRestriction,
        Site,
        Locale,
    ):
        post_save.connect(_invalidate_receiver, sender=model, dispatch_uid=uid)
        post_delete.connect(_invalidate_receiver, sender=model, dispatch_uid=uid)
    # Deleting any page may delete an agreement below it; moving a page or
    # changing its slug changes the addresses the fragments link to.
    post_delete.connect(
        _invalidate_receiver, sender=get_base_page_model(), dispatch_uid=uid
    )
    for signal in (page_slug_changed, post_page_move, page_unpublished):
        signal.connect(_invalidate_receiver, dispatch_uid=uid)
    page_published.connect(_invalidate_receiver, sender=AgreementPage, dispatch_uid=uid)
    for signal in (published, unpublished):
        signal.connect(_invalidate_receiver, sender=Principle, dispatch_uid=uid)
