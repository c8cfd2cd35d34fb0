"""Demo calendar: a year of meetings in a Borås-like municipality.

Dates are relative to today, so the calendar always has upcoming meetings
and an archive. Running the loader twice on the same day gives the same
content: pages are found by slug and updated.
"""

import datetime

from django.utils import timezone

from wagtail_samverkan.core import demo
from wagtail_samverkan.core.demo import show_in_menus
from wagtail_samverkan.events.models import EventException, EventIndexPage, EventPage

CALENDAR_SLUG = "moten-och-evenemang"

MODELS = []

STADSHUSET = {
    "venue": "Stadshuset",
    "room": "Sessionssalen",
    "street_address": "Kungsgatan 55",
    "postal_code": "503 35",
    "town": "Borås",
    "step_free_access": True,
    "hearing_loop": True,
}
FRIVILLIGCENTRALEN = {
    "venue": "Mötesplats Centrum",
    "room": "Stora rummet",
    "street_address": "Västerlånggatan 12",
    "postal_code": "503 30",
    "town": "Borås",
    "step_free_access": True,
}


def nth_weekday(year, month, weekday, n):
    """The n:th given weekday (0 = Monday) of a month."""
    first = datetime.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + datetime.timedelta(days=offset + 7 * (n - 1))


def add_months(day, months):
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


def next_weekday(day, weekday):
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def events(today, register):
    """(slug, fields, exceptions) of every demo event."""
    bodies = register["bodies"]
    organisations = register["organisations"]
    council_first = add_months(today, 1)
    council_start = nth_weekday(council_first.year, council_first.month, 3, 2)
    council_dates = [
        nth_weekday(
            add_months(council_start, 3 * i).year,
            add_months(council_start, 3 * i).month,
            3,
            2,
        )
        for i in range(4)
    ]
    return [
        (
            "samverkansradet",
            {
                "title": "Samverkansrådet",
                "kind": "joint_council",
                "summary": "Rådet där kommunen och de idéburna organisationerna tillsammans följer upp överenskommelsen och lyfter gemensamma frågor.",
                "start_date": council_start,
                "start_time": datetime.time(15, 0),
                "end_time": datetime.time(17, 0),
                "repeat": "monthly",
                "repeat_interval": 3,
                "repeat_weekdays": ["TH"],
                "repeat_position": 2,
                "repeat_count": 4,
                "organiser_body": bodies["Beredningen för medborgarinflytande"],
                "accessibility_notes": "Handlingarna skickas ut en vecka före mötet. Säg till om du behöver dem i annat format.",
                **STADSHUSET,
            },
            [
                {
                    "original_date": council_dates[2],
                    "action": EventException.Action.CANCELLED,
                    "note": "Inställt eftersom budgetarbetet tar tid. Frågorna tas upp vid nästa möte.",
                }
            ],
        ),
        (
            "arsstamma",
            {
                "title": "Årsstämma för överenskommelsen",
                "kind": "general_meeting",
                "summary": "En gång om året samlas alla som skrivit under överenskommelsen för att se tillbaka på året och bestämma vad som ska prioriteras framåt.",
                "start_date": next_weekday(today + datetime.timedelta(days=120), 5),
                "start_time": datetime.time(10, 0),
                "end_time": datetime.time(15, 0),
                "registration_required": True,
                "registration_email": "samverkan@example.org",
                "registration_deadline": next_weekday(
                    today + datetime.timedelta(days=120), 5
                )
                - datetime.timedelta(days=14),
                "capacity_note": "Plats för 150 personer. Lunch ingår.",
                "interpretation_on_request": True,
                "easy_to_read_material": True,
                "organiser_body": bodies["Stadsledningskansliet"],
                **STADSHUSET,
            },
            [],
        ),
        (
            "dialogmote-barn-och-unga",
            {
                "title": "Dialogmöte: fritid för barn och unga",
                "kind": "dialogue_meeting",
                "summary": "Hur kan föreningar och kommun tillsammans ge fler barn en meningsfull fritid? Kom och dela med dig av dina erfarenheter.",
                "start_date": next_weekday(today + datetime.timedelta(days=20), 1),
                "start_time": datetime.time(18, 0),
                "end_time": datetime.time(20, 0),
                "organiser_organisation": organisations["Idrottsalliansen Norrby"],
                "easy_to_read_material": True,
                **FRIVILLIGCENTRALEN,
            },
            [],
        ),
        (
            "dialogmote-digitalt",
            {
                "title": "Digitalt dialogmöte om uppföljningen",
                "kind": "dialogue_meeting",
                "summary": "Ett kort möte på nätet där vi går igenom årets uppföljning av överenskommelsen. Du kan ställa frågor i chatten.",
                "start_date": next_weekday(today + datetime.timedelta(days=50), 2),
                "start_time": datetime.time(12, 0),
                "end_time": datetime.time(13, 0),
                "online_url": "https://meet.example.org/samverkan-uppfoljning",
                "registration_url": "https://example.org/anmalan/uppfoljning",
                "organiser_body": bodies["Beredningen för medborgarinflytande"],
                "accessibility_notes": "Mötet textas direkt. Teckenspråkstolk finns om du anmäler behovet senast en vecka innan.",
                "interpretation_on_request": True,
            },
            [],
        ),
        (
            "dialogmote-aldre",
            {
                "title": "Dialogmöte: mötesplatser för äldre",
                "kind": "dialogue_meeting",
                "summary": "Vi pratar om hur föreningslivet och kommunen kan skapa fler träffpunkter för äldre i stadsdelarna.",
                "start_date": next_weekday(today + datetime.timedelta(days=85), 3),
                "start_time": datetime.time(14, 0),
                "end_time": datetime.time(16, 0),
                "organiser_organisation": organisations[
                    "Seniornätverket Silverträffen"
                ],
                "hearing_loop": True,
                **FRIVILLIGCENTRALEN,
            },
            [],
        ),
        (
            "informationsmote-iop",
            {
                "title": "Informationsmöte om idéburet offentligt partnerskap",
                "kind": "information_meeting",
                "summary": "Vad är ett IOP och hur går det till att ta initiativ till ett? Vi berättar om förutsättningarna och svarar på frågor.",
                "start_date": next_weekday(today + datetime.timedelta(days=40), 0),
                "start_time": datetime.time(17, 30),
                "end_time": datetime.time(19, 0),
                "registration_url": "https://example.org/anmalan/iop",
                "organiser_body": bodies["Stadsledningskansliet"],
                **STADSHUSET,
                "room": "Rum Viskan",
            },
            [],
        ),
        (
            "workshop-ansokningar",
            {
                "title": "Workshop: skriv en tydlig verksamhetsplan",
                "kind": "workshop",
                "summary": "En kväll för föreningar som vill bli bättre på att beskriva sin verksamhet och sina mål.",
                "start_date": next_weekday(today - datetime.timedelta(days=150), 2),
                "start_time": datetime.time(18, 0),
                "end_time": datetime.time(21, 0),
                "organiser_organisation": organisations["Föreningen Gemensam Grund"],
                **FRIVILLIGCENTRALEN,
            },
            [],
        ),
        (
            "dialogmote-integration",
            {
                "title": "Dialogmöte: vägar in i föreningslivet",
                "kind": "dialogue_meeting",
                "summary": "Om hur nyanlända kan hitta en förening och hur föreningarna kan bli bättre på att välkomna nya medlemmar.",
                "start_date": next_weekday(today - datetime.timedelta(days=60), 1),
                "start_time": datetime.time(18, 0),
                "end_time": datetime.time(20, 0),
                "organiser_organisation": organisations["Föreningen Gemensam Grund"],
                **FRIVILLIGCENTRALEN,
            },
            [],
        ),
        (
            "arsstamma-forra-aret",
            {
                "title": "Årsstämma förra året",
                "kind": "general_meeting",
                "summary": "Förra årets stämma, där arbetsplanen för det kommande året antogs.",
                "start_date": next_weekday(today - datetime.timedelta(days=240), 5),
                "start_time": datetime.time(10, 0),
                "end_time": datetime.time(15, 0),
                "organiser_body": bodies["Stadsledningskansliet"],
                **STADSHUSET,
            },
            [],
        ),
    ]


