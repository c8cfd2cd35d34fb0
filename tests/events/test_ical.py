"""iCal output: every file parses with icalendar and has the properties clients need."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.utils import translation
from icalendar import Calendar

from tests.factories import create_calendar, create_event
from wagtail_samverkan.events.caching import AREA as EVENTS
from wagtail_samverkan.models import EventStatus

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def fetch(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response, Calendar.from_ical(response.content)


def vevents(parsed):
    return list(parsed.walk("VEVENT"))


def test_calendar_feed_is_a_subscribable_get_with_content_type_and_filename(
    client, calendar
):
    create_event(calendar, title="Dialogmöte")
    response, parsed = fetch(client, calendar.url + "calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="kalender.ics"'
    assert parsed["VERSION"] == "2.0" and "wagtail_samverkan" in str(parsed["PRODID"])
    assert str(parsed["X-WR-CALNAME"]) == "Kalender"
    (vtimezone,) = parsed.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "Europe/Stockholm"
    assert {c.name for c in vtimezone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    assert [str(e["SUMMARY"]) for e in vevents(parsed)] == ["Dialogmöte"]
    assert client.post(calendar.url + "calendar.ics").status_code == 200


def test_event_file_has_every_property(client, calendar):
    event = create_event(
        calendar,
        title="Dialogmöte om <fritid>",
        summary="Vi pratar om fritid.",
        start_date=datetime.date(2030, 3, 26),
        venue="Stadshuset",
        room="Sessionssalen",
        street_address="Kungsgatan 55",
        postal_code="503 35",
        online_url="https://meet.example.org/x",
        hearing_loop=True,
        registration_url="https://example.org/anmalan",
    )
    response, parsed = fetch(client, event.url + "event.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    (vevent,) = vevents(parsed)
    assert str(vevent["UID"]).endswith("@se-on-2120009903")
    assert vevent["SEQUENCE"] == 0
    assert vevent["DTSTAMP"].dt.utcoffset() == datetime.timedelta(0)
    assert vevent["DTSTAMP"].dt >= vevent["LAST-MODIFIED"].dt
    assert vevent["LAST-MODIFIED"].dt.utcoffset() == datetime.timedelta(0)
    assert vevent["DTSTART"].dt == datetime.datetime(
        2030, 3, 26, 18, 0, tzinfo=STOCKHOLM
    )
    assert vevent["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert vevent["DTEND"].dt == datetime.datetime(2030, 3, 26, 20, 0, tzinfo=STOCKHOLM)
    assert str(vevent["SUMMARY"]) == "Dialogmöte om <fritid>"
    assert (
        str(vevent["LOCATION"])
        == "Stadshuset, Sessionssalen, Kungsgatan 55, 503 35 Borås"
    )
    assert str(vevent["URL"]) == f"http://localhost{event.url}"
    description = str(vevent["DESCRIPTION"])
    assert "Vi pratar om fritid." in description and "<" not in description.replace(
        "<fritid>", ""
    )
    assert "https://meet.example.org/x" in description
    assert "https://example.org/anmalan" in description
    assert str(vevent["STATUS"]) == "CONFIRMED"
    raw = response.content.decode()
    assert "DTSTART;TZID=Europe/Stockholm:20300326T180000" in raw


def test_series_has_rrule_with_utc_until_and_exdate_and_moved_date(client, calendar):
    event = create_event(
        calendar,
        start_date=datetime.date(2030, 3, 19),
        repeat="weekly",
        repeat_weekdays=["TU"],
        repeat_until=datetime.date(2030, 11, 5),
        exceptions=[
            {"original_date": datetime.date(2030, 3, 26), "action": "cancelled"},
            {"original_date": datetime.date(2030, 4, 2), "action": "cancelled"},
            {
                "original_date": datetime.date(2030, 10, 29),
                "action": "moved",
                "new_date": datetime.date(2030, 10, 30),
            },
        ],
    )
    response, parsed = fetch(client, event.url + "event.ics")
    main, moved = vevents(parsed)
    raw = response.content.decode()
    # UNTIL is inside the RRULE and in UTC: 5 November 18:00 CET = 17:00 UTC.
    assert "RRULE:FREQ=WEEKLY;UNTIL=20301105T170000Z;BYDAY=TU" in raw
    rrule = main["RRULE"]
    assert rrule["UNTIL"][0] == datetime.datetime(
        2030, 11, 5, 17, 0, tzinfo=datetime.UTC
    )
    exdates = [d.dt for exdate in [main["EXDATE"]] for d in exdate.dts]
    assert exdates == [
        datetime.datetime(2030, 3, 26, 18, 0, tzinfo=STOCKHOLM),  # winter time
        datetime.datetime(2030, 4, 2, 18, 0, tzinfo=STOCKHOLM),  # summer time
    ]
    assert "EXDATE;TZID=Europe/Stockholm:20300326T180000,20300402T180000" in raw
    assert moved["UID"] == main["UID"]
    assert moved["RECURRENCE-ID"].dt == datetime.datetime(
        2030, 10, 29, 18, 0, tzinfo=STOCKHOLM
    )
    assert moved["DTSTART"].dt == datetime.datetime(
        2030, 10, 30, 18, 0, tzinfo=STOCKHOLM
    )
    assert moved["DTEND"].dt == datetime.datetime(2030, 10, 30, 20, 0, tzinfo=STOCKHOLM)


def test_ical_times_are_correct_across_daylight_saving(client, calendar):
    """Every expanded date of the feed's series is at 18:00 Stockholm time."""
    from dateutil.rrule import rrulestr

    event = create_event(
        calendar,
        start_date=datetime.date(2030, 3, 24),
        repeat="weekly",
        repeat_weekdays=["SU"],
        repeat_count=6,
    )
    _response, parsed = fetch(client, event.url + "event.ics")
    (vevent,) = vevents(parsed)
    start = vevent["DTSTART"].dt
    rule = rrulestr(
        vevent["RRULE"].to_ical().decode(), dtstart=start.replace(tzinfo=None)
    )
    local = [d.replace(tzinfo=STOCKHOLM) for d in rule]
    assert len(local) == 6
    assert [d.utcoffset().total_seconds() / 3600 for d in local] == [1, 2, 2, 2, 2, 2]
    assert {d.hour for d in local} == {18}
    # The stored occurrences agree with what a client expands from the file.
    assert [o.start for o in event.occurrences.order_by("start")] == local


