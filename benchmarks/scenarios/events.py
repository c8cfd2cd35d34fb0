"""The calendar: thousands of meetings, weekly series, occurrences and iCal feeds.

Event pages are bulk-created; their stored occurrences and iCal state (with
the VEVENT text the feeds join), which publishing normally builds, are
computed by the package's own functions and bulk-inserted.
"""

import datetime
import json
import uuid

from django.utils import timezone

from wagtail_samverkan.events.caching import AREA as EVENTS

from ..indexing import index_objects
from ..pages import bulk_create_pages, create_page
from .base import (
    Endpoint,
    Scenario,
    admin_explorer_url,
    require,
    rich_text,
    route_url,
    sentence,
)

MODULE = "wagtail_samverkan.events.models"
BATCH_SIZE = 1000
KINDS = ["dialogue_meeting", "joint_council", "general_meeting", "information_meeting",
         "workshop", "other"]  # fmt: skip
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
VENUES = ["Stadshuset", "Kulturhuset", "Medborgarhuset Norrby", "Biblioteket",
          "Folkets hus", "Träffpunkt Sjöbo"]  # fmt: skip
SERIES_LENGTH = 52


def forget_cached_calendar():
    """What publishing an event does to the calendar's cached output (feeds included)."""
    from wagtail_samverkan.core import cache as samverkan_cache

    samverkan_cache.invalidate(EVENTS)


class EventsScenario(Scenario):
    name = "events"
    title = "Calendar"
    needs = ("register",)

    def load(self):
        require(MODULE, "EventIndexPage", "EventPage", "EventOccurrence")

    def build(self, ctx):
        from wagtail_samverkan.events.ical import stored_vevents, uid_domain
        from wagtail_samverkan.events.models import (
            EventException,
            EventICalState,
            EventIndexPage,
            EventOccurrence,
            EventPage,
        )

        rng, scale = ctx.rng, ctx.scale
        organisations = ctx.register["organisations"]
        committees = ctx.register["committees"]
        today = timezone.localdate()
        index = create_page(
            ctx.home,
            EventIndexPage(
                title="Möten och evenemang", slug="kalender", intro="<p>Möten.</p>"
            ),
        )
        pages = []
        for i in range(scale.events):
            series = i < scale.series
            if series:
                start = today - datetime.timedelta(days=180 - rng.randrange(60))
            else:
                start = today + datetime.timedelta(days=rng.randrange(-365, 365))
            pages.append(
                EventPage(
                    title=f"{'Dialogmöte' if i % 2 else 'Träff'} {i + 1}",
                    slug=f"mote-{i + 1}",
                    summary=sentence(rng, 20),
                    body=json.dumps(
                        [
                            {
                                "type": "paragraph",
                                "value": rich_text(rng, 2),
                                "id": str(uuid.uuid4()),
                            }
                        ]
                    ),
                    kind=KINDS[i % len(KINDS)],
                    start_date=start,
                    start_time=datetime.time(18, 0),
                    end_time=datetime.time(20, 0),
                    repeat="weekly" if series else "",
                    repeat_interval=1,
                    repeat_weekdays=[WEEKDAYS[start.weekday()]] if series else [],
                    repeat_count=SERIES_LENGTH if series else None,
                    venue=VENUES[i % len(VENUES)],
                    street_address=f"Storgatan {i % 90 + 1}",
                    postal_code="503 30",
                    town="Borås",
                    step_free_access=i % 2 == 0,
                    hearing_loop=i % 3 == 0,
                    organiser_organisation_id=organisations[i % len(organisations)]
                    if i % 2
                    else None,
                    organiser_body_id=None
                    if i % 2
                    else committees[i % len(committees)],
                )
            )
        for start in range(0, len(pages), BATCH_SIZE):
            bulk_create_pages(index, pages[start : start + BATCH_SIZE])
        EventException.objects.bulk_create(
            [
                EventException(
                    page_id=page.pk,
                    original_date=page.start_date + datetime.timedelta(days=14),
                    action="cancelled",
                    note="Inställt på grund av lov.",
                    sort_order=0,
                )
                for page in pages
                if page.repeat
            ]
        )
        occurrences, states = [], []
        now = timezone.now()
        domain = uid_domain()
        for page in pages:
            occurrences += page.compute_occurrences(calendar_id=index.pk)
            state = EventICalState(
                event_id=page.pk,
                sequence=0,
                fingerprint=page.ical_fingerprint(),
                modified=now,
            )
            state.vevents_key, state.vevents = stored_vevents(
                page, index, state=state, domain=domain
            )
            states.append(state)
        EventOccurrence.objects.bulk_create(occurrences, batch_size=BATCH_SIZE)
        EventICalState.objects.bulk_create(states, batch_size=BATCH_SIZE)
        index_objects(EventPage, [page.pk for page in pages])
        series = [page for page in pages if page.repeat]
        ctx.pages.update(
            calendar=index, event=series[len(series) // 2] if series else pages[0]
        )
        ctx.counts.update({"events": len(pages), "occurrences": len(occurrences)})

    def endpoints(self, ctx):
        index, event = ctx.pages["calendar"], ctx.pages["event"]
        next_month = (
            timezone.localdate().replace(day=1) + datetime.timedelta(days=32)
        ).replace(day=1)
        url = index.url
        return [
            Endpoint("calendar", url, max_ratio=3),
            Endpoint(
                "calendar, kind + month",
                f"{url}?kind=dialogue_meeting&month={next_month:%Y-%m}",
                max_ratio=3,
            ),
            Endpoint("calendar archive", route_url(index, "archive"), max_ratio=3),
            Endpoint(
                "iCal feed (whole calendar)",
                route_url(index, "calendar.ics", "ical"),
                kind="feed",
                max_ratio=10,
                streamed=True,
            ),
            Endpoint(
                "iCal feed, first request after a publish",
                route_url(index, "calendar.ics", "ical"),
                kind="feed",
                max_ratio=3,
                streamed=True,
                before=forget_cached_calendar,
            ),
            Endpoint("event page (weekly series)", event.url, max_ratio=1.5),
            Endpoint("event.ics", route_url(event, "event.ics", "ical"), kind="feed"),
            Endpoint(
                "admin: calendar pages",
                admin_explorer_url(index),
                kind="admin",
                admin=True,
            ),
        ]

    def host_blocks(self, ctx):
        return [
            (
                "next_events",
                {
                    "heading": "Kommande möten",
                    "count": 5,
                    "kind": "",
                    "calendar": ctx.pages["calendar"].pk,
                },
                "next_events",
            )
        ]


SCENARIO = EventsScenario()
