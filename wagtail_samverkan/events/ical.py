"""iCalendar (RFC 5545) output of the calendar and of single events.

One VEVENT per event: a series is one VEVENT with an RRULE (UNTIL in UTC),
cancelled dates are EXDATEs and moved dates are extra VEVENTs with the same
UID and a RECURRENCE-ID. Only properties and rule parts that Outlook and
Google Calendar both accept are used.

Building and serialising VEVENTs costs about a millisecond per event, too
much for a feed of thousands. So publishing an event also stores its
VEVENTs as text (:func:`stored_vevents`, in :class:`EventICalState`), with
the key of what that text depends on (language, UID domain, time zone, the
calendar's address); a feed joins the stored texts whose key matches its own
and builds only the others.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import re
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vDDDTypes,
    vRecur,
)
from wagtail.models import Site

from wagtail_samverkan import __version__
from wagtail_samverkan.core import cache, conditional, identifiers
from wagtail_samverkan.core.conf import samverkan_settings
from wagtail_samverkan.events import recurrence
from wagtail_samverkan.events.caching import AREA
from wagtail_samverkan.events.models import (
    EventException,
    EventKind,
    EventOccurrence,
    EventPage,
    EventStatus,
)

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//wagtail_samverkan//Samverkan calendar//SV"
#: The feed leaves out events that ended longer ago than this.
FEED_PAST_DAYS = 365
#: How often subscribed calendar apps are asked to fetch the feed again.
FEED_REFRESH_HOURS = 6
#: How long a built feed is kept at most (it is rebuilt at once when events change).
FEED_CACHE_SECONDS = 60 * 60
#: The DTSTAMP written into stored VEVENT text; a feed puts its own time instead.
STORED_STAMP = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
STORED_STAMP_LINE = "\r\nDTSTAMP:19700101T000000Z\r\n"
#: Part of the key of stored VEVENT text; raise it when the VEVENTs change shape.
STORED_FORMAT = 1

#: Control characters, which no iCal text may hold (RFC 5545, 3.3.11).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def one_line(value) -> str:
    """Text for a one-line property (SUMMARY, LOCATION, X-WR-CALNAME).

    Line breaks and control characters become single spaces, so no text a
    page holds can end a property or start another one.
    """
    return " ".join(_CONTROL.sub(" ", str(value)).split())


def multi_line(value) -> str:
    """Text for DESCRIPTION: its line breaks kept (the library escapes them),
    carriage returns and other control characters left out.
    """
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def uid_domain(request=None) -> str:
    """The right-hand side of UIDs: the same whatever host the site is served on."""
    return identifiers.uid_domain()


def event_uid(page: EventPage, domain: str) -> str:
    """Stable across edits and moves; distinct for translations and other sites."""
    return f"event-{page.translation_key}-{page.locale_id}@{domain}"


def _state(page, state=None):
    state = state or page.ical_state
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


def build_vevents(
    page: EventPage, *, url: str, domain: str, now=None, state=None
) -> list[Event]:
    """The VEVENTs of one event: the main one and one per moved date.

    ``state`` is the event's :class:`EventICalState` when it is not yet the
    page's ``ical_state`` (while it is being saved).
    """
    sequence, modified = _state(page, state)
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
        vevent.add("summary", one_line(page.title))
        location = one_line(location_text(page))
        if location:
            vevent.add("location", location)
        vevent.add("url", url)
        vevent.add("description", multi_line(description_text(page, url)))
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


def _calendar_shell(*, name: str) -> Calendar:
    """The calendar's own properties and its VTIMEZONE, without events."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", one_line(name))
    calendar.add("x-wr-timezone", samverkan_settings.TIME_ZONE)
    calendar.add_component(vtimezone(samverkan_settings.TIME_ZONE))
    return calendar


# --- The VTIMEZONE --------------------------------------------------------------
#
# Written the way Outlook writes its own zones: one STANDARD and one DAYLIGHT
# observance, each with a yearly RRULE (BYMONTH and BYDAY=nSU or -1SU), so it
# covers every date of every series without a range of years, and no RDATE
# lists (ical.js, in Thunderbird and many web calendars, reads only the first
# value of one). The rules are derived from zoneinfo: the changes of the
# current year, each checked against the changes of the years around it.

#: The observances start in this year; today's rules are taken to hold since.
ZONE_FIRST_YEAR = 1970
#: Yearly rules are written only if they give every change of the zone from
#: the year before the current one to this many years after it.
ZONE_CHECK_YEARS = 30


