"""iCalendar (RFC 5545) output of the calendar and of single events.

One VEVENT per event: a series is one VEVENT with an RRULE (UNTIL in UTC),
cancelled dates are EXDATEs and moved dates are extra VEVENTs with the same
UID and a RECURRENCE-ID. Only properties and rule parts that Outlook and
Google Calendar both accept are used.
"""

from __future__ import annotations

import datetime

from django.db.models import Max
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vRecur
from wagtail.models import Site

from . import cache, recurrence
from .conf import samverkan_settings
from .models.events import EventException, EventKind, EventPage, EventStatus

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//wagtail_samverkan//Samverkan calendar//SV"
#: The feed leaves out events that ended longer ago than this.
FEED_PAST_DAYS = 365
#: How often subscribed calendar apps are asked to fetch the feed again.
FEED_REFRESH_HOURS = 6
#: How long a built feed is kept at most (it is rebuilt at once when events change).
FEED_CACHE_SECONDS = 60 * 60


def uid_domain(request=None) -> str:
    """The domain that makes UIDs globally unique: the setting or the site's host."""
    if samverkan_settings.UID_DOMAIN:
        return samverkan_settings.UID_DOMAIN
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return site.hostname if site else "localhost"


def event_uid(page: EventPage, domain: str) -> str:
    """Stable across edits and moves; distinct for translations and other sites."""
    return f"event-{page.translation_key}-{page.locale_id}@{domain}"


def _state(page):
    state = page.ical_state
    if state is not None:
        return state.sequence, state.modified
    return (
        0,
        page.last_published_at or page.latest_revision_created_at or timezone.now(),
    )


def location_text(page: EventPage) -> str:
    if page.is_online_only and not page.has_address:
        return _("Online") + (f": {page.online_url}" if page.online_url else "")
    town = " ".join(part for part in (page.postal_code, page.town) if part)
    parts = [page.venue, page.room, page.street_address, town]
    return ", ".join(part for part in parts if part)


def description_text(page: EventPage, url: str) -> str:
    """A plain-text description: summary, status, place details and registration."""
    lines = []
    if page.status != EventStatus.SCHEDULED:
        lines.append(str(page.get_status_display()).upper())
    if page.summary:
        lines.append(page.summary)
    if page.online_url:
        lines.append(_("Online meeting: %(url)s") % {"url": page.online_url})
    access = accessibility_list(page)
    if access:
        lines.append(_("Accessibility: %(items)s") % {"items": ", ".join(access)})
    if page.accessibility_notes:
        lines.append(page.accessibility_notes)
    if page.registration_required:
        lines.append(_("Registration is required."))
    if page.registration_url:
        lines.append(_("Register: %(url)s") % {"url": page.registration_url})
    elif page.registration_email:
        lines.append(
            _("Register by e-mail: %(email)s") % {"email": page.registration_email}
        )
    lines.append(_("More information: %(url)s") % {"url": url})
    return "\n\n".join(lines)


def accessibility_list(page: EventPage) -> list[str]:
    items = []
    for name in (
        "step_free_access",
        "hearing_loop",
        "interpretation_on_request",
        "easy_to_read_material",
    ):
        if getattr(page, name):
            items.append(str(page._meta.get_field(name).verbose_name))
    return items


def _add_times(vevent, start, end, all_day):
    if all_day:
        vevent.add("dtstart", start.date())
        vevent.add("dtend", end.date())
    else:
        vevent.add("dtstart", start)
        vevent.add("dtend", end)


def build_vevents(page: EventPage, *, url: str, domain: str, now=None) -> list[Event]:
    """The VEVENTs of one event: the main one and one per moved date."""
    sequence, modified = _state(page)
    uid = event_uid(page, domain)
    modified = modified.astimezone(datetime.UTC).replace(microsecond=0)
    stamp = (now or timezone.now()).astimezone(datetime.UTC).replace(microsecond=0)

    def base(vevent):
        vevent.add("uid", uid)
        vevent.add("sequence", sequence)
        # With METHOD:PUBLISH, DTSTAMP is when this file was made (RFC 5545 3.8.7.2).
        vevent.add("dtstamp", stamp)
        vevent.add("last-modified", modified)
        if page.first_published_at:
            vevent.add(
                "created",
                page.first_published_at.astimezone(datetime.UTC).replace(microsecond=0),
            )
        vevent.add("summary", page.title)
        location = location_text(page)
        if location:
            vevent.add("location", location)
        vevent.add("url", url)
        vevent.add("description", description_text(page, url))
        vevent.add("categories", [str(EventKind(page.kind).label)])
        if page.status == EventStatus.CANCELLED:
            vevent.add("status", "CANCELLED")
        elif page.status == EventStatus.POSTPONED:
            vevent.add("status", "TENTATIVE")
        else:
            vevent.add("status", "CONFIRMED")
        vevent.add("transp", "OPAQUE")

    main = Event()
    base(main)
    _add_times(main, page.start, page.end, page.all_day)
    rule = page.rule
    result = [main]
    if rule is not None:
        main.add("rrule", vRecur(rule.ical_rrule(page.start, all_day=page.all_day)))
        exceptions = list(page.exceptions.all())
        exdates = []
        for exception in exceptions:
            original = original_start(page, exception)
            if exception.action == EventException.Action.CANCELLED:
                exdates.append(original.date() if page.all_day else original)
                continue
            start, end = moved_times(page, exception)
            moved = Event()
            base(moved)
            if page.all_day:
                moved.add("recurrence-id", original.date())
            else:
                moved.add("recurrence-id", original)
            _add_times(moved, start, end, page.all_day)
            result.append(moved)
        if exdates:
            main.add("exdate", sorted(exdates))
    return result