def test_monthly_rule_and_count(client, calendar):
    event = create_event(
        calendar,
        start_date=datetime.date(2030, 5, 14),
        repeat="monthly",
        repeat_interval=3,
        repeat_weekdays=["TU"],
        repeat_position=2,
        repeat_count=4,
    )
    response, _parsed = fetch(client, event.url + "event.ics")
    assert (
        "RRULE:FREQ=MONTHLY;COUNT=4;INTERVAL=3;BYDAY=2TU" in response.content.decode()
    )


def test_all_day_event_uses_dates(client, calendar):
    event = create_event(
        calendar,
        start_date=datetime.date(2030, 6, 1),
        end_date=datetime.date(2030, 6, 2),
        start_time=None,
        end_time=None,
    )
    response, parsed = fetch(client, event.url + "event.ics")
    (vevent,) = vevents(parsed)
    assert vevent["DTSTART"].dt == datetime.date(2030, 6, 1)
    assert vevent["DTEND"].dt == datetime.date(2030, 6, 3)
    assert "DTSTART;VALUE=DATE:20300601" in response.content.decode()


def test_cancelled_event_has_status_cancelled_and_higher_sequence(client, calendar):
    event = create_event(calendar)
    _r, parsed = fetch(client, event.url + "event.ics")
    (before,) = vevents(parsed)
    event.status = EventStatus.CANCELLED
    event.save_revision().publish()
    _r, parsed = fetch(client, event.url + "event.ics")
    (after,) = vevents(parsed)
    assert str(after["STATUS"]) == "CANCELLED"
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after["LAST-MODIFIED"].dt >= before["LAST-MODIFIED"].dt


