"""Caching of the calendar's rendered output, invalidated whenever events change.

Everything cached here is stored under a *generation*: a random token kept in
the cache. Publishing, unpublishing, moving or deleting an event or a
calendar, changing a view restriction or a site makes a new generation (see
``signals.py``), so every entry made before is never read again and expires
on its own. Only output built for anonymous visitors from live, public pages
is cached.

The cache is Django's ``default`` cache alias (:data:`CACHE_ALIAS`).
"""

from __future__ import annotations

import hashlib
import uuid

from django.core.cache import caches
from django.db import transaction
from django.utils import translation

#: The Django cache alias the calendar uses.
CACHE_ALIAS = "default"
#: The cache key of the current generation.
GENERATION_KEY = "wagtail_samverkan:events:generation"
#: Key prefix of everything else the calendar caches.
PREFIX = "wagtail_samverkan:events"
#: How long a rendered fragment is kept at most.
FRAGMENT_SECONDS = 60 * 60


def get_cache():
    return caches[CACHE_ALIAS]


def generation() -> str:
    """The current generation; a new one when the cache has lost it."""
    cache = get_cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        value = cache.get(GENERATION_KEY) or uuid.uuid4().hex
    return value


def _new_generation():
    get_cache().set(GENERATION_KEY, uuid.uuid4().hex, None)


def invalidate():
    """Forget everything cached for the calendar, now and once the transaction commits.

    The second new generation makes sure that output built by another request
    from the database as it was before the commit is never read.
    """
    _new_generation()
    transaction.on_commit(_new_generation)


def make_key(name: str, *parts) -> str:
    """A cache key for ``name`` under the current generation and the active language."""
    raw = "|".join(str(part) for part in (translation.get_language(), *parts))
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"{PREFIX}:{generation()}:{name}:{digest}"


def fragment_key(request, name: str, *parts) -> str:
    """The key of a rendered fragment, or "" when it must not be cached.

    Previews show unpublished content and are never cached. The site and its
    root URL are part of the key because page URLs depend on them.
    """
    from wagtail.models import Site

    from .conf import samverkan_settings

    if request is None or getattr(request, "is_preview", False):
        return ""
    site = Site.find_for_request(request)
    return make_key(
        name,
        site.pk if site else "",
        site.root_url if site else "",
        samverkan_settings.TIME_ZONE,
        *parts,
    )
