"""Meetings and events: the calendar, event pages and their occurrences.

One module per concept: ``choices``, ``index`` (the calendar page), ``page``
(the event page), ``schedule`` (its dates and series), ``occurrences`` (the
stored dates) and ``inlines``; every name is importable from here.

Each published event's dates are stored in :class:`EventOccurrence`, rebuilt
whenever the event is published, unpublished or deleted, so that listing a
month or "the next 20" is one indexed query however many series exist.
"""

from wagtail_samverkan.events.forms import EventPageForm
from wagtail_samverkan.events.models.choices import (
    ICAL_CALENDAR_FILENAME,
    ICAL_EVENT_FILENAME,
    AttendanceMode,
    EventKind,
    EventStatus,
    WeekdaysField,
    ical_url,
)
from wagtail_samverkan.events.models.index import (
    CountingPaginator,
    EventIndexPage,
    month_choices,
    next_month,
    parse_month,
)
from wagtail_samverkan.events.models.inlines import EventException, EventRelatedLink
from wagtail_samverkan.events.models.occurrences import (
    EventICalState,
    EventOccurrence,
    EventOccurrenceQuerySet,
)
from wagtail_samverkan.events.models.page import EventPage
from wagtail_samverkan.events.models.schedule import EventScheduleMixin

__all__ = [
    "ICAL_CALENDAR_FILENAME",
    "ICAL_EVENT_FILENAME",
    "AttendanceMode",
    "CountingPaginator",
    "EventException",
    "EventICalState",
    "EventIndexPage",
    "EventKind",
    "EventOccurrence",
    "EventOccurrenceQuerySet",
    "EventPage",
    "EventPageForm",
    "EventRelatedLink",
    "EventScheduleMixin",
    "EventStatus",
    "WeekdaysField",
    "ical_url",
    "month_choices",
    "next_month",
    "parse_month",
]