def test_uid_is_stable_across_edits_and_sequence_never_goes_back(client, calendar):
    event = create_event(calendar, title="Första titeln")
    first_revision = event.latest_revision
    _r, parsed = fetch(client, event.url + "event.ics")
    (one,) = vevents(parsed)

    event.title = "Andra titeln"
    event.start_time = datetime.time(17, 0)
    event.save_revision().publish()
    _r, parsed = fetch(client, event.url + "event.ics")
    (two,) = vevents(parsed)
    assert two["UID"] == one["UID"] and two["SEQUENCE"] == one["SEQUENCE"] + 1

    # Publishing again without changes keeps the sequence.
    event.refresh_from_db()
    event.save_revision().publish()
    _r, parsed = fetch(client, event.url + "event.ics")
    assert vevents(parsed)[0]["SEQUENCE"] == two["SEQUENCE"]

    # Going back to an older revision is a change too: the sequence still grows.
    first_revision.publish()
    _r, parsed = fetch(client, event.url + "event.ics")
    (three,) = vevents(parsed)
    assert str(three["SUMMARY"]) == "Första titeln"
    assert three["SEQUENCE"] == two["SEQUENCE"] + 1 and three["UID"] == one["UID"]


def test_uids_differ_between_events_and_sites(client, calendar):
    one = create_event(calendar)
    two = create_event(calendar)
    _r, parsed = fetch(client, calendar.url + "calendar.ics")
    uids = {str(e["UID"]) for e in vevents(parsed)}
    assert len(uids) == 2
    with override_settings(WAGTAIL_SAMVERKAN={"UID_DOMAIN": "boras.example.se"}):
        _r, parsed = fetch(client, one.url + "event.ics")
        assert str(vevents(parsed)[0]["UID"]).endswith("@boras.example.se")
    assert one.pk != two.pk


def test_feed_filtered_by_kind(client, calendar):
    create_event(calendar, title="Rådet", kind="joint_council")
    create_event(calendar, title="Dialogen", kind="dialogue_meeting")
    response, parsed = fetch(
        client, calendar.url + "calendar.ics", kind="joint_council"
    )
    assert [str(e["SUMMARY"]) for e in vevents(parsed)] == ["Rådet"]
    # The file name says which kind the feed holds.
    assert response["Content-Disposition"] == (
        'inline; filename="kalender-joint_council.ics"'
    )
    _r, parsed = fetch(client, calendar.url + "calendar.ics", kind="")
    assert {str(e["SUMMARY"]) for e in vevents(parsed)} == {"Rådet", "Dialogen"}
    # An unknown kind is refused with the reason, not answered with every kind.
    refused = client.get(calendar.url + "calendar.ics", {"kind": "nope"})
    assert refused.status_code == 400
    assert refused["Content-Type"] == "text/plain; charset=utf-8"
    assert "nope" not in refused.content.decode()  # input is not echoed
    assert "joint_council" in refused.content.decode()


@pytest.mark.parametrize("file", ["calendar.ics", "mote/event.ics"])
def test_ical_files_answer_conditional_requests(client, calendar, file):
    event = create_event(calendar, title="Rådet", slug="mote")
    url = calendar.url + file
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"] == "no-cache"
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('W/"') and modified
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='W/"other"').status_code == 200
    # A change makes a new ETag: the client's copy is no longer current.
    event.title = "Rådet flyttas"
    event.save_revision().publish()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Rådet flyttas" in changed.content.decode()


def test_online_only_location_and_postponed_status(client, calendar):
    event = create_event(
        calendar,
        venue="",
        town="",
        online_url="https://meet.example.org/y",
        status=EventStatus.POSTPONED,
    )
    _r, parsed = fetch(client, event.url + "event.ics")
    (vevent,) = vevents(parsed)
    assert "https://meet.example.org/y" in str(vevent["LOCATION"])
    assert str(vevent["STATUS"]) == "TENTATIVE"


def test_ical_files_only_for_the_right_page_types(client, calendar, root_page):
    event = create_event(calendar)
    assert client.get(calendar.url + "event.ics").status_code == 404
    assert client.get(event.url + "calendar.ics").status_code == 404
    assert client.get("/nowhere/calendar.ics").status_code == 404
    draft = create_event(calendar, publish=False)
    assert client.get(f"/kalender/{draft.slug}/event.ics").status_code == 404


def test_every_output_parses_and_round_trips(client, calendar):
    create_event(calendar, repeat="weekly", repeat_weekdays=["TU"], repeat_count=3)
    create_event(calendar, start_time=None, end_time=None)
    response, parsed = fetch(client, calendar.url + "calendar.ics")
    assert Calendar.from_ical(parsed.to_ical()).to_ical() == parsed.to_ical()
    for line in response.content.split(b"\r\n"):
        assert len(line) <= 75


