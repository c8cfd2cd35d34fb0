"""The calendar page: upcoming meetings, an archive and a subscribable iCal feed."""

from __future__ import annotations

import datetime
import functools
import math
from urllib.parse import urlencode

from django.core.paginator import Page
from django.db import models
from django.db.models.functions import TruncMonth
from django.http import HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from wagtail_samverkan.core import cache
from wagtail_samverkan.core.conf import samverkan_settings
from wagtail_samverkan.core.pages import (
    BasePage,
    SamverkanPageMixin,
    SingleChildTypeRoutingMixin,
)
from wagtail_samverkan.core.pagination import CountingPaginator, refuse_past_the_end
from wagtail_samverkan.events import recurrence
from wagtail_samverkan.events.caching import AREA
from wagtail_samverkan.events.models.choices import (
    ICAL_CALENDAR_FILENAME,
    EventKind,
    ical_url,
)
from wagtail_samverkan.events.models.occurrences import EventOccurrence


class EventIndexPage(
    SamverkanPageMixin, RoutablePageMixin, SingleChildTypeRoutingMixin, BasePage
):
    """The calendar: upcoming meetings, an archive and a subscribable iCal feed."""

    samverkan_area = "events"
    in_data_catalogue = True

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
        from wagtail_samverkan.events.ical import calendar_response

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

    def get_cached_paths(self):
        """What a front-end cache purges with the calendar: its archive and feed too."""
        return ["/", ICAL_CALENDAR_FILENAME, "arkiv/"]

    def get_alternate_links(self, request):
        return [
            (
                "text/calendar",
                ical_url(self, request, ICAL_CALENDAR_FILENAME),
                _("Subscribe to the calendar (iCal)"),
            )
        ]

    def calendar_context(self, request, *, archive=False, now=None):
        """The filtered, paginated occurrences and the filter form's values.

        Which occurrences a page of the calendar lists, and how many there
        are, is cached with the events' generation and kept until the first
        of the listed occurrences ends (the moment the list changes by
        itself); the occurrences themselves are only loaded when the list is
        rendered rather than read from the cache.
        """
        now = now or timezone.now()
        kind = request.GET.get("kind", "")
        if kind not in EventKind.values:
            kind = ""
        month = parse_month(request.GET.get("month", ""))
        page_number = request.GET.get("page", "1")
        try:
            page_number = max(int(page_number), 1)
        except (TypeError, ValueError):
            page_number = 1
        state_key = cache.fragment_key(
            request,
            "calendar-state",
            self.pk,
            kind,
            month,
            archive,
            page_number,
            samverkan_settings.PAGE_SIZE,
            areas=(AREA,),
        )
        state = cache.get(state_key) if state_key else None
        if state is None or (
            state["valid_until"] is not None and state["valid_until"] <= now
        ):
            state = self.listing_state(kind, month, archive, page_number, now)
            # A number past the last page is not stored under every number a
            # visitor might type; it is refused below.
            if state_key and state["number"] == page_number:
                seconds = None
                if state["valid_until"] is not None:
                    seconds = math.ceil((state["valid_until"] - now).total_seconds())
                cache.set(state_key, state, seconds)
        ordering = ("-start", "-pk") if archive else ("start", "pk")
        occurrences = (
            EventOccurrence.objects.filter(pk__in=state["pks"])
            .select_related("event")
            .order_by(*ordering)
        )
        paginator = CountingPaginator(
            EventOccurrence.objects.none(),
            samverkan_settings.PAGE_SIZE,
            counted=state["count"],
        )
        refuse_past_the_end(page_number, paginator)
        page = Page(occurrences, state["number"], paginator)
        list_cache_key = cache.fragment_key(
            request, "calendar-list", state["pks"], areas=(AREA,)
        )
        query = {"kind": kind} if kind else {}
        if month:
            query["month"] = month.strftime("%Y-%m")
        return {
            "archive": archive,
            "occurrence_page": page,
            "has_occurrences": bool(state["pks"]),
            # Called by the template only when the list is not in the cache.
            "months": functools.cache(lambda: group_by_month(page.object_list)),
            "list_cache_key": list_cache_key,
            "kinds": EventKind.choices,
            "selected_kind": kind,
            "selected_month": month.strftime("%Y-%m") if month else "",
            "month_choices": month_choices(
                now, archive=archive, selected=month, available=state["months"]
            ),
            "result_count": state["count"],
            "submitted": bool(kind or month),
            "filter_query": urlencode(query),
            "ical_url": ical_url(self, request, ICAL_CALENDAR_FILENAME),
            "archive_url": self.get_url(request) + self.reverse_subpage("archive"),
            "calendar_url": self.get_url(request),
        }

    def listing_state(self, kind, month, archive, page_number, now):
        """What one page of the calendar lists, as plain values for the cache.

        ``count`` and ``pks`` (the page's occurrences, in order), the page's
        ``number`` and ``valid_until``: when the first occurrence that could
        leave the list (or, in the archive, join it) ends; None if none will.
        """
        visible = EventOccurrence.objects.visible(self)
        if kind:
            visible = visible.filter(kind=kind)
        months = months_with_meetings(visible, now, archive=archive)
        if month:
            first = recurrence.make_local(month, None)
            following = recurrence.make_local(next_month(month), None)
            visible = visible.filter(start__lt=following, end__gt=first)
        # Upcoming: counted without the ordering bound of upcoming(), an
        # index-only count, with the first end in the same query.
        remaining = (
            visible.filter(end__gt=now)
            .order_by()
            .aggregate(count=models.Count("pk"), first_end=models.Min("end"))
        )
        if archive:
            occurrences = visible.past(now)
            count = occurrences.order_by().count()
        else:
            occurrences = visible.upcoming(now)
            count = remaining["count"]
        paginator = CountingPaginator(
            occurrences, samverkan_settings.PAGE_SIZE, counted=count
        )
        page = paginator.get_page(page_number)
        return {
            "count": count,
            "number": page.number,
            "pks": list(page.object_list.values_list("pk", flat=True)),
            # The months offered move on at the start of each month.
            "valid_until": min(
                day
                for day in (remaining["first_end"], month_turn(now))
                if day is not None
            ),
            "months": months,
        }


