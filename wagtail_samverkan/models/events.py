"""Meetings and events: the calendar, event pages and their occurrences.

Each published event's dates are stored in :class:`EventOccurrence`, rebuilt
whenever the event is published, unpublished or deleted, so that listing a
month or "the next 20" is one indexed query however many series exist.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, PageViewRestriction
from wagtail.search import index

from .. import cache, recurrence
from ..compat import PAGE_MODEL
from ..conf import samverkan_settings
from .base import BasePage, SamverkanPageMixin, file_route_url
from .register import MunicipalBody, Organisation

#: The iCal files are routes of the pages, reached at ``<calendar url>calendar.ics``
#: and ``<event url>event.ics`` through ``wagtail_samverkan.urls``.
ICAL_CALENDAR_FILENAME = "calendar.ics"
ICAL_EVENT_FILENAME = "event.ics"
ical_url = file_route_url


class EventKind(models.TextChoices):
    DIALOGUE_MEETING = "dialogue_meeting", _("Dialogue meeting")
    JOINT_COUNCIL = "joint_council", _("Joint council")
    GENERAL_MEETING = "general_meeting", _("General meeting")
    INFORMATION_MEETING = "information_meeting", _("Information meeting")
    WORKSHOP = "workshop", _("Workshop or training")
    OTHER = "other", _("Other")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")
    MOVED_ONLINE = "moved_online", _("Moved online")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    MIXED = "mixed", _("In person and online")


class WeekdaysField(models.JSONField):
    """A list of weekday codes ("MO", "TU"…) edited as checkboxes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=recurrence.WEEKDAY_CHOICES,
            widget=forms.CheckboxSelectMultiple,
            required=False,
            label=self.verbose_name,
            help_text=self.help_text,
        )


class EventPageForm(WagtailAdminPageForm):
    """Checks that every cancelled or moved date belongs to the series."""

    def is_valid(self):
        valid = super().is_valid()
        page = self.instance
        formset = self.formsets.get("exceptions") if hasattr(self, "formsets") else None
        if not valid or formset is None or not page.is_series:
            return valid
        dates = {start.date() for start in page.series_starts()}
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not data.get("original_date"):
                continue
            if data["original_date"] not in dates:
                form.add_error(
                    "original_date",
                    _("This date is not one of the dates of the series."),
                )
                valid = False
        return valid


class EventIndexPage(SamverkanPageMixin, RoutablePageMixin, BasePage):
    """The calendar: upcoming meetings, an archive and a subscribable iCal feed."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("A few sentences shown above the list of meetings."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    subpage_types = ["wagtail_samverkan.EventPage"]
    template = "wagtail_samverkan/events/event_index_page.html"

    class Meta:
        verbose_name = _("calendar")
        verbose_name_plural = _("calendars")

    @path("")
    def upcoming_view(self, request):
        return self.render(request, context_overrides=self.calendar_context(request))

    @path(ICAL_CALENDAR_FILENAME + "/", name="ical")
    def ical_view(self, request):
        from ..ical import calendar_response

        return calendar_response(self, request)

    @path("archive/", name="archive")
    def archive_view(self, request):
        return self.render(
            request, context_overrides=self.calendar_context(request, archive=True)
        )

    def calendar_context(self, request, *, archive=False, now=None):
        """The filtered, paginated occurrences and the filter form's values."""
        now = now or timezone.now()
        kind = request.GET.get("kind", "")
        if kind not in EventKind.values:
            kind = ""
        month = parse_month(request.GET.get("month", ""))
        occurrences = EventOccurrence.objects.visible(self).select_related("event")
        if kind:
            occurrences = occurrences.filter(kind=kind)
        if month:
            first = recurrence.make_local(month, None)
            following = recurrence.make_local(next_month(month), None)
            occurrences = occurrences.filter(start__lt=following, end__gt=first)
        if archive:
            occurrences = counted = occurrences.past(now)
        else:
            # Counted without the ordering bound of upcoming(): an index-only count.
            counted = occurrences.filter(end__gt=now)
            occurrences = occurrences.upcoming(now)
        paginator = CountingPaginator(
            occurrences, samverkan_settings.PAGE_SIZE, counted=counted
        )
        page_number = request.GET.get("page", "1")
        try:
            page_number = max(int(page_number), 1)
        except (TypeError, ValueError):
            page_number = 1
        page = paginator.get_page(page_number)
        months = []
        for occurrence in page.object_list:
            key = occurrence.local_start.date().replace(day=1)
            if not months or months[-1][0] != key:
                months.append((key, []))
            months[-1][1].append(occurrence)
        list_cache_key = cache.fragment_key(
            request,
            "calendar-list",
            [o.pk for o in page.object_list],
            areas=(cache.EVENTS,),
        )
        query = {"kind": kind} if kind else {}
        if month:
            query["month"] = month.strftime("%Y-%m")
        return {
            "archive": archive,
            "occurrence_page": page,
            "months": months,
            "list_cache_key": list_cache_key,
            "kinds": EventKind.choices,
            "selected_kind": kind,
            "selected_month": month.strftime("%Y-%m") if month else "",
            "month_choices": month_choices(now, archive=archive, selected=month),
            "filter_query": urlencode(query),
            "ical_url": ical_url(self, request, ICAL_CALENDAR_FILENAME),
            "archive_url": self.get_url(request) + self.reverse_subpage("archive"),
            "calendar_url": self.get_url(request),
        }


