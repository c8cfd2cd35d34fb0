"""Recurring events: expansion with python-dateutil and a description in words.

A series is expanded on the *local* wall clock of the package's time zone
(``WAGTAIL_SAMVERKAN["TIME_ZONE"]``) and only then made aware, so a meeting
at 18:00 stays at 18:00 in both March and October although its offset from
UTC changes. Expansion happens when an event is published (see
``signals.py``), never while a page is being shown.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext, pgettext_lazy

from wagtail_samverkan.core.conf import samverkan_settings

#: No series may have more dates than this (five years of weekly meetings).
MAX_OCCURRENCES = 260

WEEKLY = "weekly"
MONTHLY = "monthly"

FREQUENCY_CHOICES = [
    ("", gettext_lazy("Does not repeat")),
    (WEEKLY, gettext_lazy("Weekly")),
    (MONTHLY, gettext_lazy("Monthly")),
]

WEEKDAY_CHOICES = [
    ("MO", pgettext_lazy("weekday", "Monday")),
    ("TU", pgettext_lazy("weekday", "Tuesday")),
    ("WE", pgettext_lazy("weekday", "Wednesday")),
    ("TH", pgettext_lazy("weekday", "Thursday")),
    ("FR", pgettext_lazy("weekday", "Friday")),
    ("SA", pgettext_lazy("weekday", "Saturday")),
    ("SU", pgettext_lazy("weekday", "Sunday")),
]
WEEKDAY_CODES = [code for code, _label in WEEKDAY_CHOICES]
_RRULE_WEEKDAYS = dict(zip(WEEKDAY_CODES, rrule.weekdays, strict=True))

POSITION_CHOICES = [
    (1, gettext_lazy("First")),
    (2, gettext_lazy("Second")),
    (3, gettext_lazy("Third")),
    (4, gettext_lazy("Fourth")),
    (-1, gettext_lazy("Last")),
]


def get_zone() -> ZoneInfo:
    """The time zone events are entered and shown in."""
    return ZoneInfo(samverkan_settings.TIME_ZONE)


def make_local(day: datetime.date, time: datetime.time | None) -> datetime.datetime:
    """An aware datetime for a wall-clock time on a day in the package's zone."""
    return datetime.datetime.combine(day, time or datetime.time(0), tzinfo=get_zone())


@dataclass(frozen=True)
class Rule:
    """A recurrence rule as the editor entered it."""

    frequency: str
    interval: int = 1
    weekdays: tuple[str, ...] = ()
    position: int | None = None
    until: datetime.date | None = None
    count: int | None = None

    def weekday_objects(self):
        days = [
            _RRULE_WEEKDAYS[code] for code in self.weekdays if code in _RRULE_WEEKDAYS
        ]
        if self.frequency == MONTHLY and self.position:
            days = [day(self.position) for day in days]
        return days

    def to_rrule(self, dtstart: datetime.datetime):
        """A dateutil rule on naive local wall-clock times."""
        freq = rrule.WEEKLY if self.frequency == WEEKLY else rrule.MONTHLY
        count = self.count or None
        until = None
        if self.until and not count:
            until = datetime.datetime.combine(self.until, datetime.time.max)
        if not count and not until:
            count = MAX_OCCURRENCES
        return rrule.rrule(
            freq,
            dtstart=dtstart.replace(tzinfo=None),
            interval=max(self.interval or 1, 1),
            byweekday=self.weekday_objects() or None,
            count=count,
            until=until,
            wkst=rrule.MO,
        )

    def ical_rrule(self, dtstart: datetime.datetime, *, all_day: bool) -> dict:
        """The RRULE value for icalendar; UNTIL is given in UTC as RFC 5545 asks.

        Only FREQ, INTERVAL, BYDAY (with a position for monthly rules),
        UNTIL and COUNT are used: patterns Outlook and Google both accept.
        """
        value = {"FREQ": self.frequency.upper()}
        if self.interval and self.interval > 1:
            value["INTERVAL"] = self.interval
        days = list(self.weekdays)
        if self.frequency == MONTHLY and self.position:
            days = [f"{self.position}{code}" for code in days]
        if days:
            value["BYDAY"] = days
        if self.count:
            value["COUNT"] = min(self.count, MAX_OCCURRENCES)
        else:
            last = self.last_start(dtstart)
            if all_day:
                value["UNTIL"] = last.date()
            else:
                value["UNTIL"] = last.astimezone(datetime.UTC)
        return value

    def starts(self, dtstart: datetime.datetime, *, cap: int = MAX_OCCURRENCES):
        """Aware start datetimes of every date in the series, first one included.

        Each naive wall-clock time is given the zone afterwards, so the local
        time stays the same across daylight-saving changes.
        """
        zone = get_zone()
        dates = itertools.islice(self.to_rrule(dtstart), cap)
        return [naive.replace(tzinfo=zone) for naive in dates]

    def count_dates(self, dtstart: datetime.datetime) -> int:
        """How many dates the series would have without the cap (at most cap + 1)."""
        return len(self.starts(dtstart, cap=MAX_OCCURRENCES + 1))

    def last_start(self, dtstart: datetime.datetime) -> datetime.datetime:
        starts = self.starts(dtstart)
        return starts[-1] if starts else dtstart


