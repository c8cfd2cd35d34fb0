"""What an editor adds inline to an event: cancelled or moved dates and related pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel

from wagtail_samverkan.core.compat import PAGE_MODEL
from wagtail_samverkan.core.inlines import InlineRow

EVENT_PAGE = "wagtail_samverkan.EventPage"


class EventException(InlineRow):
    """One date of a series that is cancelled or moved."""

    class Action(models.TextChoices):
        CANCELLED = "cancelled", _("Cancelled")
        MOVED = "moved", _("Moved")

    page = ParentalKey(EVENT_PAGE, on_delete=models.CASCADE, related_name="exceptions")
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

    class Meta(InlineRow.Meta):
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


class EventRelatedLink(InlineRow):
    """A link from an event to a related page, e.g. the agreement or an IOP."""

    page = ParentalKey(
        EVENT_PAGE, on_delete=models.CASCADE, related_name="related_links"
    )
    link_page = models.ForeignKey(
        PAGE_MODEL,
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The agreement, an IOP or any other page the meeting is about."),
    )

    panels = [PageChooserPanel("link_page")]

    class Meta(InlineRow.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")
