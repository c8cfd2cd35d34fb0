"""schema.org ``Event`` as JSON-LD for event pages.

The JSON is escaped so that ``</script>``, ``<!--`` and other markup in a
title or text cannot end the script element or start HTML.
"""

from __future__ import annotations

import json

from django.utils.safestring import mark_safe

from wagtail_samverkan.events.models import AttendanceMode, EventStatus

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
_ESCAPES.update({0x2028: "\\u2028", 0x2029: "\\u2029"})

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


def _iso(value, all_day):
    return value.date().isoformat() if all_day else value.isoformat()


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
    organiser = page.organiser
    if organiser is not None:
        organizer = {"@type": "Organization", "name": organiser.name}
        if getattr(organiser, "website", ""):
            organizer["url"] = organiser.website
        data["organizer"] = organizer
    if page.registration_url:
        data["offers"] = {
            "@type": "Offer",
            "url": page.registration_url,
            "price": 0,
            "priceCurrency": "SEK",
            "availability": "https://schema.org/InStock",
        }
    return data


def dumps(data) -> str:
    """JSON safe inside ``<script type="application/ld+json">``."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_ESCAPES)


def event_json_ld(page, request=None, *, next_dates=None):
    """The escaped JSON-LD text, ready for the template (no further escaping)."""
    return mark_safe(dumps(event_data(page, request, next_dates=next_dates)))  # noqa: S308