@dataclasses.dataclass(frozen=True)
class _Change:
    """A change of a zone's UTC offset, as RFC 5545 describes an onset."""

    wall: datetime.datetime  # naive local time before the change (TZOFFSETFROM)
    offset_from: datetime.timedelta
    offset_to: datetime.timedelta
    name: str

    @property
    def daylight(self) -> bool:
        # Clocks go forward into daylight saving time (so also in Ireland,
        # whose zone calls winter time the exception).
        return self.offset_to > self.offset_from


@dataclasses.dataclass(frozen=True)
class _Observance:
    """A STANDARD or DAYLIGHT component: its first onset, and its yearly rule."""

    start: datetime.datetime
    offset_from: datetime.timedelta
    offset_to: datetime.timedelta
    daylight: bool
    name: str
    rule: dict | None = None


def _zone_changes(zone: ZoneInfo, year: int) -> list[_Change]:
    """Every change of the zone's UTC offset whose local time falls in ``year``."""
    changes = []
    day = 24 * 60 * 60
    moment = int(datetime.datetime(year - 1, 12, 30, tzinfo=datetime.UTC).timestamp())
    end = int(datetime.datetime(year + 1, 1, 2, tzinfo=datetime.UTC).timestamp())

    def offset(timestamp):
        return datetime.datetime.fromtimestamp(timestamp, zone).utcoffset()

    before = offset(moment)
    while moment < end:
        after = offset(moment + day)
        if after != before:
            low, high = moment, moment + day
            while high - low > 1:
                middle = (low + high) // 2
                if offset(middle) == before:
                    low = middle
                else:
                    high = middle
            local = datetime.datetime.fromtimestamp(high, zone)
            wall = datetime.datetime.fromtimestamp(high, datetime.UTC) + before
            if wall.year == year:
                changes.append(
                    _Change(
                        wall=wall.replace(tzinfo=None),
                        offset_from=before,
                        offset_to=after,
                        name=local.tzname() or "",
                    )
                )
            before = after
        moment += day
    return changes


def _month_days(year: int, month: int) -> int:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return (following - datetime.timedelta(days=1)).day


def _nth_weekday(year: int, month: int, weekday: int, position: int) -> datetime.date:
    """The ``position``:th ``weekday`` (0 is Monday) of a month; -1 is the last."""
    if position > 0:
        first = datetime.date(year, month, 1)
        return first + datetime.timedelta(
            days=(weekday - first.weekday()) % 7 + 7 * (position - 1)
        )
    last = datetime.date(year, month, _month_days(year, month))
    return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)


def _positions(wall: datetime.datetime) -> list[int]:
    """Which weekday of its month a change falls on: -1 (the last) first if it can."""
    nth = (wall.day - 1) // 7 + 1
    if wall.day > _month_days(wall.year, wall.month) - 7:
        return [-1, nth] if nth <= 4 else [-1]
    return [nth]


def _onset(change: _Change, position: int, year: int) -> datetime.datetime:
    day = _nth_weekday(year, change.wall.month, change.wall.weekday(), position)
    return datetime.datetime.combine(day, change.wall.time())


def _observance(change: _Change, start: datetime.datetime, rule=None) -> _Observance:
    return _Observance(
        start=start,
        offset_from=change.offset_from,
        offset_to=change.offset_to,
        daylight=change.daylight,
        name=change.name,
        rule=rule,
    )


@functools.lru_cache(maxsize=16)
def _zone_observances(tzid: str, year: int) -> tuple[_Observance, ...]:
    """The observances of a zone under its rules of ``year`` (see :func:`vtimezone`)."""
    zone = ZoneInfo(tzid)
    years = range(year - 1, year + ZONE_CHECK_YEARS + 1)
    per_year = {each: _zone_changes(zone, each) for each in years}
    actual = {
        each: {(c.wall, c.offset_from, c.offset_to) for c in changes}
        for each, changes in per_year.items()
    }
    changes = per_year[year]
    if not any(actual.values()):
        # No daylight saving time: one offset, always.
        moment = datetime.datetime(year, 1, 1, tzinfo=zone)
        offset = moment.utcoffset()
        start = datetime.datetime(ZONE_FIRST_YEAR, 1, 1)
        return (_Observance(start, offset, offset, False, moment.tzname() or ""),)
    observances = []
    for change in changes:
        for position in _positions(change.wall):
            if all(
                (_onset(change, position, each), change.offset_from, change.offset_to)
                in actual[each]
                for each in years
            ):
                weekday = recurrence.WEEKDAY_CODES[change.wall.weekday()]
                rule = {
                    "FREQ": "YEARLY",
                    "BYMONTH": change.wall.month,
                    "BYDAY": f"{position}{weekday}",
                }
                start = _onset(change, position, ZONE_FIRST_YEAR)
                observances.append(_observance(change, start, rule))
                break
    if len(observances) == len(changes) and all(
        len(actual[each]) == len(changes) for each in years
    ):
        return tuple(sorted(observances, key=lambda o: (o.daylight, o.start)))
    # Rules that are not the same every year (or that change within the years
    # checked): each change of those years as an observance of its own.
    first = datetime.datetime(year - 1, 1, 1, tzinfo=zone)
    explicit = [
        _Observance(
            datetime.datetime(ZONE_FIRST_YEAR, 1, 1),
            first.utcoffset(),
            first.utcoffset(),
            False,
            first.tzname() or "",
        )
    ]
    for each in years:
        explicit.extend(_observance(c, c.wall) for c in per_year[each])
    return tuple(explicit)