# --- In words ------------------------------------------------------------


def _join(words):
    words = [str(word) for word in words]
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s and %(last)s") % {
        "first": ", ".join(words[:-1]),
        "last": words[-1],
    }


def _day_names(rule: Rule, *, definite=False):
    """Weekday names as used inside a sentence ("Tuesday"; "tisdag", "tisdagen")."""
    names = {
        "MO": (pgettext("in a sentence", "Monday"), pgettext("definite", "Monday")),
        "TU": (pgettext("in a sentence", "Tuesday"), pgettext("definite", "Tuesday")),
        "WE": (
            pgettext("in a sentence", "Wednesday"),
            pgettext("definite", "Wednesday"),
        ),
        "TH": (pgettext("in a sentence", "Thursday"), pgettext("definite", "Thursday")),
        "FR": (pgettext("in a sentence", "Friday"), pgettext("definite", "Friday")),
        "SA": (pgettext("in a sentence", "Saturday"), pgettext("definite", "Saturday")),
        "SU": (pgettext("in a sentence", "Sunday"), pgettext("definite", "Sunday")),
    }
    return [
        names[code][1 if definite else 0] for code in rule.weekdays if code in names
    ]


def _position_name(position):
    return {
        1: pgettext("in a sentence", "first"),
        2: pgettext("in a sentence", "second"),
        3: pgettext("in a sentence", "third"),
        4: pgettext("in a sentence", "fourth"),
        -1: pgettext("in a sentence", "last"),
    }.get(position, "")


def describe(
    rule: Rule, start: datetime.datetime | None = None, *, all_day=False
) -> str:
    """The series in words, e.g. "every second Tuesday at 18.00 until 30 June 2027"."""
    interval = max(rule.interval or 1, 1)
    if rule.frequency == WEEKLY:
        days = _join(_day_names(rule))
        if interval == 1:
            text = _("every %(days)s") % {"days": days}
        elif interval == 2:
            text = _("every second %(days)s") % {"days": days}
        else:
            text = _("every %(interval)d weeks on %(days)s") % {
                "interval": interval,
                "days": days,
            }
    else:
        values = {
            "position": _position_name(rule.position),
            "days": _join(_day_names(rule, definite=True)),
            "interval": interval,
        }
        if interval == 1:
            text = _("the %(position)s %(days)s of every month") % values
        elif interval == 2:
            text = _("the %(position)s %(days)s of every second month") % values
        else:
            text = _("the %(position)s %(days)s every %(interval)d months") % values
    if start is not None and not all_day:
        time = start.astimezone(get_zone()).strftime("%H.%M")
        text += " " + _("at %(time)s") % {"time": time}
    if rule.count:
        text += ", " + ngettext("once", "%(count)d times", rule.count) % {
            "count": rule.count
        }
    elif rule.until:
        text += " " + _("until %(date)s") % {"date": date_format(rule.until, "j F Y")}
    return text