def test_no_ical_links_when_the_host_has_not_included_the_urls(
    client, calendar, settings
):
    event = create_event(calendar)
    assert "calendar.ics" in client.get(calendar.url).content.decode()
    settings.ROOT_URLCONF = "tests.urls_without_ical"
    assert "calendar.ics" not in client.get(calendar.url).content.decode()
    assert "event.ics" not in client.get(event.url).content.decode()


def test_feed_leaves_out_events_older_than_a_year_and_asks_for_refresh(
    client, calendar
):
    import datetime as dt

    create_event(
        calendar, title="Nyligen", start_date=dt.date.today() - dt.timedelta(days=30)
    )
    old = create_event(
        calendar,
        title="Länge sedan",
        start_date=dt.date.today() - dt.timedelta(days=400),
    )
    create_event(
        calendar, title="Snart", start_date=dt.date.today() + dt.timedelta(days=30)
    )
    response, parsed = fetch(client, calendar.url + "calendar.ics")
    assert {str(e["SUMMARY"]) for e in vevents(parsed)} == {"Nyligen", "Snart"}
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H" in response.content.decode()
    assert "X-PUBLISHED-TTL:PT6H" in response.content.decode()
    # The event's own file is still there.
    _r, parsed = fetch(client, old.url + "event.ics")
    assert str(vevents(parsed)[0]["SUMMARY"]) == "Länge sedan"


# --- The feed joins the VEVENT text stored on publish -----------------------------


def varied_events(calendar):
    from wagtail_samverkan.models import EventException

    create_event(
        calendar,
        title="Serie med inställt och flyttat",
        summary="Varje tisdag.",
        start_date=datetime.date(2030, 3, 5),
        repeat="weekly",
        repeat_weekdays=["TU"],
        repeat_count=10,
        hearing_loop=True,
        exceptions=[
            {"original_date": datetime.date(2030, 3, 12)},
            {
                "original_date": datetime.date(2030, 3, 19),
                "action": EventException.Action.MOVED,
                "new_date": datetime.date(2030, 3, 21),
                "new_start_time": datetime.time(9, 0),
            },
        ],
    )
    create_event(
        calendar,
        title="Heldag samma dag som ett möte",
        start_date=datetime.date(2030, 5, 14),
        start_time=None,
        end_time=None,
    )
    create_event(
        calendar,
        title="Konferens över två dagar",
        start_date=datetime.date(2030, 4, 1),
        end_date=datetime.date(2030, 4, 2),
        start_time=None,
        end_time=None,
    )
    create_event(
        calendar,
        title="Digitalt möte med en mycket lång titel som måste vikas på flera rader",
        venue="",
        town="",
        online_url="https://meet.example.org/ett-mycket-langt-mote-namn",
        status=EventStatus.POSTPONED,
        registration_email="anmalan@example.org",
    )


def expected_feed(calendar):
    """The feed as the pages themselves give it, built VEVENT by VEVENT."""
    from django.test import RequestFactory

    from wagtail_samverkan.events import ical
    from wagtail_samverkan.models import EventPage

    request = RequestFactory().get(calendar.url + "calendar.ics")
    pages = sorted(
        EventPage.objects.live()
        .descendant_of(calendar)
        .select_related("ical_state_row")
        .prefetch_related("exceptions"),
        # All-day events first on a day, whichever way the database sorts nulls.
        key=lambda p: (p.start_date, p.start_time is not None, p.start_time, p.pk),
    )
    built = ical.build_calendar(pages, request=request, name=calendar.title)
    built.add(
        "refresh-interval",
        datetime.timedelta(hours=ical.FEED_REFRESH_HOURS),
        parameters={"VALUE": "DURATION"},
    )
    built.add("x-published-ttl", f"PT{ical.FEED_REFRESH_HOURS}H")
    return built.to_ical()


@pytest.fixture
def frozen_now(monkeypatch):
    from django.utils import timezone

    moment = datetime.datetime(2030, 3, 1, 12, 0, 30, tzinfo=STOCKHOLM)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def test_the_feed_from_stored_text_is_the_feed_built_from_the_pages(
    client, calendar, frozen_now, monkeypatch
):
    from wagtail_samverkan.events import ical

    varied_events(calendar)
    expected = expected_feed(calendar)

    def not_built(*args, **kwargs):
        raise AssertionError("the feed built a VEVENT instead of using stored text")

    monkeypatch.setattr(ical, "build_vevents", not_built)
    response, parsed = fetch(client, calendar.url + "calendar.ics")
    assert response.content == expected
    assert len(vevents(parsed)) == 5
    # Each file is made now, whenever its VEVENTs were stored.
    assert {e["DTSTAMP"].dt for e in vevents(parsed)} == {
        datetime.datetime(2030, 3, 1, 11, 0, 30, tzinfo=datetime.UTC)
    }


