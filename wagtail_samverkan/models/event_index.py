"""The calendar page: upcoming meetings, an archive and a subscribable iCal feed."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.http import HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from .. import cache, recurrence
from ..conf import samverkan_settings
from ..pagination import CountingPaginator
from .base import BasePage, SamverkanPageMixin, SingleChildTypeRoutingMixin
from .event_choices import ICAL_CALENDAR_FILENAME, EventKind, ical_url
from .event_occurrences import EventOccurrence


class EventIndexPage(
    SamverkanPageMixin, RoutablePageMixin, SingleChildTypeRoutingMixin, BasePage
):
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

    @path("arkiv/", name="archive")
    def archive_view(self, request):
        return self.render(
            request, context_overrides=self.calendar_context(request, archive=True)
        )

    @path("archive/", name="archive_redirect")
    def archive_redirect_view(self, request):
        """The archive's former English address, kept for links and bookmarks."""
        url = self.get_url(request) + self.reverse_subpage("archive")
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

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