def original_start(page: EventPage, exception: EventException) -> datetime.datetime:
    return recurrence.make_local(exception.original_date, page.start_time)


def moved_times(page: EventPage, exception: EventException):
    start = recurrence.make_local(
        exception.new_date or exception.original_date,
        exception.new_start_time or page.start_time,
    )
    if exception.new_end_time and not page.all_day:
        end = recurrence.make_local(start.date(), exception.new_end_time)
        if end > start:
            return start, end
    naive_end = start.replace(tzinfo=None) + page.duration
    return start, naive_end.replace(tzinfo=start.tzinfo)


def build_calendar(pages, *, request, name: str, domain: str | None = None) -> Calendar:
    domain = domain or uid_domain(request)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", samverkan_settings.TIME_ZONE)
    events = []
    years = set()
    now = timezone.now()
    for page in pages:
        url = page.get_full_url(request)
        events.extend(build_vevents(page, url=url, domain=domain, now=now))
        years.add(page.start_date.year)
        if page.repeat_until:
            years.add(page.repeat_until.year)
    if not years:
        years.add(timezone.now().year)
    calendar.add_component(
        Timezone.from_tzid(
            samverkan_settings.TIME_ZONE,
            first_date=datetime.date(min(years) - 1, 1, 1),
            last_date=datetime.date(max(years) + 6, 1, 1),
        )
    )
    for vevent in events:
        calendar.add_component(vevent)
    return calendar


def ical_response(
    calendar: Calendar | bytes, filename: str, *, attachment: bool
) -> HttpResponse:
    body = calendar if isinstance(calendar, bytes) else calendar.to_ical()
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def feed_cache_key(index_page, request, kind: str) -> str:
    """What makes two feeds differ: calendar, kind, language, site, domain, zone."""
    site = Site.find_for_request(request)
    return cache.make_key(
        "feed",
        index_page.pk,
        kind,
        site.pk if site else "",
        site.root_url if site else "",
        uid_domain(request),
        areas=(cache.EVENTS,),
    )


def build_feed(index_page, request, kind: str = "") -> bytes:
    """The whole feed of a calendar (of one kind if ``kind``) as iCal bytes."""
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    pages = (
        EventPage.objects.live()
        .public()
        .descendant_of(index_page)
        .annotate(last_end=Max("occurrences__end"))
        .filter(last_end__gte=since)
        .select_related("ical_state_row")
        .prefetch_related("exceptions")
        .order_by("start_date", "start_time", "pk")
    )
    name = index_page.title
    if kind:
        pages = pages.filter(kind=kind)
        name = f"{name}: {EventKind(kind).label}"
    calendar = build_calendar(pages, request=request, name=name)
    # Hints for subscribing clients on how often to fetch the feed again.
    calendar.add(
        "refresh-interval",
        datetime.timedelta(hours=FEED_REFRESH_HOURS),
        parameters={"VALUE": "DURATION"},
    )
    calendar.add("x-published-ttl", f"PT{FEED_REFRESH_HOURS}H")
    return calendar.to_ical()


def calendar_response(index_page, request):
    """The subscribable feed of a calendar, optionally of one kind (``?kind=``).

    The bytes are built once and cached until an event, a calendar, a view
    restriction or a site changes (see ``wagtail_samverkan.cache``), and for at
    most :data:`FEED_CACHE_SECONDS`, so that the window of past events moves on.
    """
    kind = request.GET.get("kind", "")
    if kind not in EventKind.values:
        kind = ""
    key = feed_cache_key(index_page, request, kind)
    body = cache.get(key)
    if body is None:
        body = build_feed(index_page, request, kind)
        cache.set(key, body, FEED_CACHE_SECONDS)
    return ical_response(body, f"{index_page.slug}.ics", attachment=False)


def event_response(page: EventPage, request):
    """One event as a file to add to a calendar."""
    calendar = build_calendar([page], request=request, name=page.title)
    return ical_response(calendar, f"{page.slug}.ics", attachment=True)
