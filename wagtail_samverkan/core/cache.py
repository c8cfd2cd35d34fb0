"""Everything the package caches, under one key scheme and one way to make it stale.

Each area of the package that caches output registers a cache *area* here
(:func:`register_area`): the agreement (page bodies and host-page blocks),
the events (calendar lists, event pages, iCal feeds) and the partnerships
(the IOP register's key figures and option counts). Each area has its own
*generation*, a random token kept in the database (:class:`CacheGeneration`).
A key holds the generations of the areas it depends on, with everything
else that makes the output differ (the language, the site, today's date, the
municipality's name, the time zone and the caller's ``parts``).
:func:`invalidate` replaces the generations in the same transaction as the
change, so nothing cached under the old ones is read again once the change
is committed; the entries expire on their own.

The generations live in the database so that correctness never depends on
the cache being shared: a change committed by any process (another server
worker, ``publish_scheduled`` from cron, an import in a shell) is seen by
every process on its next request, with the per-process ``LocMemCache`` of
a stock site too. A request reads them once, in one small query, at its
first cached fragment. The speed comes from the cached fragments, which may
live in any cache; a shared cache (Redis, Memcached) lets the processes
share them as well.

An area has its own generation so that publishing an event does not throw
away the register's figures or the agreement's bodies. A key that names no
area depends on all of them, the safe choice for new fragments.

Each area says what makes it stale, in its own ``caching`` module, with
:func:`watch` (saving or deleting a model) and :func:`on_page_published` (a
published page it shows). This module knows no area: it keeps the rules and
connects one set of receivers (:func:`connect_receivers`), and makes every
area stale when any page is unpublished, moved, renamed or deleted.

Previews are never cached, and neither is a private page: only live, public
content goes into the cache.

The fragments are kept in the Django cache alias
``WAGTAIL_SAMVERKAN["CACHE_ALIAS"]`` (``"default"`` unless set), for at
most ``CACHE_TIMEOUT`` seconds.
"""

import hashlib
import uuid

from asgiref.local import Local
from django.core.cache import caches
from django.utils.translation import get_language

from wagtail_samverkan.core.conf import local_today, samverkan_settings

#: The registered cache areas, in the order of their names.
AREAS = ()

#: Seconds an entry is kept at most unless ``CACHE_TIMEOUT`` says otherwise.
TIMEOUT = 60 * 60
KEY_PREFIX = "wagtail_samverkan:"


def get_cache():
    """The Django cache named by ``WAGTAIL_SAMVERKAN["CACHE_ALIAS"]``."""
    return caches[samverkan_settings.CACHE_ALIAS]


def timeout():
    return samverkan_settings.CACHE_TIMEOUT


def register_area(name):
    """Register a cache area (once per area, at import) and return its name."""
    global AREAS
    if name not in AREAS:
        # Sorted, so that every process builds the same keys whatever the
        # order in which the areas were imported.
        AREAS = tuple(sorted((*AREAS, name)))
    return name


def _areas(areas):
    areas = tuple(areas) or AREAS
    unknown = [area for area in areas if area not in AREAS]
    if unknown:
        raise ValueError(f"Unknown cache area(s): {', '.join(unknown)}")
    return areas


def generation(*areas):
    """The current generations of ``areas`` (all areas if none), as one string.

    Read from the database once per request; an area that has no row yet
    gets one.
    """
    areas = _areas(areas)
    tokens = _request_tokens()
    missing = [area for area in areas if area not in tokens]
    if missing:
        tokens.update(_read_tokens(missing))
    return "-".join(f"{area}={tokens[area]}" for area in areas)


def _read_tokens(areas):
    from wagtail_samverkan.core.models import CacheGeneration

    # Every registered area at once: the request's later fragments then
    # need no query, whichever areas they name.
    wanted = sorted({*areas, *AREAS})
    tokens = dict(
        CacheGeneration.objects.filter(area__in=wanted).values_list("area", "token")
    )
    absent = [area for area in wanted if area not in tokens]
    if absent:
        CacheGeneration.objects.bulk_create(
            [CacheGeneration(area=area, token=uuid.uuid4().hex) for area in absent],
            ignore_conflicts=True,
        )
        tokens.update(
            CacheGeneration.objects.filter(area__in=absent).values_list("area", "token")
        )
    return tokens


# The generations read by the current request, so that a page of many cached
# fragments reads them once. Outside a request (a shell, a management
# command) nothing is kept: such a process may run for hours.
_local = Local()


def _request_tokens():
    tokens = getattr(_local, "tokens", None)
    return tokens if tokens is not None else {}


def _start_request(**kwargs):
    _local.tokens = {}


def _end_request(**kwargs):
    _local.tokens = None


def invalidate(*areas):
    """Make everything cached for ``areas`` (all areas if none) stale.

    The new generations are written in the current transaction: other
    processes see them when the change itself is committed.
    """
    _replace_generations(_areas(areas))