def _calendar(parent, locale):
    calendar = demo.recorded(EventIndexPage, "events:calendar")
    if calendar is None:
        calendar = parent.add_child(
            instance=EventIndexPage(
                title="Möten och evenemang",
                slug=demo.free_slug(parent, CALENDAR_SLUG),
                locale=locale,
                live=False,
            )
        )
        demo.record("events:calendar", calendar)
    calendar.intro = (
        "<p>Här hittar du dialogmöten, samverkansrådets möten, årsstämman och "
        "informationsmöten om samverkan mellan kommunen och föreningslivet. Alla är "
        "välkomna om inget annat står.</p>"
    )
    show_in_menus(calendar)
    calendar.save_revision().publish()
    return EventIndexPage.objects.get(pk=calendar.pk)


def load(context):
    """Create or update the demo calendar and its events."""
    calendar = _calendar(context["parent"], context["locale"])
    today = timezone.localdate()
    pages = {}
    for slug, fields, exceptions in events(today, context["register"]):
        key = f"events:event:{slug}"
        page = demo.recorded(EventPage, key)
        if page is None:
            page = EventPage(
                slug=demo.free_slug(calendar, slug),
                locale=context["locale"],
                live=False,
                **fields,
            )
            page.exceptions = [EventException(**values) for values in exceptions]
            calendar.add_child(instance=page)
            demo.record(key, page)
        else:
            for name, value in fields.items():
                setattr(page, name, value)
            page.exceptions = [EventException(**values) for values in exceptions]
        page.full_clean()
        page.save_revision().publish()
        pages[slug] = EventPage.objects.get(pk=page.pk)
    return {"calendar": calendar, "events": pages}


# -- English ----------------------------------------------------------------

EVENTS_EN = {
    "samverkansradet": {
        "title": "The joint council",
        "slug": "joint-council",
        "summary": "The council where the municipality and the civil-society "
        "organisations follow up the agreement together and raise shared questions.",
    },
    "arsstamma": {
        "title": "Annual meeting of the agreement",
        "slug": "annual-meeting",
        "summary": "Once a year everyone who has signed the agreement meets to look "
        "back on the year and decide what comes first next.",
    },
    "dialogmote-digitalt": {
        "title": "Online dialogue meeting on the follow-up",
        "slug": "online-dialogue-meeting",
        "summary": "A short online meeting where we go through this year's follow-up "
        "of the agreement. You can ask questions in the chat.",
    },
}


def translate(context, locale):
    """English translations of the calendar and three of its meetings."""
    loaded = context.get("events") or {}
    calendar = loaded.get("calendar")
    if calendar is None:
        return
    demo.translation(
        calendar,
        locale,
        "events:calendar:en",
        {
            "title": "Meetings and events",
            "slug": "meetings",
            "intro": "<p>Dialogue meetings, the joint council, the annual meeting and "
            "information meetings about the cooperation between the municipality and "
            "civil society. Everyone is welcome unless stated otherwise.</p>",
        },
    )
    for slug, fields in EVENTS_EN.items():
        page = (loaded.get("events") or {}).get(slug)
        if page is not None:
            demo.translation(page, locale, f"events:event:{slug}:en", fields)