def group_by_month(occurrences):
    """``[(first day of the month, [occurrences])]`` in the order given."""
    months = []
    for occurrence in occurrences:
        key = occurrence.local_start.date().replace(day=1)
        if not months or months[-1][0] != key:
            months.append((key, []))
        months[-1][1].append(occurrence)
    return months


def parse_month(value):
    """A ``YYYY-MM`` string as the first day of the month, or None."""
    try:
        year, month = (int(part) for part in str(value).split("-"))
    except (TypeError, ValueError):
        return None
    # Checked before the date is made: a huge number would overflow it.
    if 1900 <= year <= 2200 and 1 <= month <= 12:
        return datetime.date(year, month, 1)
    return None


def next_month(day):
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def month_turn(now):
    """The start of the next month in the package's time zone."""
    today = timezone.localtime(now, recurrence.get_zone()).date()
    return recurrence.make_local(next_month(today.replace(day=1)), None)


def month_window(now, *, archive=False, count=12):
    """The first day of the first month offered and of the month after the last."""
    current = timezone.localtime(now, recurrence.get_zone()).date().replace(day=1)
    if archive:
        first = current
        for _i in range(count - 1):
            first = (first - datetime.timedelta(days=1)).replace(day=1)
        return first, next_month(current)
    last = current
    for _i in range(count):
        last = next_month(last)
    return current, last


def months_with_meetings(visible, now, *, archive=False, count=12):
    """The months (``YYYY-MM``) of the filter's window in which a meeting of
    ``visible`` starts (or, in the list of upcoming meetings, goes on): at
    most ``count`` rows from one query."""
    first, following = month_window(now, archive=archive, count=count)
    start = recurrence.make_local(first, None)
    end = recurrence.make_local(following, None)
    if archive:
        rows = visible.filter(end__lte=now, start__gte=start, start__lt=end)
    else:
        rows = visible.filter(end__gt=now, start__lt=end)
    zone = recurrence.get_zone()
    found = (
        rows.order_by()
        .annotate(month=TruncMonth("start", tzinfo=zone))
        .values_list("month", flat=True)
        .distinct()
    )
    months = set()
    for day in found:
        if isinstance(day, datetime.datetime):
            day = timezone.localtime(day, zone) if timezone.is_aware(day) else day
            day = day.date()
        months.add(day.replace(day=1).strftime("%Y-%m"))
    # A meeting that started before the window and goes on: its first month
    # in the window is the current one.
    current = timezone.localtime(now, zone).date().replace(day=1).strftime("%Y-%m")
    return sorted(
        current if month < first.strftime("%Y-%m") and not archive else month
        for month in months
    )


def month_choices(now, *, archive=False, count=12, selected=None, available=None):
    """The months offered in the filter: those of the next (or last) twelve that
    hold meetings (all twelve if ``available`` is None), and the chosen one."""
    current = timezone.localtime(now, recurrence.get_zone()).date().replace(day=1)
    months = []
    for _i in range(count):
        value = current.strftime("%Y-%m")
        if available is None or value in available:
            months.append((value, current))
        if archive:
            current = (current - datetime.timedelta(days=1)).replace(day=1)
        else:
            current = next_month(current)
    if selected and selected not in [day for _value, day in months]:
        months.append((selected.strftime("%Y-%m"), selected))
        months.sort(key=lambda item: item[1], reverse=archive)
    return months