def test_stored_text_made_for_another_address_or_language_is_not_used(
    client, calendar, frozen_now
):
    from wagtail.models import Site

    from wagtail_samverkan.core import cache as samverkan_cache
    from wagtail_samverkan.models import EventICalState

    create_event(calendar, title="Möte")
    assert EventICalState.objects.get().vevents_key
    site = Site.objects.get(is_default_site=True)
    site.hostname = "kommun.example.se"
    site.save()
    _r, parsed = fetch(client, calendar.url + "calendar.ics")
    (vevent,) = vevents(parsed)
    # The address follows the site; the UID does not.
    assert str(vevent["UID"]).endswith("@se-on-2120009903")
    assert str(vevent["URL"]).startswith("http://kommun.example.se/")
    samverkan_cache.invalidate(EVENTS)
    with translation.override("en"):
        _r, parsed = fetch(client, calendar.url + "calendar.ics")
    assert "More information:" in str(vevents(parsed)[0]["DESCRIPTION"])
    _r, parsed = fetch(client, calendar.url + "calendar.ics")
    assert "Mer information:" in str(vevents(parsed)[0]["DESCRIPTION"])


def test_publishing_stores_the_event_text_again(client, calendar, frozen_now):
    from wagtail_samverkan.models import EventICalState

    event = create_event(calendar, title="Före")
    before = EventICalState.objects.get(event=event).vevents
    assert "SUMMARY:Före" in before and "DTSTAMP:19700101T000000Z" in before
    event.hearing_loop = True  # not part of the sequence's fingerprint, but shown
    event.save_revision().publish()
    after = EventICalState.objects.get(event=event).vevents
    assert after != before and "SEQUENCE:0" in after
    _r, parsed = fetch(client, calendar.url + "calendar.ics")
    assert "hörslinga" in str(vevents(parsed)[0]["DESCRIPTION"]).lower()


def test_stored_text_is_found_under_a_regional_language_code():
    from django.utils import translation

    from wagtail_samverkan.events.ical import content_language, stored_text_key

    with translation.override("sv"):
        plain = stored_text_key(calendar_url="https://x.example/k/", domain="x")
        assert content_language() == "sv"
    with translation.override("sv-se"):
        assert content_language() == "sv"
        assert stored_text_key(calendar_url="https://x.example/k/", domain="x") == plain


def test_line_breaks_and_control_characters_in_texts_cannot_inject_properties(
    client, root_page
):
    calendar = create_calendar(root_page, title="Kalender\r\nX-INJECTED:kalender")
    create_event(
        calendar,
        title="Dialogmöte\r\nATTENDEE:mailto:angripare@example.org\x1b",
        venue="Stadshuset\nORGANIZER:mailto:angripare@example.org",
        summary="Rad ett\r\nrad två\x07",
        slug="mote-med-radbrytning",
    )
    for url in (
        calendar.url + "calendar.ics",
        calendar.url + "mote-med-radbrytning/event.ics",
    ):
        response, parsed = fetch(client, url)
        raw = response.content.decode()
        # Only folded continuation lines start with a space; nothing else was added.
        names = {
            line.split(":")[0].split(";")[0]
            for line in raw.split("\r\n")
            if line and not line.startswith(" ")
        }
        assert not names & {"ATTENDEE", "ORGANIZER", "X-INJECTED"}, names
        assert "\x1b" not in raw and "\x07" not in raw
        (event,) = vevents(parsed)
        assert (
            str(event["SUMMARY"]) == "Dialogmöte ATTENDEE:mailto:angripare@example.org"
        )
        assert str(event["LOCATION"]).startswith("Stadshuset ORGANIZER:")
        assert "Rad ett\nrad två" in str(event["DESCRIPTION"])
    _response, parsed = fetch(client, calendar.url + "calendar.ics")
    assert str(parsed["X-WR-CALNAME"]) == "Kalender X-INJECTED:kalender"