def _replace_generations(areas):
    from wagtail_samverkan.core.models import CacheGeneration

    token = uuid.uuid4().hex
    updated = CacheGeneration.objects.filter(area__in=areas).update(token=token)
    if updated < len(areas):
        _read_tokens(areas)
        CacheGeneration.objects.filter(area__in=areas).update(token=token)
    tokens = getattr(_local, "tokens", None)
    if tokens is not None:
        for area in areas:
            tokens.pop(area, None)


def is_preview(request):
    return bool(request is not None and getattr(request, "is_preview", False))


def site_id(request):
    if request is None:
        return None
    from wagtail.models import Site

    site = Site.find_for_request(request)
    return site.pk if site else None


def make_key(kind, *parts, request=None, areas=()):
    """A cache key for ``kind``: ``parts`` must say what makes the output differ.

    ``areas`` are the areas whose changes make the entry stale (all if empty).
    """
    values = (
        generation(*areas),
        kind,
        get_language(),
        site_id(request),
        local_today().isoformat(),
        samverkan_settings.MUNICIPALITY_NAME,
        samverkan_settings.TIME_ZONE,
        *parts,
    )
    digest = hashlib.sha256(repr(values).encode()).hexdigest()
    return f"{KEY_PREFIX}{kind}:{digest}"


def fragment_key(request, kind, *parts, areas=()):
    """The key of a rendered fragment, or "" when it must not be cached (a preview)."""
    if request is None or is_preview(request):
        return ""
    return make_key(kind, *parts, request=request, areas=areas)


def get(key):
    return get_cache().get(key)


def set(key, value, seconds=None):  # noqa: A001 - mirrors the cache API
    """Store ``value`` for ``seconds``, never longer than ``CACHE_TIMEOUT``."""
    longest = timeout()
    if seconds is None or (longest is not None and seconds > longest):
        seconds = longest
    get_cache().set(key, value, seconds)


def page_key(page, request, variant, *, areas=()):
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
        areas=areas,
    )


# --- Invalidation -------------------------------------------------------------------

#: The areas made stale when an object of a model is saved or deleted.
_MODEL_AREAS = {}
#: The areas made stale when an object of a model is published or unpublished
#: as a snippet.
_PUBLISH_AREAS = {}
#: ``(area, test)``: publishing a page for which ``test(page)`` is true makes
#: ``area`` stale.
_PAGE_RULES = []

_UID = "wagtail_samverkan.cache"
#: Stands for every area, including those registered later.
ALL = "*"


def watch(model, *areas, publishing=False):
    """Make ``areas`` stale whenever an object of ``model`` is saved or deleted.

    No areas: every area. With ``publishing``, also when a snippet of ``model`` is published or
    unpublished. Call it from an area's ``connect()``; it connects at once.
    """
    from django.db.models.signals import post_delete, post_save

    names = _areas(areas) if areas else (ALL,)
    _MODEL_AREAS[model] = _MODEL_AREAS.get(model, frozenset()) | frozenset(names)
    post_save.connect(_on_model_change, sender=model, dispatch_uid=_UID)
    post_delete.connect(_on_model_change, sender=model, dispatch_uid=_UID)
    if publishing:
        from wagtail.signals import published, unpublished

        _PUBLISH_AREAS[model] = _PUBLISH_AREAS.get(model, frozenset()) | frozenset(
            names
        )
        for signal in (published, unpublished):
            signal.connect(_on_snippet_published, sender=model, dispatch_uid=_UID)


def on_page_published(area, test):
    """Make ``area`` stale when a page for which ``test(page)`` holds is published."""
    rule = (_areas((area,))[0], test)
    if rule not in _PAGE_RULES:
        _PAGE_RULES.append(rule)


def _invalidate_names(names):
    invalidate() if ALL in names else invalidate(*sorted(names))


def _on_model_change(sender, **kwargs):
    _invalidate_names(_MODEL_AREAS[sender])


def _on_snippet_published(sender, **kwargs):
    _invalidate_names(_PUBLISH_AREAS[sender])


def _on_page_published(sender, instance, **kwargs):
    areas = sorted({area for area, test in _PAGE_RULES if test(instance)})
    if areas:
        invalidate(*areas)


def _on_page_gone_or_moved(sender, instance, **kwargs):
    """Unpublishing, moving, renaming or deleting any page may change links and
    listings: cached bodies link to other pages from their rich text.
    """
    from wagtail_samverkan.core.compat import get_base_page_model

    if isinstance(instance, get_base_page_model()):
        invalidate()


def connect_receivers():
    """Connect the receivers every area shares (from ``ready()``).

    A new view restriction must hide its pages at once, and a change of a
    site changes the addresses shown, in every area.
    """
    from django.core.signals import request_finished, request_started
    from django.db.models.signals import post_delete
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
    )

    for model in (PageViewRestriction, Site):
        watch(model)
    request_started.connect(_start_request, dispatch_uid=_UID)
    request_finished.connect(_end_request, dispatch_uid=_UID)
    # Without a sender: a page's deletion reaches post_delete with its
    # specific class.
    post_delete.connect(_on_page_gone_or_moved, dispatch_uid=_UID)
    page_published.connect(_on_page_published, dispatch_uid=_UID)
    for signal in (page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_on_page_gone_or_moved, dispatch_uid=_UID)
