"""schema.org ``Event`` as JSON-LD for event pages.

The JSON is escaped so that ``</script>``, ``<!--`` and other markup in a
title or text cannot end the script element or start HTML.

The properties follow Google's guidance for events: the organiser (the
municipality when none is chosen), a cancelled event or date without an
offer, and a series described by a schema.org ``Schedule`` next to its next
date. The page's image, when it has one, is its ``image``.
"""

from __future__ import annotations

from wagtail_samverkan.core.conf import samverkan_settings
from wagtail_samverkan.core.structured_data import (  # noqa: F401 (dumps: its earlier home)
    dumps,
    json_ld,
)
from wagtail_samverkan.events import recurrence
from wagtail_samverkan.events.models import AttendanceMode, EventException, EventStatus
from wagtail_samverkan.register.models import MunicipalBody

EVENT_STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.MOVED_ONLINE: "https://schema.org/EventMovedOnline",
}
ATTENDANCE_MODE = {
    AttendanceMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    AttendanceMode.MIXED: "https://schema.org/MixedEventAttendanceMode",
}


DAY_OF_WEEK = {
    "MO": "https://schema.org/Monday",
    "TU": "https://schema.org/Tuesday",
    "WE": "https://schema.org/Wednesday",
    "TH": "https://schema.org/Thursday",
    "FR": "https://schema.org/Friday",
    "SA": "https://schema.org/Saturday",
    "SU": "https://schema.org/Sunday",
}


def _iso(value, all_day):
    return value.date().isoformat() if all_day else value.isoformat()


def _one_or_many(values):
    return values[0] if len(values) == 1 else values


def organizer_data(page, request=None) -> dict | None:
    """The organiser: the organisation or municipal body chosen, else the municipality.

    A ``url`` is given only where one is known: the register's website of the
    organiser, or the root of the site for the municipality.
    """
    organiser = page.organiser
    if organiser is not None:
        kind = (
            "GovernmentOrganization"
            if isinstance(organiser, MunicipalBody)
            else "Organization"
        )
        data = {"@type": kind, "name": organiser.name}
        if organiser.website:
            data["url"] = organiser.website
        return data
    name = samverkan_settings.MUNICIPALITY_NAME
    if not name:
        return None
    data = {"@type": "GovernmentOrganization", "name": name}
    url_parts = page.get_url_parts(request)
    if url_parts is not None and url_parts[1]:
        data["url"] = url_parts[1].rstrip("/") + "/"
    return data


def _moved_to_the_same_time(page, exception):
    return (
        exception.action == EventException.Action.MOVED
        and (exception.new_date or exception.original_date) == exception.original_date
        and (
            page.all_day
            or (exception.new_start_time or page.start_time) == page.start_time
        )
    )


def schedule_data(page) -> dict | None:
    """The series as a schema.org ``Schedule``, or None for a single event.

    Times are wall-clock times in ``scheduleTimezone``; cancelled and moved
    dates are ``exceptDate``. A series on the last weekday of the month has no
    ``Schedule``: ``byMonthWeek`` only counts weeks from the start of a month.
    """
    rule = page.rule
    if rule is None:
        return None
    monthly = rule.frequency == recurrence.MONTHLY
    if monthly and not 1 <= (rule.position or 0) <= 5:
        return None
    interval = max(rule.interval or 1, 1)
    days = [
        DAY_OF_WEEK[code] for code in recurrence.WEEKDAY_CODES if code in rule.weekdays
    ]
    data = {
        "@type": "Schedule",
        "startDate": page.start_date.isoformat(),
        "endDate": rule.last_start(page.start).date().isoformat(),
        "repeatFrequency": f"P{interval}{'M' if monthly else 'W'}",
        "scheduleTimezone": recurrence.get_zone().key,
    }
    if days:
        data["byDay"] = _one_or_many(days)
    if monthly:
        data["byMonthWeek"] = rule.position
    if rule.count:
        data["repeatCount"] = min(rule.count, recurrence.MAX_OCCURRENCES)
    if not page.all_day:
        data["startTime"] = page.start_time.isoformat()
        data["endTime"] = page.end.time().isoformat()
    except_dates = sorted(
        exception.original_date
        for exception in page.exceptions.all()
        if not _moved_to_the_same_time(page, exception)
    )
    if except_dates:
        # A date-time for a timed series: the date itself may still have the
        # meeting, moved to another time.
        data["exceptDate"] = _one_or_many(
            [
                day.isoformat()
                if page.all_day
                else recurrence.make_local(day, page.start_time).isoformat()
                for day in except_dates
            ]
        )
    return data


def event_data(page, request=None, *, next_dates=None) -> dict:
    """The schema.org Event of an event page, its next date if it is a series."""
    occurrence = next_dates[0] if next_dates else None
    start = occurrence.local_start if occurrence else page.start
    end = occurrence.local_end if occurrence else page.end
    if page.all_day:
        end_value = (
            occurrence.last_day if occurrence else page.end_date or page.start_date
        ).isoformat()
    else:
        end_value = end.isoformat()
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "url": page.get_full_url(request),
        "startDate": _iso(start, page.all_day),
        "endDate": end_value,
        "eventStatus": EVENT_STATUS.get(
            page.status, EVENT_STATUS[EventStatus.SCHEDULED]
        ),
        "eventAttendanceMode": ATTENDANCE_MODE[page.attendance_mode],
    }
    if occurrence is not None and occurrence.is_cancelled:
        data["eventStatus"] = EVENT_STATUS[EventStatus.CANCELLED]
    if page.summary:
        data["description"] = page.summary
    image = page.get_meta_image_url(request)
    if image:
        data["image"] = [image]
    locations = []
    if page.has_address and page.attendance_mode != AttendanceMode.ONLINE:
        address = {"@type": "PostalAddress", "addressCountry": "SE"}
        for key, value in (
            ("streetAddress", page.street_address),
            ("postalCode", page.postal_code),
            ("addressLocality", page.town),
        ):
            if value:
                address[key] = value
        place = {"@type": "Place", "address": address}
        name = ", ".join(part for part in (page.venue, page.room) if part)
        if name:
            place["name"] = name
        locations.append(place)
    if page.online_url:
        locations.append({"@type": "VirtualLocation", "url": page.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    organizer = organizer_data(page, request)
    if organizer is not None:
        data["organizer"] = organizer
    schedule = schedule_data(page)
    if schedule is not None:
        data["eventSchedule"] = schedule
    cancelled = data["eventStatus"] == EVENT_STATUS[EventStatus.CANCELLED]
    # No offer for a cancelled event or date: nothing can be booked.
    if page.registration_url and not cancelled:
        data["offers"] = {
            "@type": "Offer",
            "url": page.registration_url,
            "price": 0,
            "priceCurrency": "SEK",
            "availability": "https://schema.org/InStock",
        }
    return data


def event_json_ld(page, request=None, *, next_dates=None):
    """The escaped JSON-LD text, ready for the template (no further escaping)."""
    return json_ld(event_data(page, request, next_dates=next_dates))
