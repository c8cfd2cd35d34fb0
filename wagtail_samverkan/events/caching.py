"""What makes the events' cached output stale (see ``core.cache``)."""

from wagtail_samverkan.core import cache, frontend_cache

AREA = cache.register_area("events")


def affects_calendar(page):
    """Whether ``page`` is an event, a calendar, above a calendar or linked from an event."""
    from wagtail_samverkan.events.models import (
        EventIndexPage,
        EventPage,
        EventRelatedLink,
    )

    if isinstance(page, EventIndexPage | EventPage):
        return True
    path = getattr(page, "path", None)
    if not path:
        return False
    # A moved page may arrive as a plain Page rather than its specific class;
    # a page an event links to shows (with its title) on the event's page.
    # A calendar's title or an ancestor's slug shows in the calendar's output.
    return (
        EventIndexPage.objects.filter(path__startswith=path).exists()
        or EventPage.objects.filter(pk=page.pk).exists()
        or EventRelatedLink.objects.filter(link_page_id=page.pk).exists()
    )


def _is_event(page):
    from wagtail_samverkan.events.models import EventPage

    return isinstance(page, EventPage)


def _calendar_of(page):
    return [page.get_parent().specific]


def connect():
    """Connect the events' receivers (from ``ready()``)."""
    from wagtail_samverkan.register.models import MunicipalBody, Organisation

    # Organisers show on event pages and in the feeds.
    for model in (Organisation, MunicipalBody):
        cache.watch(model, AREA)
    cache.on_page_published(AREA, affects_calendar)
    # An event shows in its calendar, the archive and the calendar's feed.
    frontend_cache.also_purge(_is_event, _calendar_of)