def vtimezone(tzid: str, *, year: int | None = None) -> Timezone:
    """The VTIMEZONE of a zone, valid for every date under its current rules.

    A zone with daylight saving time gets one STANDARD and one DAYLIGHT
    observance, each with a yearly RRULE that gives the change of ``year``
    (this year) as a weekday of its month (``BYDAY=-1SU``, the last Sunday,
    or ``2SU``, the second) and starts in :data:`ZONE_FIRST_YEAR`; a zone
    without it gets a single STANDARD observance. A zone whose changes no
    such rule gives, or whose rules change within :data:`ZONE_CHECK_YEARS`,
    gets each of its changes of those years as an observance of its own.
    Nothing here depends on the events, so stored VEVENT text is unaffected.
    """
    tz = Timezone()
    tz.add("tzid", tzid)
    year = year or timezone.now().year
    for observance in _zone_observances(tzid, year):
        component = TimezoneDaylight() if observance.daylight else TimezoneStandard()
        component.add("dtstart", observance.start)
        component.add("tzoffsetfrom", observance.offset_from)
        component.add("tzoffsetto", observance.offset_to)
        if observance.rule:
            component.add("rrule", vRecur(observance.rule))
        if observance.name:
            component.add("tzname", observance.name)
        tz.add_component(component)
    return tz


def build_calendar(pages, *, request, name: str, domain: str | None = None) -> Calendar:
    domain = domain or uid_domain(request)
    events = []
    now = timezone.now()
    for page in pages:
        url = page.get_full_url(request)
        events.extend(build_vevents(page, url=url, domain=domain, now=now))
    calendar = _calendar_shell(name=name)
    for vevent in events:
        calendar.add_component(vevent)
    return calendar


