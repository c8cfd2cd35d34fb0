"""The events' blocks for host pages."""

from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from wagtail_samverkan.core.pages import site_q


def _kind_choices():
    from wagtail_samverkan.events.models import EventKind

    return [("", _("All kinds")), *EventKind.choices]


class NextEventsBlock(blocks.StructBlock):
    """The next meetings of the calendar, optionally only of one kind."""

    heading = blocks.CharBlock(
        label=_("Heading"), required=False, default=_("Upcoming meetings")
    )
    count = blocks.IntegerBlock(
        label=_("Number of meetings"), default=3, min_value=1, max_value=20
    )
    kind = blocks.ChoiceBlock(
        label=_("Kind of meeting"),
        choices=lazy(_kind_choices, list),
        required=False,
    )
    calendar = blocks.PageChooserBlock(
        label=_("Calendar"),
        page_type="wagtail_samverkan.EventIndexPage",
        required=False,
        help_text=_("Only meetings in this calendar. Leave empty for all calendars."),
    )

    class Meta:
        icon = "date"
        label = _("Next meetings")
        template = "wagtail_samverkan/blocks/next_events.html"

    def get_occurrences(self, value, now=None, request=None):
        from wagtail_samverkan.events.models import EventOccurrence

        calendar = value.get("calendar")
        occurrences = EventOccurrence.objects.visible(calendar).select_related("event")
        if calendar is None:
            # Every calendar of this site, not of the other sites.
            occurrences = occurrences.filter(site_q(request, "event__path"))
        if value.get("kind"):
            occurrences = occurrences.filter(kind=value["kind"])
        return list(
            occurrences.upcoming(now or timezone.now())[: value.get("count") or 3]
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context["occurrences"] = self.get_occurrences(value, request=request)
        calendar = value.get("calendar")
        context["calendar"] = calendar if calendar and calendar.live else None
        return context
