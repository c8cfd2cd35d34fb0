"""The VTIMEZONE: yearly rules, derived from zoneinfo, that need no range of years.

``tests/events/test_clients.py`` checks that calendar apps read it; these
tests check its shape and, for zones of every kind, that the offsets it gives
are zoneinfo's at every moment for decades.
"""

import bisect
import datetime
from zoneinfo import ZoneInfo

import pytest
from dateutil import rrule
from icalendar import Calendar

from tests.factories import create_calendar, create_event
from wagtail_samverkan.events.ical import ZONE_CHECK_YEARS, vtimezone

HOUR = datetime.timedelta(hours=1)


def observances(component):
    """``{name: (DTSTART, TZOFFSETFROM, TZOFFSETTO, RRULE)}`` of a VTIMEZONE."""
    return {
        sub.name: (
            sub["DTSTART"].dt,
            sub["TZOFFSETFROM"].td,
            sub["TZOFFSETTO"].td,
            sub["RRULE"].to_ical().decode() if "RRULE" in sub else None,
        )
        for sub in component.subcomponents
    }


@pytest.mark.django_db
@pytest.mark.parametrize("file", ["calendar.ics", "event.ics"])
def test_every_file_has_outlooks_yearly_rules_for_stockholm(client, root_page, file):
    calendar = create_calendar(root_page)
    # Twelve yearly dates 2027-2038, ended by a count: no year range to go by.
    event = create_event(
        calendar,
        start_date=datetime.date(2027, 6, 10),
        repeat="monthly",
        repeat_interval=12,
        repeat_weekdays=["TH"],
        repeat_position=2,
        repeat_count=12,
    )
    url = (calendar.url if file == "calendar.ics" else event.url) + file
    response = client.get(url)
    assert response.status_code == 200
    (component,) = Calendar.from_ical(response.content).walk("VTIMEZONE")
    assert str(component["TZID"]) == "Europe/Stockholm"
    assert observances(component) == {
        "DAYLIGHT": (
            datetime.datetime(1970, 3, 29, 2, 0),
            HOUR,
            2 * HOUR,
            "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        ),
        "STANDARD": (
            datetime.datetime(1970, 10, 25, 3, 0),
            2 * HOUR,
            HOUR,
            "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
        ),
    }
    raw = response.content.decode()
    assert "RDATE" not in raw and "COMMENT" not in raw


def offsets_of(component):
    """A function giving the UTC offset the VTIMEZONE says at an aware moment.

    Read independently of the code under test: each observance's onsets from
    its DTSTART, RRULE (dateutil) and TZOFFSETFROM, sorted.
    """
    onsets = []
    for sub in component.subcomponents:
        start = sub["DTSTART"].dt
        before, after = sub["TZOFFSETFROM"].td, sub["TZOFFSETTO"].td
        starts = [start]
        if "RRULE" in sub:
            rule = rrule.rrulestr(sub["RRULE"].to_ical().decode(), dtstart=start)
            starts = rule.between(start, datetime.datetime(2101, 1, 1), inc=True)
        for local in starts:
            onsets.append(((local - before).replace(tzinfo=datetime.UTC), after))
    onsets.sort()
    moments = [moment for moment, _ in onsets]

    def offset(moment):
        index = bisect.bisect_right(moments, moment) - 1
        assert index >= 0, f"{moment} is before the first observance"
        return onsets[index][1]

    return offset, moments


def assert_same_offsets(tzid, first_year, last_year):
    component = vtimezone(tzid, year=2026)
    offset, onsets = offsets_of(component)
    zone = ZoneInfo(tzid)
    moment = datetime.datetime(first_year, 1, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(last_year + 1, 1, 1, tzinfo=datetime.UTC)
    step = datetime.timedelta(hours=11)
    samples = []
    while moment < end:
        samples.append(moment)
        moment += step
    second = datetime.timedelta(seconds=1)
    for onset in onsets:
        if samples[0] <= onset < end:
            samples.extend((onset - second, onset))
    wrong = [
        moment
        for moment in samples
        if offset(moment) != moment.astimezone(zone).utcoffset()
    ]
    assert not wrong, f"{tzid}: the VTIMEZONE is wrong at {wrong[:3]}"
    return component


@pytest.mark.parametrize(
    ("tzid", "rules"),
    [
        ("Europe/Stockholm", {"-1SU;BYMONTH=3", "-1SU;BYMONTH=10"}),
        ("America/New_York", {"2SU;BYMONTH=3", "1SU;BYMONTH=11"}),
        ("Australia/Sydney", {"1SU;BYMONTH=10", "1SU;BYMONTH=4"}),
        # Half an hour of daylight saving time.
        ("Australia/Lord_Howe", {"1SU;BYMONTH=10", "1SU;BYMONTH=4"}),
        # The zone's data calls winter time the exception: still summer is DAYLIGHT.
        ("Europe/Dublin", {"-1SU;BYMONTH=3", "-1SU;BYMONTH=10"}),
    ],
)
def test_zones_with_daylight_saving_time_get_two_yearly_rules(tzid, rules):
    component = assert_same_offsets(tzid, 2025, 2090)
    found = observances(component)
    assert set(found) == {"STANDARD", "DAYLIGHT"}
    assert {rule.removeprefix("FREQ=YEARLY;BYDAY=") for *_, rule in found.values()} == (
        rules
    )
    _start, before, after, _rule = found["DAYLIGHT"]
    assert after > before


@pytest.mark.parametrize("tzid", ["Asia/Tokyo", "UTC", "America/Sao_Paulo"])
def test_zones_without_daylight_saving_time_get_one_standard_offset(tzid):
    component = assert_same_offsets(tzid, 2025, 2090)
    ((name, (start, before, after, rule)),) = observances(component).items()
    assert (name, start, rule) == ("STANDARD", datetime.datetime(1970, 1, 1), None)
    assert before == after


@pytest.mark.parametrize("tzid", ["Africa/Casablanca", "Asia/Jerusalem"])
def test_zones_without_weekday_rules_get_each_change_of_the_years_checked(tzid):
    component = assert_same_offsets(tzid, 2025, 2026 + ZONE_CHECK_YEARS)
    assert all("RRULE" not in sub for sub in component.subcomponents)
    assert all("RDATE" not in sub for sub in component.subcomponents)