def content_language() -> str:
    """The active language as a content language ("sv-se" → "sv"), so that text
    stored in a page's locale is found by a feed asked for in that language."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant

    language = translation.get_language() or settings.LANGUAGE_CODE
    try:
        return get_supported_content_language_variant(language)
    except LookupError:
        return language


def stored_text_key(*, calendar_url: str, domain: str) -> str:
    """What stored VEVENT text depends on besides the event, for the active language."""
    raw = "|".join(
        str(part)
        for part in (
            STORED_FORMAT,
            __version__,
            content_language(),
            domain,
            samverkan_settings.TIME_ZONE,
            calendar_url,
        )
    )
    return hashlib.sha256(raw.encode()).hexdigest()


def vevents_text(page: EventPage, *, url: str, domain: str, state=None) -> str:
    """The VEVENTs of one event as iCal text, with :data:`STORED_STAMP` as DTSTAMP."""
    vevents = build_vevents(page, url=url, domain=domain, now=STORED_STAMP, state=state)
    return b"".join(vevent.to_ical() for vevent in vevents).decode()


def stored_vevents(page: EventPage, calendar, *, state=None, domain=None):
    """``(key, text)`` to store for a published event under ``calendar``.

    Built without a request, in the language of the page's locale: what a
    feed of that calendar, asked for in that language, would show.
    """
    domain = domain or uid_domain()
    with translation.override(page.locale.language_code):
        key = stored_text_key(calendar_url=calendar.get_full_url(), domain=domain)
        text = vevents_text(page, url=page.get_full_url(), domain=domain, state=state)
    return key, text


def ical_response(
    calendar: Calendar | bytes, filename: str, *, attachment: bool
) -> HttpResponse:
    body = calendar if isinstance(calendar, bytes) else calendar.to_ical()
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    # RFC 6266: a slug such as "möten" is named as filename*=utf-8''m%C3%B6ten.ics.
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
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
        areas=(AREA,),
    )


def _feed_order(row):
    """By start date, then start time (all-day events first), then id."""
    pk, start_date, start_time = row[:3]
    return start_date, start_time is not None, start_time or datetime.time.min, pk


def build_feed(index_page, request, kind: str = "") -> bytes:
    """The whole feed of a calendar (of one kind if ``kind``) as iCal bytes.

    The VEVENTs come from the text stored on publish when its key matches
    this feed's; those of other events are built here.
    """
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    pages = (
        EventPage.objects.live()
        .public()
        .descendant_of(index_page)
        # Whether any date ends after ``since``: an indexed lookup per event
        # rather than grouping every row of the feed to find its last end.
        .filter(
            Exists(EventOccurrence.objects.filter(event=OuterRef("pk"), end__gte=since))
        )
        # Sorted here rather than by the database, which would sort the rows
        # with their text: several megabytes at a few thousand events.
        .order_by()
    )
    name = index_page.title
    if kind:
        pages = pages.filter(kind=kind)
        name = f"{name}: {EventKind(kind).label}"
    domain = uid_domain(request)
    key = stored_text_key(calendar_url=index_page.get_full_url(request), domain=domain)
    rows = sorted(
        pages.values_list(
            "pk",
            "start_date",
            "start_time",
            "ical_state_row__vevents_key",
            "ical_state_row__vevents",
        ),
        key=_feed_order,
    )
    stale = {pk for pk, *_dates, row_key, text in rows if row_key != key or not text}
    built = {}
    if stale:
        for page in (
            EventPage.objects.filter(pk__in=stale)
            .select_related("ical_state_row")
            .prefetch_related("exceptions")
        ):
            built[page.pk] = vevents_text(
                page, url=page.get_full_url(request), domain=domain
            )
    texts = [built.get(pk, "") if pk in stale else text for pk, *_row, text in rows]
    calendar = _calendar_shell(name=name)
    # Hints for subscribing clients on how often to fetch the feed again.
    calendar.add(
        "refresh-interval",
        datetime.timedelta(hours=FEED_REFRESH_HOURS),
        parameters={"VALUE": "DURATION"},
    )
    calendar.add("x-published-ttl", f"PT{FEED_REFRESH_HOURS}H")
    shell = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    # With METHOD:PUBLISH, DTSTAMP is when this file was made (RFC 5545 3.8.7.2).
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    stamp_line = f"\r\nDTSTAMP:{vDDDTypes(stamp).to_ical().decode()}\r\n"
    vevents = "".join(texts).replace(STORED_STAMP_LINE, stamp_line).encode()
    return shell[: -len(end)] + vevents + end


def feed_filename(index_page, kind: str = "") -> str:
    """``<calendar slug>.ics``, or ``<calendar slug>-<kind>.ics`` for one kind."""
    return f"{index_page.slug}-{kind}.ics" if kind else f"{index_page.slug}.ics"


def calendar_response(index_page, request):
    """The subscribable feed of a calendar, optionally of one kind (``?kind=``).

    The bytes are built once and cached until an event, a calendar, a view
    restriction or a site changes (see ``wagtail_samverkan.core.cache``), and
    for at most :data:`FEED_CACHE_SECONDS`, so that the window of past events
    moves on. A client whose copy is current gets a 304 (see
    ``core.conditional``). An unknown kind is refused with a 400 rather than
    answered with the whole feed under a name that says otherwise.
    """
    kind = request.GET.get("kind", "")
    if kind and kind not in EventKind.values:
        return HttpResponseBadRequest(
            _("Unknown kind of meeting in ?kind=. Known kinds: %(kinds)s.")
            % {"kinds": ", ".join(EventKind.values)},
            content_type="text/plain; charset=utf-8",
        )
    key = feed_cache_key(index_page, request, kind)
    etag, since = conditional.validators(key)
    response = conditional.not_modified(request, etag, since)
    if response is not None:
        return response
    body = cache.get(key)
    if body is None:
        body = build_feed(index_page, request, kind)
        cache.set(key, body, FEED_CACHE_SECONDS)
    response = ical_response(body, feed_filename(index_page, kind), attachment=False)
    return conditional.add_validators(response, etag, since)


def event_response(page: EventPage, request):
    """One event as a file to add to a calendar."""
    key = cache.make_key(
        "event-ics",
        page.pk,
        page.live_revision_id,
        page.last_published_at.isoformat() if page.last_published_at else None,
        page.url_path,
        uid_domain(request),
        request=request,
        areas=(AREA,),
    )
    etag, since = conditional.validators(key)
    response = conditional.not_modified(request, etag, since)
    if response is not None:
        return response
    calendar = build_calendar([page], request=request, name=page.title)
    response = ical_response(calendar, f"{page.slug}.ics", attachment=True)
    return conditional.add_validators(response, etag, since)
