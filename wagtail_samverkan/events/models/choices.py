"""Choices, constants and fields shared by the event models."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail_samverkan.core.routing import file_route_url
from wagtail_samverkan.events import recurrence

#: The iCal files are routes of the pages, reached at ``<calendar url>calendar.ics``
#: and ``<event url>event.ics`` through ``wagtail_samverkan.urls``.
ICAL_CALENDAR_FILENAME = "calendar.ics"
ICAL_EVENT_FILENAME = "event.ics"
#: The route of an event series that lists every one of its dates.
ALL_DATES_ROUTE = "alla-datum/"
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
