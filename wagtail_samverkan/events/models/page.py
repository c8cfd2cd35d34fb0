"""The page of one meeting or event, possibly a recurring series."""

from __future__ import annotations

import functools

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.search import index

from wagtail_samverkan.core import cache
from wagtail_samverkan.core.i18n import in_locale, synchronized
from wagtail_samverkan.core.pages import BasePage, SamverkanPageMixin
from wagtail_samverkan.events import recurrence
from wagtail_samverkan.events.caching import AREA
from wagtail_samverkan.events.forms import EventPageForm
from wagtail_samverkan.events.models.choices import (
    ALL_DATES_ROUTE,
    ICAL_EVENT_FILENAME,
    AttendanceMode,
    EventKind,
    EventStatus,
    WeekdaysField,
    ical_url,
)
from wagtail_samverkan.events.models.inlines import EventException
from wagtail_samverkan.events.models.occurrences import EventOccurrence
from wagtail_samverkan.events.models.schedule import EventScheduleMixin
from wagtail_samverkan.register.models import MunicipalBody, Organisation


class EventPage(EventScheduleMixin, SamverkanPageMixin, RoutablePageMixin, BasePage):
    """One meeting or event, possibly a recurring series."""

    samverkan_area = "events"

    summary = models.TextField(
        _("summary"),
        max_length=500,
        blank=True,
        help_text=_("One or two sentences shown in the calendar and in feeds."),
    )
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown on the page, and where the page is shared or found by search "
            "engines. Give the image a description: it is the image's text alternative."
        ),
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
        FieldPanel("image"),
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
        APIField("image"),
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
    # wagtail-localize: a street address and postal code are not translated.
    override_translatable_fields = synchronized("street_address", "postal_code")

    parent_page_types = ["wagtail_samverkan.EventIndexPage"]
    subpage_types = []
    template = "wagtail_samverkan/events/event_page.html"
    base_form_class = EventPageForm

    class Meta:
        verbose_name = _("meeting or event")
        verbose_name_plural = _("meetings and events")

    @path(ICAL_EVENT_FILENAME + "/", name="ical")
    def ical_view(self, request):
        from wagtail_samverkan.events.ical import event_response

        return event_response(self, request)

    @path(ALL_DATES_ROUTE, name="all_dates")
    def all_dates_view(self, request):
        """Every date of a series, past ones too: the event page lists only the next few."""
        if not self.is_series:
            raise Http404
        return self.render(
            request,
            template=self.all_dates_template,
            context_overrides=self.all_dates_context(request),
        )

    all_dates_template = "wagtail_samverkan/events/event_all_dates.html"

    def all_dates_context(self, request):
        """The series' dates, soonest first, each told whether it is past."""
        now = timezone.now()
        if getattr(request, "is_preview", False) or self.pk is None:
            occurrences = sorted(
                self.compute_occurrences(), key=lambda o: (o.start, o.original_start)
            )
        else:
            # At most MAX_OCCURRENCES rows: a series is bounded when saved.
            occurrences = list(
                EventOccurrence.objects.filter(event=self).order_by("start", "pk")
            )
        for occurrence in occurrences:
            occurrence.is_past = occurrence.end <= now
        return {
            "all_dates": occurrences,
            "past_count": sum(1 for o in occurrences if o.is_past),
        }

    def get_cached_paths(self):
        """What a front-end cache purges with the event: its iCal file and date list too."""
        return ["/", ICAL_EVENT_FILENAME, ALL_DATES_ROUTE]

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        # The list of every date is its own page of a series, with its own address.
        if self.is_series and urls:
            all_dates = dict(urls[0])
            all_dates["location"] = urls[0]["location"] + self.reverse_subpage(
                "all_dates"
            )
            urls.append(all_dates)
        return urls

    def get_alternate_links(self, request):
        if getattr(request, "is_preview", False):
            return []
        return [
            (
                "text/calendar",
                ical_url(self, request, ICAL_EVENT_FILENAME),
                _("Add to calendar"),
            )
        ]

    def get_context(self, request, *args, **kwargs):
        from wagtail_samverkan.events.structured_data import event_json_ld

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
        # The series' dates are counted from its rule, without a query; the
        # stored rows are the same dates, moved or cancelled ones included.
        context["all_dates_count"] = (
            len(self.series_starts()) if self.is_series else len(next_dates)
        )
        context["all_dates_url"] = (
            self.get_url(request) + self.reverse_subpage("all_dates")
            if self.is_series
            and self.pk is not None
            and context["all_dates_count"] > len(next_dates)
            and self.get_url(request)
            else ""
        )
        context["first_occurrence"] = next_dates[0] if next_dates else None
        # Every date has ended. Part of the fragment keys below, so a cached
        # body stops offering the meeting as coming the moment it ends.
        context["is_over"] = bool(
            not next_dates and self.start_date is not None and self.end <= now
        )
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
        key_parts = [
            self.pk,
            [o.pk for o in next_dates],
            context["ical_url"],
            context["all_dates_url"],
            context["is_over"],
        ]
        if self.pk is None:
            context["page_cache_key"] = context["json_ld_cache_key"] = ""
        else:
            context["page_cache_key"] = cache.fragment_key(
                request, "event-page", *key_parts, areas=(AREA,)
            )
            context["json_ld_cache_key"] = cache.fragment_key(
                request, "event-json-ld", *key_parts, areas=(AREA,)
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
        # In the event's own language where the linked page is translated.
        return in_locale(
            [link.link_page for link in links if link.link_page_id in public],
            self.locale_id,
        )

    def cancelled_exceptions(self):
        """The cancelled dates of the series."""
        return [
            exception
            for exception in self.exceptions.all()
            if exception.action == EventException.Action.CANCELLED
        ]

    #: How many of the next dates of a series the event page lists.
    NEXT_DATES = 5

    # --- Place, accessibility and organiser ------------------------------

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

    # --- Validation ------------------------------------------------------

    def clean(self):
        super().clean()
        errors = self.schedule_errors()
        if self.organiser_organisation_id and self.organiser_body_id:
            errors["organiser_body"] = _(
                "Choose an organisation or a municipal body, not both."
            )
        if errors:
            raise ValidationError(errors)
