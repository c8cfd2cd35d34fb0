"""The schema.org JSON-LD of event pages, read from the rendered page as a search engine would."""

import datetime
from zoneinfo import ZoneInfo

import extruct
import pytest
from django.test import override_settings
from wagtail.models import Site

from tests.factories import (
    MunicipalBodyFactory,
    OrganisationFactory,
    create_event,
)
from wagtail_samverkan.models import EventStatus

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
IN_STOCK = "https://schema.org/InStock"


def json_ld_scripts(response):
    """Every JSON-LD item of a page, as a search engine's extractor reads it.

    extruct is what crawlers built on Scrapy use: it finds the scripts with an
    HTML parser and parses their JSON; an item that is not one JSON object,
    or a script it cannot read, fails the test.
    """
    assert response.status_code == 200
    html = response.content.decode()
    items = extruct.extract(html, syntaxes=["json-ld"], errors="strict")["json-ld"]
    assert len(items) == html.count('<script type="application/ld+json">')
    for data in items:
        assert isinstance(data, dict), data
    return items


def open_graph(response):
    """The page's Open Graph properties, as extruct reads them."""
    found = extruct.extract(
        response.content.decode(), syntaxes=["opengraph"], uniform=True
    )["opengraph"]
    assert len(found) == 1, found
    return found[0]


def event_ld(client, event):
    """The one schema.org Event of an event page."""
    events = [
        data
        for data in json_ld_scripts(client.get(event.url))
        if data["@type"] == "Event"
    ]
    assert len(events) == 1, events
    return events[0]


# --- The organiser ---------------------------------------------------------------


def test_a_meeting_names_its_organiser_with_its_website(client, calendar, frozen_now):
    organisation = OrganisationFactory(
        name="Föreningen Gemensam Grund", website="https://gg.example.org/"
    )
    body = MunicipalBodyFactory(
        name="Socialnämnden", website="https://kommun.example.org/social"
    )
    by_organisation = create_event(calendar, organiser_organisation=organisation)
    by_body = create_event(calendar, organiser_body=body)
    data = event_ld(client, by_organisation)
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "Föreningen Gemensam Grund",
        "url": "https://gg.example.org/",
    }
    assert "eventSchedule" not in data  # a single meeting
    assert event_ld(client, by_body)["organizer"] == {
        "@type": "GovernmentOrganization",
        "name": "Socialnämnden",
        "url": "https://kommun.example.org/social",
    }


def test_an_organiser_without_a_website_gets_no_invented_url(
    client, calendar, frozen_now
):
    body = MunicipalBodyFactory(name="Kultur- och fritidsnämnden")
    event = create_event(calendar, organiser_body=body)
    assert event_ld(client, event)["organizer"] == {
        "@type": "GovernmentOrganization",
        "name": "Kultur- och fritidsnämnden",
    }


def test_without_an_organiser_the_municipality_organises(client, calendar, frozen_now):
    event = create_event(calendar)
    site = Site.objects.get(is_default_site=True)
    assert event_ld(client, event)["organizer"] == {
        "@type": "GovernmentOrganization",
        "name": "Testkommunen",  # WAGTAIL_SAMVERKAN["MUNICIPALITY_NAME"] in tests
        "url": site.root_url + "/",
    }
    # Without a name for the municipality nothing is invented.
    with override_settings(WAGTAIL_SAMVERKAN={"BASE_TEMPLATE": "host_base.html"}):
        assert "organizer" not in event_ld(client, event)


# --- Series -------------------------------------------------------------------------


def test_a_weekly_series_has_its_schedule_and_its_next_date(
    client, calendar, frozen_now
):
    event = create_event(
        calendar,
        start_date=datetime.date(2030, 4, 16),  # a Tuesday
        repeat="weekly",
        repeat_interval=2,
        repeat_weekdays=["TH", "TU"],
        repeat_until=datetime.date(2030, 6, 30),
        exceptions=[
            {"original_date": datetime.date(2030, 5, 14), "action": "cancelled"},
            {
                "original_date": datetime.date(2030, 5, 28),
                "action": "moved",
                "new_start_time": datetime.time(19, 0),
            },
        ],
    )
    data = event_ld(client, event)
    # The event itself is the next date: Thursday 2 May.
    assert data["startDate"] == "2030-05-02T18:00:00+02:00"
    assert data["endDate"] == "2030-05-02T20:00:00+02:00"
    assert data["eventSchedule"] == {
        "@type": "Schedule",
        "startDate": "2030-04-16",
        "endDate": "2030-06-27",  # the last Thursday of the series
        "repeatFrequency": "P2W",
        "byDay": ["https://schema.org/Tuesday", "https://schema.org/Thursday"],
        "startTime": "18:00:00",
        "endTime": "20:00:00",
        "scheduleTimezone": "Europe/Stockholm",
        "exceptDate": ["2030-05-14T18:00:00+02:00", "2030-05-28T18:00:00+02:00"],
    }


