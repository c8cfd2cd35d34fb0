"""When an event happens: its dates, its series and the occurrences stored from them."""

from __future__ import annotations

import datetime
import hashlib
import json

from django.db import transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail_samverkan.core import cache
from wagtail_samverkan.core.pages import BasePage
from wagtail_samverkan.events import recurrence
from wagtail_samverkan.events.caching import AREA
from wagtail_samverkan.events.models.choices import EventStatus
from wagtail_samverkan.events.models.inlines import EventException
from wagtail_samverkan.events.models.occurrences import EventICalState, EventOccurrence


class EventScheduleMixin:
    """The time side of :class:`EventPage`: derived times, validation, occurrences."""

    # --- Derived values --------------------------------------------------

    @property
    def all_day(self) -> bool:
        return self.start_time is None

    @property
    def start(self) -> datetime.datetime:
        """Aware start of the first date, in the package's time zone."""
        return recurrence.make_local(self.start_date, self.start_time)

    @property
    def end(self) -> datetime.datetime:
        """Aware end of the first date (exclusive end of the day for all-day events)."""
        end_date = self.end_date or self.start_date
        if self.all_day:
            return recurrence.make_local(end_date + datetime.timedelta(days=1), None)
        if self.end_time is None:
            if self.end_date:
                return recurrence.make_local(end_date, self.start_time)
            return self.start + datetime.timedelta(hours=1)
        return recurrence.make_local(end_date, self.end_time)

    @property
    def duration(self) -> datetime.timedelta:
        # Wall-clock difference, so a meeting from 18 to 20 lasts two hours
        # on every date of the series.
        start = self.start.replace(tzinfo=None)
        end = self.end.replace(tzinfo=None)
        return end - start

    @property
    def rule(self) -> recurrence.Rule | None:
        if not self.repeat:
            return None
        return recurrence.Rule(
            frequency=self.repeat,
            interval=self.repeat_interval or 1,
            weekdays=tuple(self.repeat_weekdays or ()),
            position=self.repeat_position,
            until=self.repeat_until,
            count=self.repeat_count,
        )

    @property
    def is_series(self) -> bool:
        return bool(self.repeat)

    @property
    def recurrence_description(self) -> str:
        rule = self.rule
        return (
            recurrence.describe(rule, self.start, all_day=self.all_day) if rule else ""
        )

    def series_starts(self) -> list[datetime.datetime]:
        """Every planned start of the event, before exceptions are applied."""
        rule = self.rule
        if rule is None:
            return [self.start]
        return rule.starts(self.start)

    # --- Validation ------------------------------------------------------

    def schedule_errors(self) -> dict:
        """Errors in the dates, times and recurrence, by field name."""
        errors = {}
        if self.start_date:
            if self.end_date and self.end_date < self.start_date:
                errors["end_date"] = _("The end date cannot be before the start date.")
            elif (
                self.end_time
                and self.start_time
                and self.end.replace(tzinfo=None) <= self.start.replace(tzinfo=None)
            ):
                errors["end_time"] = _("The event must end after it starts.")
            if self.end_time and not self.start_time:
                errors["end_time"] = _(
                    "Give a start time too, or leave both times empty."
                )
        if self.repeat:
            if not self.repeat_interval:
                errors["repeat_interval"] = _("The interval must be at least 1.")
            if not self.repeat_weekdays:
                errors["repeat_weekdays"] = _(
                    "Choose at least one day for the meeting."
                )
            elif any(
                code not in recurrence.WEEKDAY_CODES for code in self.repeat_weekdays
            ):
                errors["repeat_weekdays"] = _("Unknown day of the week.")
            if self.repeat == recurrence.MONTHLY and not self.repeat_position:
                errors["repeat_position"] = _(
                    "Choose which one in the month, e.g. the second Tuesday."
                )
            if not self.repeat_until and not self.repeat_count:
                errors["repeat_until"] = _(
                    "Give an end date or a number of times so the series ends."
                )
            if self.repeat_count and self.repeat_count > recurrence.MAX_OCCURRENCES:
                errors["repeat_count"] = _(
                    "A series can have at most %(max)d dates."
                ) % {"max": recurrence.MAX_OCCURRENCES}
            if (
                self.repeat_until
                and self.start_date
                and self.repeat_until < self.start_date
            ):
                errors["repeat_until"] = _("The series cannot end before it starts.")
            if self.end_date and self.start_date and self.end_date > self.start_date:
                errors["end_date"] = _(
                    "A recurring meeting must start and end on the same day."
                )
            if not errors and self.start_date:
                starts = self.rule.starts(self.start, cap=1)
                if not starts or starts[0] != self.start:
                    errors["start_date"] = _(
                        "The start date must be one of the dates of the series, "
                        "e.g. a Tuesday for a meeting every Tuesday."
                    )
            if (
                not errors
                and self.repeat_until
                and not self.repeat_count
                and self.start_date
                and self.rule.count_dates(self.start) > recurrence.MAX_OCCURRENCES
            ):
                errors["repeat_until"] = _(
                    "The series would have more than %(max)d dates; choose an earlier end date."
                ) % {"max": recurrence.MAX_OCCURRENCES}
        else:
            for name in ("repeat_until", "repeat_count", "repeat_position"):
                if getattr(self, name):
                    errors[name] = _(
                        "Choose how often the meeting repeats, or leave this empty."
                    )
        return errors

    # --- Occurrences and iCal state --------------------------------------

    def get_calendar_id(self):
        """The id of the calendar (the parent page), or None before the page is saved."""
        if not self.path or not self.depth or self.depth <= 1:
            return None
        return (
            BasePage.objects.filter(path=self.path[: -self.steplen])
            .values_list("pk", flat=True)
            .first()
        )

    def compute_occurrences(self, calendar_id=None) -> list[EventOccurrence]:
        """The occurrence rows of this event (not saved)."""
        if calendar_id is None:
            calendar_id = self.get_calendar_id()
        duration = self.duration
        zone = recurrence.get_zone()
        exceptions = {
            exception.original_date: exception for exception in self.exceptions.all()
        }
        rows = []
        for start in self.series_starts():
            local_start = start.astimezone(zone)
            exception = exceptions.get(local_start.date()) if self.is_series else None
            status = self.status
            moved = False
            new_start = start
            if exception is not None:
                if exception.action == EventException.Action.CANCELLED:
                    status = EventStatus.CANCELLED
                else:
                    moved = True
                    new_start = recurrence.make_local(
                        exception.new_date or local_start.date(),
                        exception.new_start_time
                        or (
                            None
                            if self.all_day
                            else local_start.timetz().replace(tzinfo=None)
                        ),
                    )
            if (
                exception is not None
                and moved
                and exception.new_end_time
                and not self.all_day
            ):
                new_end = recurrence.make_local(
                    new_start.date(), exception.new_end_time
                )
                if new_end <= new_start:
                    new_end = new_start + duration
            else:
                naive_end = new_start.replace(tzinfo=None) + duration
                new_end = naive_end.replace(tzinfo=zone)
            rows.append(
                EventOccurrence(
                    event=self,
                    calendar_id=calendar_id,
                    start=new_start,
                    end=new_end,
                    original_start=start,
                    all_day=self.all_day,
                    kind=self.kind,
                    status=status,
                    is_moved=moved,
                    note=exception.note if exception is not None else "",
                )
            )
        return rows

    def ical_fingerprint(self) -> str:
        """A hash of everything the iCal output shows; it changes when they change."""
        data = {
            name: getattr(self, name)
            for name in (
                "title",
                "summary",
                "kind",
                "status",
                "start_date",
                "start_time",
                "end_date",
                "end_time",
                "repeat",
                "repeat_interval",
                "repeat_weekdays",
                "repeat_position",
                "repeat_until",
                "repeat_count",
                "venue",
                "room",
                "street_address",
                "postal_code",
                "town",
                "online_url",
                "url_path",
            )
        }
        data["exceptions"] = [
            (
                e.original_date,
                e.action,
                e.new_date,
                e.new_start_time,
                e.new_end_time,
                e.note,
            )
            for e in self.exceptions.all()
        ]
        encoded = json.dumps(data, sort_keys=True, default=str).encode()
        return hashlib.sha256(encoded).hexdigest()

    @transaction.atomic
    def rebuild_occurrences(self):
        """Replace the stored occurrences and iCal text with those of the live event."""
        from wagtail_samverkan.events.ical import stored_vevents

        cache.invalidate(AREA)
        EventOccurrence.objects.filter(event=self).delete()
        if not self.live:
            return []
        calendar = self.get_parent() if self.depth and self.depth > 1 else None
        rows = EventOccurrence.objects.bulk_create(
            self.compute_occurrences(calendar_id=calendar.pk if calendar else None)
        )
        fingerprint = self.ical_fingerprint()
        state, created = EventICalState.objects.get_or_create(
            event=self,
            defaults={
                "fingerprint": fingerprint,
                "sequence": 0,
                "modified": timezone.now(),
            },
        )
        if not created and state.fingerprint != fingerprint:
            state.fingerprint = fingerprint
            state.sequence += 1
            state.modified = timezone.now()
        if calendar is not None:
            state.vevents_key, state.vevents = stored_vevents(
                self, calendar, state=state
            )
        state.save(
            update_fields=[
                "fingerprint",
                "sequence",
                "modified",
                "vevents",
                "vevents_key",
            ]
        )
        self.__dict__["ical_state"] = state
        return rows

    @cached_property
    def ical_state(self):
        try:
            return self.ical_state_row
        except EventICalState.DoesNotExist:
            return None
