"""The stored dates of published events and their iCal sync state.

Each published event's dates are stored in :class:`EventOccurrence`, rebuilt
whenever the event is published, unpublished or deleted, so that listing a
month or "the next 20" is one indexed query however many series exist.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import PageViewRestriction

from wagtail_samverkan.core.compat import PAGE_MODEL
from wagtail_samverkan.events import recurrence
from wagtail_samverkan.events.models.choices import EventKind, EventStatus

EVENT_PAGE = "wagtail_samverkan.EventPage"


class EventOccurrenceQuerySet(models.QuerySet):
    def visible(self, calendar=None):
        """Occurrences of live, public events (under ``calendar`` if given).

        Rows exist only for live events (they are removed when an event is
        unpublished or deleted). View restrictions are checked at query time,
        so a restriction added later takes effect at once; restrictions are
        few, so they are read first and the occurrences are then filtered by
        their own indexed columns, without a subquery over every event page.
        """
        restricted = list(
            PageViewRestriction.objects.order_by()
            .values_list("page__path", flat=True)
            .distinct()
        )
        occurrences = self
        if calendar is not None:
            if any(calendar.path.startswith(path) for path in restricted):
                return self.none()
            occurrences = occurrences.filter(calendar_id=calendar.pk)
            restricted = [path for path in restricted if path.startswith(calendar.path)]
        if restricted:
            hidden = models.Q()
            for path in restricted:
                hidden |= models.Q(event__path__startswith=path)
            occurrences = occurrences.exclude(hidden)
        return occurrences

    def upcoming(self, now=None, *, bounded=True):
        """Occurrences that have not ended, soonest first.

        Besides ``end > now``, the start is bounded below by the earliest start
        of those occurrences (a subquery on an index), so the database reads the
        start index in order from there instead of sorting every future date.
        ``bounded=False`` leaves the bound out, for the few dates of one event.
        """
        now = now or timezone.now()
        remaining = self.filter(end__gt=now)
        if not bounded:
            return remaining.order_by("start", "pk")
        first_start = (
            remaining.order_by()
            .annotate(group=models.Value(1, output_field=models.IntegerField()))
            .values("group")
            .annotate(first=models.Min("start"))
            .values("first")
        )
        return remaining.filter(start__gte=models.Subquery(first_start)).order_by(
            "start", "pk"
        )

    def past(self, now=None):
        now = now or timezone.now()
        # An occurrence that has ended has started too: the second condition
        # lets the database read the start index backwards from now.
        return self.filter(end__lte=now, start__lte=now).order_by("-start", "-pk")


class EventOccurrence(models.Model):
    """One date of a published event; rebuilt on publish, never edited by hand."""

    event = models.ForeignKey(
        EVENT_PAGE, on_delete=models.CASCADE, related_name="occurrences"
    )
    calendar = models.ForeignKey(
        PAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        help_text="The event's calendar (its parent page), so that a calendar's "
        "dates are one indexed range.",
    )
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField(db_index=True)
    original_start = models.DateTimeField(
        help_text="Start of the date in the series before it was moved (iCal RECURRENCE-ID)."
    )
    all_day = models.BooleanField(default=False)
    kind = models.CharField(max_length=32, choices=EventKind.choices, db_index=True)
    status = models.CharField(max_length=32, choices=EventStatus.choices)
    is_moved = models.BooleanField(default=False)
    note = models.CharField(max_length=255, blank=True)

    objects = EventOccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["kind", "start"], name="samverkan_occ_kind_start"),
            models.Index(fields=["calendar", "start"], name="samverkan_occ_cal_start"),
            models.Index(
                fields=["calendar", "end", "start"], name="samverkan_occ_cal_end"
            ),
            models.Index(
                fields=["calendar", "kind", "start"], name="samverkan_occ_cal_kind"
            ),
        ]

    def __str__(self):
        return f"{self.event_id} {self.start.isoformat()}"

    @property
    def local_start(self):
        return timezone.localtime(self.start, recurrence.get_zone())

    @property
    def local_original_start(self):
        """Where a moved date stood in the series."""
        return timezone.localtime(self.original_start, recurrence.get_zone())

    @property
    def local_end(self):
        return timezone.localtime(self.end, recurrence.get_zone())

    @property
    def last_day(self):
        """The last day of the occurrence (all-day ends are exclusive)."""
        end = self.local_end
        if self.all_day:
            return (end - datetime.timedelta(days=1)).date()
        return end.date()

    @property
    def is_multi_day(self):
        return self.last_day > self.local_start.date()

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    def get_status_display_if_notable(self):
        if self.status == EventStatus.SCHEDULED:
            return ""
        return self.get_status_display()


class EventICalState(models.Model):
    """What iCal clients need to see changes: SEQUENCE and LAST-MODIFIED.

    Kept outside the page so that publishing an older revision never lowers
    the sequence. Also holds the event's VEVENTs as text, so that a feed of
    thousands of events is joined rather than built.
    """

    event = models.OneToOneField(
        EVENT_PAGE, on_delete=models.CASCADE, related_name="ical_state_row"
    )
    sequence = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64)
    modified = models.DateTimeField()
    vevents = models.TextField(
        blank=True,
        default="",
        help_text="The event's VEVENTs as iCal text, made on publish for the feeds.",
    )
    vevents_key = models.CharField(
        max_length=64,
        blank=True,
        default="",
        help_text="What the stored VEVENTs were made for (language, domain, address).",
    )

    class Meta:
        verbose_name = _("calendar sync state")
        verbose_name_plural = _("calendar sync states")

    def __str__(self):
        return f"{self.event_id}: {self.sequence}"