def test_a_monthly_series_by_position_with_a_count(client, calendar, frozen_now):
    event = create_event(
        calendar,
        start_date=datetime.date(2030, 5, 14),  # the second Tuesday of May
        start_time=datetime.time(9, 30),
        end_time=datetime.time(11, 0),
        repeat="monthly",
        repeat_weekdays=["TU"],
        repeat_position=2,
        repeat_count=6,
    )
    data = event_ld(client, event)
    assert data["startDate"] == "2030-05-14T09:30:00+02:00"
    schedule = data["eventSchedule"]
    assert schedule == {
        "@type": "Schedule",
        "startDate": "2030-05-14",
        "endDate": "2030-10-08",  # the second Tuesday of October
        "repeatCount": 6,
        "repeatFrequency": "P1M",
        "byDay": "https://schema.org/Tuesday",
        "byMonthWeek": 2,
        "startTime": "09:30:00",
        "endTime": "11:00:00",
        "scheduleTimezone": "Europe/Stockholm",
    }
    # schema.org's byMonthWeek counts from the start of the month only, so a
    # series on the last weekday has no schedule rather than a wrong one.
    last_friday = create_event(
        calendar,
        start_date=datetime.date(2030, 5, 31),
        repeat="monthly",
        repeat_weekdays=["FR"],
        repeat_position=-1,
        repeat_count=3,
    )
    data = event_ld(client, last_friday)
    assert data["startDate"] == "2030-05-31T18:00:00+02:00"
    assert "eventSchedule" not in data


# --- Cancelled events and offers --------------------------------------------------------


def test_a_cancelled_meeting_offers_nothing(client, calendar, frozen_now):
    scheduled = create_event(calendar, registration_url="https://anmalan.example.org/1")
    offer = event_ld(client, scheduled)["offers"]
    assert offer["availability"] == IN_STOCK
    assert offer["url"] == "https://anmalan.example.org/1"
    event = create_event(
        calendar,
        status=EventStatus.CANCELLED,
        registration_url="https://anmalan.example.org/2",
    )
    data = event_ld(client, event)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["startDate"] == "2030-05-14T18:00:00+02:00"  # the date it had
    assert "offers" not in data


def test_a_series_whose_next_date_is_cancelled_offers_nothing(
    client, calendar, frozen_now
):
    event = create_event(
        calendar,
        repeat="weekly",
        repeat_weekdays=["TU"],
        repeat_count=4,
        registration_url="https://anmalan.example.org/3",
        exceptions=[
            {"original_date": datetime.date(2030, 5, 14), "action": "cancelled"}
        ],
    )
    data = event_ld(client, event)
    assert data["startDate"] == "2030-05-14T18:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert "offers" not in data


# --- Valid JSON that stays in its script element -------------------------------------


def test_markup_and_quotes_in_texts_cannot_leave_the_script(
    client, calendar, frozen_now
):
    title = "Möte </script><script>alert(\"x\")</script> 'citat' & <!-- mer"
    organisation = OrganisationFactory(name='Förening "</SCRIPT>" & <b>')
    event = create_event(
        calendar,
        title=title,
        summary='Slut: </script ><img src=x onerror="alert(1)">',
        organiser_organisation=organisation,
    )
    response = client.get(event.url)
    scripts = json_ld_scripts(response)
    assert len(scripts) == 1
    (data,) = scripts
    assert data["name"] == title
    assert data["description"] == 'Slut: </script ><img src=x onerror="alert(1)">'
    assert data["organizer"]["name"] == 'Förening "</SCRIPT>" & <b>'


# --- The image ----------------------------------------------------------------------


def test_an_image_is_shared_and_described_to_search_engines(
    client, calendar, frozen_now
):
    from wagtail_factories import ImageFactory

    image = ImageFactory(title="Stora salen", description="Stolar i ring i en ljus sal")
    event = create_event(calendar, image=image)
    response = client.get(event.url)
    rendition = image.get_rendition("fill-1200x630")
    site = Site.objects.get(is_default_site=True)
    address = site.root_url + rendition.url
    events = [item for item in json_ld_scripts(response) if item["@type"] == "Event"]
    assert events[0]["image"] == [address]
    assert open_graph(response)["og:image"] == address
    # On the page, with the image's description as its text alternative.
    assert 'alt="Stolar i ring i en ljus sal"' in response.content.decode()


def test_without_an_image_none_is_invented(client, calendar, frozen_now):
    event = create_event(calendar)
    response = client.get(event.url)
    assert "image" not in event_ld(client, event)
    assert "og:image" not in open_graph(response)
    assert "<figure" not in response.content.decode()