class CountingPaginator(Paginator):
    """A paginator that counts ``counted``, an equivalent but cheaper queryset."""

    def __init__(self, object_list, per_page, *, counted, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.counted = counted

    @cached_property
    def count(self):
        return self.counted.count()


def parse_month(value):
    """A ``YYYY-MM`` string as the first day of the month, or None."""
    try:
        year, month = (int(part) for part in str(value).split("-"))
        if 1900 <= year <= 2200:
            return datetime.date(year, month, 1)
    except (TypeError, ValueError):
        pass
    return None


def next_month(day):
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def month_choices(now, *, archive=False, count=12, selected=None):
    """The months offered in the filter: the next (or last) twelve, and the chosen one."""
    current = timezone.localtime(now, recurrence.get_zone()).date().replace(day=1)
    months = []
    for _i in range(count):
        months.append((current.strftime("%Y-%m"), current))
        if archive:
            current = (current - datetime.timedelta(days=1)).replace(day=1)
        else:
            current = next_month(current)
    if selected and selected not in [day for _value, day in months]:
        months.append((selected.strftime("%Y-%m"), selected))
        months.sort(key=lambda item: item[1], reverse=archive)
    return months


class EventPage(SamverkanPageMixin, RoutablePageMixin, BasePage):
    """One meeting or event, possibly a recurring series."""

    summary = models.TextField(
        _("summary"),
        max_length=500,
        blank=True,
        help_text=_("One or two sentences shown in the calendar and in feeds."),
    )
    body = StreamField(
        [
            ("heading", blocks.CharBlock(label=_("Heading"), form_classname="title")),
            (
                "paragraph",
                blocks.RichTextBlock(
                    label=_("Paragraph"),
                    features=["bold", "italic", "link", "ol", "ul"],
                ),
            ),
        ],
        verbose_name=_("body"),
        blank=True,
    )
    kind = models.CharField(
        _("kind of meeting"),
        max_length=32,
        choices=EventKind.choices,
        default=EventKind.DIALOGUE_MEETING,
    )
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        help_text=_(
            "Set to cancelled or postponed instead of deleting the page, so that "
            "people who saved the date are told."
        ),
    )

    # When: dates and wall-clock times in the package's time zone.
    start_date = models.DateField(_("start date"))
    start_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        help_text=_("Leave empty for an all-day event."),
    )
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_(
            "For an event over several days. Leave empty if it ends the same day."
        ),
    )
    end_time = models.TimeField(_("end time"), null=True, blank=True)

    # Recurrence.
    repeat = models.CharField(
        _("repeats"), max_length=16, choices=recurrence.FREQUENCY_CHOICES, blank=True
    )
    repeat_interval = models.PositiveSmallIntegerField(
        _("every"),
        default=1,
        help_text=_(
            "1 = every week or month, 2 = every second week or month, and so on."
        ),
    )
    repeat_weekdays = WeekdaysField(_("on these days"))
    repeat_position = models.SmallIntegerField(
        _("which one in the month"),
        choices=recurrence.POSITION_CHOICES,
        null=True,
        blank=True,
        help_text=_("For monthly meetings, e.g. the second Tuesday of the month."),
    )
    repeat_until = models.DateField(_("repeats until"), null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(
        _("number of times"),
        null=True,
        blank=True,
        help_text=_("Give either an end date or a number of times (at most 260)."),
    )

    # Where.
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    room = models.CharField(_("room"), max_length=255, blank=True)
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=16, blank=True)
    town = models.CharField(_("town"), max_length=128, blank=True)
    online_url = models.URLField(
        _("online meeting link"),
        blank=True,
        help_text=_(
            "Link to the online meeting. With an address too, the meeting is hybrid."
        ),
    )

    # Accessibility.
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    interpretation_on_request = models.BooleanField(
        _("sign-language or other interpretation on request"), default=False
    )
    easy_to_read_material = models.BooleanField(
        _("easy-to-read material"), default=False
    )
    accessibility_notes = models.TextField(
        _("more about accessibility"),
        blank=True,
        help_text=_(
            "E.g. the nearest accessible parking or how to ask for interpretation."
        ),
    )

    # Registration.
    registration_required = models.BooleanField(
        _("registration required"), default=False
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    registration_email = models.EmailField(_("registration e-mail"), blank=True)
    registration_deadline = models.DateField(
        _("last day to register"), null=True, blank=True
    )
    capacity_note = models.CharField(
        _("places"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Room for 40 people”."),
    )

    # Organiser.
    organiser_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organising organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organiser_body = models.ForeignKey(
        MunicipalBody,
        verbose_name=_("organising municipal body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("kind"),
        FieldPanel("status"),
        FieldPanel("body"),
        InlinePanel(
            "related_links",
            label=_("Links to the agreement and IOPs"),
            heading=_("Related pages"),
        ),
    ]
    time_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
            ],
            heading=_("Date and time"),
            help_text=_("Times are local time in the municipality."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("repeat"),
                FieldPanel("repeat_interval"),
                FieldPanel("repeat_weekdays"),
                FieldPanel("repeat_position"),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
            ],
            heading=_("Recurring meeting"),
        ),
        InlinePanel(
            "exceptions",
            label=_("Cancelled or moved date"),
            heading=_("Cancelled or moved dates in the series"),
        ),
    ]
    place_panels = [
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("room"),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("town")]),
                FieldPanel("online_url"),
            ],
            heading=_("Place"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("step_free_access"),
                FieldPanel("hearing_loop"),
                FieldPanel("interpretation_on_request"),
                FieldPanel("easy_to_read_material"),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Accessibility"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_required"),
                FieldPanel("registration_url"),
                FieldPanel("registration_email"),
                FieldPanel("registration_deadline"),
                FieldPanel("capacity_note"),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [FieldPanel("organiser_organisation"), FieldPanel("organiser_body")],
            heading=_("Organiser"),
            help_text=_("Choose an organisation or a municipal body, not both."),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(time_panels, heading=_("Time")),
            ObjectList(place_panels, heading=_("Place and registration")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue"),
        index.SearchField("town"),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.FilterField("start_date"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("kind"),
        APIField("status"),
        APIField("start_date"),
        APIField("start_time"),
        APIField("end_date"),
        APIField("end_time"),
        APIField("repeat"),
        APIField("repeat_interval"),
        APIField("repeat_weekdays"),
        APIField("repeat_position"),
        APIField("repeat_until"),
        APIField("repeat_count"),
        APIField("venue"),
        APIField("room"),
        APIField("street_address"),
        APIField("postal_code"),
        APIField("town"),
        APIField("online_url"),
        APIField("attendance_mode"),
        APIField("step_free_access"),
        APIField("hearing_loop"),
        APIField("interpretation_on_request"),
        APIField("easy_to_read_material"),
        APIField("accessibility_notes"),
        APIField("registration_required"),
        APIField("registration_url"),
        APIField("registration_deadline"),
        APIField("capacity_note"),
        APIField("body"),
    ]
    parent_page_types = ["wagtail_samverkan.EventIndexPage"]
    subpage_types = []
    template = "wagtail_samverkan/events/event_page.html"
    base_form_class = EventPageForm

    class Meta:
        verbose_name = _("meeting or event")
        verbose_name_plural = _("meetings and events")

    @path(ICAL_EVENT_FILENAME + "/", name="ical")
    def ical_view(self, request):
        from ..ical import event_response

        return event_response(self, request)

    def get_context(self, request, *args, **kwargs):
        from ..structured_data import event_json_ld

        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        if getattr(request, "is_preview", False) or self.pk is None:
            # A preview shows the edited, unpublished dates.
            upcoming = [o for o in self.compute_occurrences() if o.end > now]
            next_dates = sorted(upcoming, key=lambda o: o.start)[: self.NEXT_DATES]
        else:
            next_dates = list(
                EventOccurrence.objects.filter(event=self).upcoming(now, bounded=False)[
                    : self.NEXT_DATES
                ]
            )
        context["next_dates"] = next_dates
        context["first_occurrence"] = next_dates[0] if next_dates else None
        # Read only when the page's fragment is not in the cache.
        context["related_links"] = SimpleLazyObject(self.live_related_pages)
        context["cancelled_dates"] = SimpleLazyObject(self.cancelled_exceptions)
        context["json_ld"] = SimpleLazyObject(
            functools.partial(event_json_ld, self, request, next_dates=next_dates)
        )
        if getattr(request, "is_preview", False):
            context["ical_url"] = ""  # The file only exists once published.
        else:
            context["ical_url"] = ical_url(self, request, ICAL_EVENT_FILENAME)
        key_parts = [self.pk, [o.pk for o in next_dates], context["ical_url"]]
        if self.pk is None:
            context["page_cache_key"] = context["json_ld_cache_key"] = ""
        else:
            context["page_cache_key"] = cache.fragment_key(
                request, "event-page", *key_parts, areas=(cache.EVENTS,)
            )
            context["json_ld_cache_key"] = cache.fragment_key(
                request, "event-json-ld", *key_parts, areas=(cache.EVENTS,)
            )
        return context

    def live_related_pages(self):
        """The live, public pages this event links to (the agreement, IOPs…).

        A private page is left out: its title must not show on a public page.
        """
        links = [
            link
            for link in self.related_links.select_related("link_page")
            if link.link_page is not None and link.link_page.live
        ]
        if not links:
            return []
        public = set(
            BasePage.objects.filter(pk__in=[link.link_page_id for link in links])
            .public()
            .values_list("pk", flat=True)
        )
        return [link.link_page for link in links if link.link_page_id in public]

    def cancelled_exceptions(self):
        """The cancelled dates of the series."""
        return [
            exception
            for exception in self.exceptions.all()
            if exception.action == EventException.Action.CANCELLED
        ]

    #: How many of the next dates of a series the event page lists.
    NEXT_DATES = 5

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

    @property
    def has_address(self) -> bool:
        return bool(self.venue or self.street_address or self.town)

    @property
    def attendance_mode(self) -> str:
        if self.status == EventStatus.MOVED_ONLINE:
            return AttendanceMode.ONLINE
        if self.online_url and self.has_address:
            return AttendanceMode.MIXED
        if self.online_url:
            return AttendanceMode.ONLINE
        return AttendanceMode.IN_PERSON

    def get_attendance_mode_display(self):
        return AttendanceMode(self.attendance_mode).label

    @property
    def is_online_only(self) -> bool:
        return self.attendance_mode == AttendanceMode.ONLINE

    @property
    def organiser(self):
        return self.organiser_organisation or self.organiser_body

    @property
    def has_accessibility_info(self) -> bool:
        return any(
            [
                self.step_free_access,
                self.hearing_loop,
                self.interpretation_on_request,
                self.easy_to_read_material,
                self.accessibility_notes,
            ]
        )

    def series_starts(self) -> list[datetime.datetime]:
        """Every planned start of the event, before exceptions are applied."""
        rule = self.rule
        if rule is None:
            return [self.start]
        return rule.starts(self.start)

    # --- Validation ------------------------------------------------------

    def clean(self):
        super().clean()
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
        if self.organiser_organisation_id and self.organiser_body_id:
            errors["organiser_body"] = _(
                "Choose an organisation or a municipal body, not both."
            )
        if errors:
            raise ValidationError(errors)

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
        """Replace the stored occurrences with those of the live event."""
        cache.invalidate(cache.EVENTS)
        EventOccurrence.objects.filter(event=self).delete()
        if not self.live:
            return []
        rows = EventOccurrence.objects.bulk_create(self.compute_occurrences())
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
            state.save(update_fields=["fingerprint", "sequence", "modified"])
        return rows

    @cached_property
    def ical_state(self):
        try:
            return self.ical_state_row
        except EventICalState.DoesNotExist:
            return None


class EventException(Orderable):
    """One date of a series that is cancelled or moved."""

    class Action(models.TextChoices):
        CANCELLED = "cancelled", _("Cancelled")
        MOVED = "moved", _("Moved")

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="exceptions")
    original_date = models.DateField(
        _("date in the series"), help_text=_("The date that is cancelled or moved.")
    )
    action = models.CharField(
        _("what happens"),
        max_length=16,
        choices=Action.choices,
        default=Action.CANCELLED,
    )
    new_date = models.DateField(_("new date"), null=True, blank=True)
    new_start_time = models.TimeField(_("new start time"), null=True, blank=True)
    new_end_time = models.TimeField(_("new end time"), null=True, blank=True)
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Moved because of the holidays”."),
    )

    panels = [
        FieldPanel("original_date"),
        FieldPanel("action"),
        FieldRowPanel(
            [
                FieldPanel("new_date"),
                FieldPanel("new_start_time"),
                FieldPanel("new_end_time"),
            ]
        ),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("cancelled or moved date")
        verbose_name_plural = _("cancelled or moved dates")

    def __str__(self):
        return f"{self.original_date} ({self.get_action_display()})"

    def clean(self):
        super().clean()
        if self.action == self.Action.MOVED and not (
            self.new_date or self.new_start_time or self.new_end_time
        ):
            raise ValidationError({"new_date": _("Give the new date or time.")})


class EventRelatedLink(Orderable):
    """A link from an event to a related page, e.g. the agreement or an IOP."""

    page = ParentalKey(
        EventPage, on_delete=models.CASCADE, related_name="related_links"
    )
    link_page = models.ForeignKey(
        PAGE_MODEL,
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The agreement, an IOP or any other page the meeting is about."),
    )

    panels = [PageChooserPanel("link_page")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")


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
        EventPage, on_delete=models.CASCADE, related_name="occurrences"
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
    the sequence.
    """

    event = models.OneToOneField(
        EventPage, on_delete=models.CASCADE, related_name="ical_state_row"
    )
    sequence = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64)
    modified = models.DateTimeField()

    class Meta:
        verbose_name = _("calendar sync state")
        verbose_name_plural = _("calendar sync states")

    def __str__(self):
        return f"{self.event_id}: {self.sequence}"
