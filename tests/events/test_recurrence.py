"""Recurring meetings: expansion, daylight saving time, the cap and the description."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from wagtail_samverkan.events import recurrence
from wagtail_samverkan.events.recurrence import MAX_OCCURRENCES, Rule

STOCKHOLM = ZoneInfo("Europe/Stockholm")
UTC = datetime.UTC


def local(*args):
    return datetime.datetime(*args, tzinfo=STOCKHOLM)


def test_weekly_series_keeps_wall_clock_time_across_spring_change():
    # Last Sunday of March 2027 is the 28th: clocks go forward.
    rule = Rule(frequency="weekly", weekdays=("TU",), count=3)
    starts = rule.starts(local(2027, 3, 23, 18, 0))
    assert [s.strftime("%Y-%m-%d %H:%M") for s in starts] == [
        "2027-03-23 18:00",
        "2027-03-30 18:00",
        "2027-04-06 18:00",
    ]
    # Same local time, different UTC offsets: 17:00 UTC before, 16:00 UTC after.
    assert [s.astimezone(UTC).hour for s in starts] == [17, 16, 16]
    assert starts[0].utcoffset() == datetime.timedelta(hours=1)
    assert starts[1].utcoffset() == datetime.timedelta(hours=2)


def test_weekly_series_keeps_wall_clock_time_across_autumn_change():
    # Last Sunday of October 2027 is the 31st: clocks go back.
    rule = Rule(frequency="weekly", weekdays=("TU",), until=datetime.date(2027, 11, 2))
    starts = rule.starts(local(2027, 10, 26, 18, 0))
    assert [s.astimezone(STOCKHOLM).hour for s in starts] == [18, 18]
    assert [s.astimezone(UTC).hour for s in starts] == [16, 17]


def test_monthly_by_position_and_last_weekday():
    rule = Rule(frequency="monthly", weekdays=("TU",), position=2, count=3)
    assert [s.date() for s in rule.starts(local(2027, 1, 12, 18, 0))] == [
        datetime.date(2027, 1, 12),
        datetime.date(2027, 2, 9),
        datetime.date(2027, 3, 9),
    ]
    last = Rule(frequency="monthly", weekdays=("FR",), position=-1, interval=2, count=2)
    assert [s.date() for s in last.starts(local(2027, 1, 29, 9, 0))] == [
        datetime.date(2027, 1, 29),
        datetime.date(2027, 3, 26),
    ]


def test_interval_and_several_days():
    rule = Rule(frequency="weekly", weekdays=("MO", "TH"), interval=2, count=4)
    assert [s.date().isoformat() for s in rule.starts(local(2027, 5, 3, 9, 0))] == [
        "2027-05-03",
        "2027-05-06",
        "2027-05-17",
        "2027-05-20",
    ]


def test_series_without_end_is_capped():
    rule = Rule(frequency="weekly", weekdays=("WE",))
    assert len(rule.starts(local(2027, 1, 6, 12, 0))) == MAX_OCCURRENCES
    huge = Rule(frequency="weekly", weekdays=("WE",), count=10_000)
    assert len(huge.starts(local(2027, 1, 6, 12, 0))) == MAX_OCCURRENCES
    assert (
        huge.ical_rrule(local(2027, 1, 6, 12, 0), all_day=False)["COUNT"]
        == MAX_OCCURRENCES
    )


def test_ical_rrule_until_is_utc_and_inclusive():
    rule = Rule(
        frequency="weekly",
        weekdays=("TU",),
        interval=2,
        until=datetime.date(2027, 6, 30),
    )
    value = rule.ical_rrule(local(2027, 3, 2, 18, 0), all_day=False)
    assert (
        value["FREQ"] == "WEEKLY"
        and value["INTERVAL"] == 2
        and value["BYDAY"] == ["TU"]
    )
    # The last date is 22 June 2027 at 18:00 summer time = 16:00 UTC.
    assert value["UNTIL"] == datetime.datetime(2027, 6, 22, 16, 0, tzinfo=UTC)
    monthly = Rule(frequency="monthly", weekdays=("TU",), position=2, count=5)
    assert monthly.ical_rrule(local(2027, 1, 12, 18, 0), all_day=False)["BYDAY"] == [
        "2TU"
    ]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (
            Rule(
                frequency="weekly",
                weekdays=("TU",),
                interval=2,
                until=datetime.date(2027, 6, 30),
            ),
            "varannan tisdag kl. 18.00 till och med 30 juni 2027",
        ),
        (
            Rule(frequency="weekly", weekdays=("MO", "TH"), count=8),
            "varje måndag och torsdag kl. 18.00, 8 gånger",
        ),
        (
            Rule(frequency="monthly", weekdays=("TU",), position=2, count=4),
            "andra tisdagen varje månad kl. 18.00, 4 gånger",
        ),
        (
            Rule(
                frequency="monthly", weekdays=("TH",), position=-1, interval=3, count=4
            ),
            "sista torsdagen var 3:e månad kl. 18.00, 4 gånger",
        ),
        (
            Rule(frequency="weekly", weekdays=("WE",), interval=3, count=1),
            "var 3:e vecka på onsdag kl. 18.00, en gång",
        ),
    ],
)
def test_series_in_swedish_words(rule, expected):
    with translation.override("sv"):
        assert recurrence.describe(rule, local(2027, 3, 2, 18, 0)) == expected


def test_series_in_english_words():
    rule = Rule(
        frequency="weekly",
        weekdays=("TU",),
        interval=2,
        until=datetime.date(2027, 6, 30),
    )
    with translation.override("en"):
        assert (
            recurrence.describe(rule, local(2027, 3, 2, 18, 0))
            == "every second Tuesday at 18.00 until 30 June 2027"
        )
