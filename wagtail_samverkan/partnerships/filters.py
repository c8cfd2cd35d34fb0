"""Filtering the IOP register: the public filter form, its counts and sorting.

The same :class:`PartnershipFilterSet` serves the register page, the
open-data exports and the "list of IOPs" block, so a filtered address gives
the same IOPs everywhere. Values that do not validate are ignored (never an
error page) and reported back to the visitor.
"""

import logging
import re

import django_filters
from django import forms
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from wagtail_samverkan.core import cache
from wagtail_samverkan.core.conf import samverkan_settings
from wagtail_samverkan.core.pagination import CountingPaginator, refuse_past_the_end
from wagtail_samverkan.partnerships.caching import AREA
from wagtail_samverkan.partnerships.models import (
    PartnershipFunding,
    PartnershipPartner,
    Status,
    active_during_year_q,
    local_today,
    status_q,
)
from wagtail_samverkan.partnerships.structured_data import dataset_json_ld
from wagtail_samverkan.register.models import FocusArea, MunicipalBody, Organisation

SORT_CHOICES = [
    ("status", _("Ongoing first, then planned, then ended")),
    ("title", _("Title")),
    ("-start", _("Newest first")),
    ("start", _("Oldest first")),
    ("end", _("Ending soonest")),
    ("-amount", _("Largest amount this year")),
]
DEFAULT_SORT = "status"
VIEW_CHOICES = [("cards", _("Cards")), ("list", _("List"))]
DEFAULT_VIEW = "cards"
MAX_SEARCH_LENGTH = 200
MAX_SEARCH_RESULTS = 10000

logger = logging.getLogger(__name__)


def search_terms(text):
    """The words of a visitor's search text, safe for every search backend.

    Quotes, brackets, ``*``, ``^``, ``:`` and upper-case ``AND``/``OR``/``NOT``
    are syntax to SQLite's full-text search, and an unbalanced quote is an
    error there. Visitors mean words, so only the words are searched for, in
    lower case (the full-text indexes ignore case anyway).
    """
    return " ".join(word.lower() for word in re.findall(r"\w+", text or ""))


FIRST_YEAR, LAST_YEAR = 1990, 2100

# The filters that narrow the result; ``sort`` only orders it.
DIMENSIONS = ("status", "focus", "organisation", "body", "year", "q")


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField


class PartnershipFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("All"), method="noop"
    )
    focus = django_filters.ModelChoiceFilter(
        label=_("Focus area"),
        queryset=FocusArea.objects.all(),
        to_field_name="slug",
        method="noop",
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.all(), method="noop"
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Responsible committee"),
        queryset=MunicipalBody.objects.all(),
        method="noop",
    )
    year = YearFilter(
        label=_("Active during year"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        method="noop",
    )
    q = django_filters.CharFilter(
        label=_("Search"), max_length=MAX_SEARCH_LENGTH, method="noop"
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORT_CHOICES, empty_label=None, method="noop"
    )

    def __init__(
        self,
        data=None,
        queryset=None,
        *,
        request=None,
        prefix=None,
        today=None,
        locale=None,
        default_sort=DEFAULT_SORT,
    ):
        super().__init__(data=data, queryset=queryset, request=request, prefix=prefix)
        self.today = today or local_today()
        self.default_sort = default_sort
        #: Whether the search backend failed: the search then finds nothing.
        self.search_failed = False
        # Focus-area slugs are unique within one language only.
        if locale is None:
            locale = Locale.get_active()
        self.filters["focus"].queryset = FocusArea.objects.filter(locale=locale)

    def noop(self, queryset, name, value):
        return queryset

    # -- Reading the form ------------------------------------------------------

    @property
    def values(self):
        """The values that validated, by filter name (invalid ones are left out)."""
        if not hasattr(self, "_values"):
            self.form.is_valid()
            cleaned = getattr(self.form, "cleaned_data", {})
            self._values = {
                name: value
                for name, value in cleaned.items()
                if value not in (None, "") and name not in self.form.errors
            }
            if "q" in self._values:
                # One spelling of a search, so that it is one cache entry.
                self._values["q"] = " ".join(self._values["q"].split())
                if not self._values["q"]:
                    del self._values["q"]
        return self._values

    @property
    def sort_value(self):
        return self.values.get("sort") or self.default_sort

    def not_understood(self):
        """One message per parameter whose value did not validate."""
        messages = []
        for name in self.form.errors:
            field = self.form.fields.get(name)
            raw = self.data.get(name, "")
            messages.append(
                _(
                    "The value “%(value)s” for “%(field)s” was not understood and has been ignored."
                )
                % {
                    "value": Truncator(str(raw)).chars(40),
                    "field": field.label if field else name,
                }
            )
        return messages

    # -- Filtering -------------------------------------------------------------

    def search_pks(self, text):
        """The IOPs matching ``text``: a subquery, or a list of ids.

        Wagtail's database backends (SQLite FTS, PostgreSQL, MySQL, the
        fallback) give their results as a lazy queryset; it is used as a
        subquery, so no page is loaded and the database combines the text
        match with the other filters. Other backends (Elasticsearch,
        OpenSearch) answer with ids, at most ``MAX_SEARCH_RESULTS``.
        """
        from wagtail_samverkan.partnerships.models import PartnershipPage

        terms = search_terms(text)
        if not terms:
            # Only punctuation: nothing a visitor could mean is found.
            return []
        try:
            results = PartnershipPage.objects.live().search(
                terms, operator="and", order_by_relevance=False
            )
            get_queryset = getattr(results, "get_queryset", None)
            if get_queryset is not None:
                # The database backends accept any words; the subquery
                # runs with the register's own query.
                return get_queryset().order_by().values("pk")
            return [page.pk for page in results[:MAX_SEARCH_RESULTS]]
        except Exception:
            # A search server that is down or refuses the query must not take
            # the register down: the search finds nothing and says why.
            logger.exception("The search backend failed on %r", terms)
            self.search_failed = True
            return []

    def apply(self, queryset, skip=None):
        """``queryset`` narrowed by every valid filter except ``skip``."""
        values = self.values
        if "status" in values and skip != "status":
            queryset = queryset.filter(status_q(values["status"], self.today))
        if "focus" in values and skip != "focus":
            queryset = queryset.filter(focus_area_links__focus_area=values["focus"])
        if "organisation" in values and skip != "organisation":
            queryset = queryset.filter(partners__organisation=values["organisation"])
        if "body" in values and skip != "body":
            queryset = queryset.filter(responsible_body=values["body"])
        if "year" in values and skip != "year":
            queryset = queryset.filter(active_during_year_q(values["year"]))
        if values.get("q") and skip != "q":
            if not hasattr(self, "_search_pks"):
                self._search_pks = self.search_pks(values["q"])
            queryset = queryset.filter(pk__in=self._search_pks)
        return (
            queryset.distinct() if {"focus", "organisation"} & set(values) else queryset
        )

    def filter_queryset(self, queryset):
        return order_partnerships(
            self.apply(queryset), self.sort_value, self.today.year, self.today
        )


def with_current_amount(queryset, year):
    """Annotates ``current_amount``: the municipal contribution in ``year``."""
    amount = PartnershipFunding.objects.filter(page=OuterRef("pk"), year=year).values(
        "municipal_amount"
    )[:1]
    return queryset.annotate(
        current_amount=Subquery(amount, output_field=IntegerField())
    )


def order_partnerships(queryset, sort, year, today=None):
    """``queryset`` in the order ``sort``.

    ``status`` (the default): ongoing IOPs first, then planned ones, then those
    that have ended or were terminated, each group by title. ``end``: the IOPs
    that have not ended, the one ending soonest first and open-ended ones
    last; the ended ones come after them, the most recently ended first.
    """
    today = today or local_today()
    queryset = with_current_amount(queryset, year)
    if sort == "status":
        rank = Case(
            When(status_q(Status.ACTIVE, today), then=Value(0)),
            When(status_q(Status.PLANNED, today), then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        return queryset.annotate(status_rank=rank).order_by(
            "status_rank", "title_sort", "title", "pk"
        )
    if sort == "-start":
        return queryset.order_by("-start_date", "title_sort", "title", "pk")
    if sort == "start":
        return queryset.order_by("start_date", "title_sort", "title", "pk")
    if sort == "end":
        last_day = Coalesce("terminated_on", "end_date")
        ended = Case(
            When(Q(last_day_sort__lt=today), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        queryset = queryset.annotate(last_day_sort=last_day).annotate(ended_rank=ended)
        return queryset.annotate(
            ended_day=Case(
                When(ended_rank=1, then=F("last_day_sort")), default=Value(None)
            ),
            open_day=Case(
                When(ended_rank=0, then=F("last_day_sort")), default=Value(None)
            ),
        ).order_by(
            "ended_rank",
            F("open_day").asc(nulls_last=True),
            F("ended_day").desc(nulls_last=True),
            "title_sort",
            "title",
            "pk",
        )
    if sort == "-amount":
        return queryset.order_by(
            F("current_amount").desc(nulls_last=True), "title_sort", "title", "pk"
        )
    return queryset.order_by("title_sort", "title", "pk")


def for_listing(queryset):
    """What a result card or an export row needs, in a constant number of queries."""
    partners = PartnershipPartner.objects.select_related("organisation").order_by(
        "sort_order", "pk"
    )
    return queryset.select_related("responsible_body").prefetch_related(
        Prefetch("partners", queryset=partners)
    )


# -- The register page ----------------------------------------------------------


def key_figures(base, today):
    counts = base.aggregate(
        all=Count("pk"), active=Count("pk", filter=status_q(Status.ACTIVE, today))
    )
    organisations = (
        Organisation.objects.filter(partnership_roles__page__in=base).distinct().count()
    )
    funding = PartnershipFunding.objects.filter(
        page__in=base, year=today.year
    ).aggregate(total=Sum("municipal_amount"))["total"]
    return {
        "active": counts["active"],
        "all": counts["all"],
        "organisations": organisations,
        "funding_this_year": funding or 0,
        "year": today.year,
    }


def facet_counts(filterset, base, locale):
    """The options of each filter with the number of IOPs each would give.

    Each dimension is counted with every other filter applied, so the numbers
    say what choosing the option would show.
    """
    today = filterset.today
    selected = filterset.values

    narrowed = filterset.apply(base, skip="status")
    status_counts = narrowed.aggregate(
        **{value: Count("pk", filter=status_q(value, today)) for value in Status.values}
    )
    statuses = [
        {
            "value": value,
            "label": label,
            "count": status_counts[value],
            "selected": selected.get("status") == value,
        }
        for value, label in Status.choices
    ]

    def options(model, relation, skip, key="pk", extra=None):
        everything = base.values("pk")
        total = Count(
            relation, filter=Q(**{f"{relation}__in": everything}), distinct=True
        )
        # Without other filters every option would show the total again: one
        # count does.
        narrowing = any(name in DIMENSIONS and name != skip for name in selected)
        counts = {"total": total}
        if narrowing:
            narrowed = filterset.apply(base, skip=skip).values("pk")
            counts["matching"] = Count(
                relation, filter=Q(**{f"{relation}__in": narrowed}), distinct=True
            )
        fields = {"pk", "name", key}
        rows = (
            model.objects.filter(**(extra or {}))
            .values(*sorted(fields))
            .annotate(**counts)
            .filter(total__gt=0)
            .order_by("name_sort", "name", "pk")
        )
        chosen = selected.get(skip)
        return [
            {
                "value": row[key],
                "label": row["name"],
                "count": row["matching"] if narrowing else row["total"],
                "selected": chosen is not None and chosen.pk == row["pk"],
            }
            for row in rows
        ]

    locale_filter = {"locale_id": locale} if locale is not None else {}
    focus_areas = options(
        FocusArea, "partnership_links__page", "focus", key="slug", extra=locale_filter
    )
    organisations = options(Organisation, "partnership_roles__page", "organisation")
    bodies = options(MunicipalBody, "responsible_for_partnerships", "body")

    span = base.aggregate(
        first=Min("start_date"),
        last_start=Max("start_date"),
        last_end=Max(Coalesce("terminated_on", "end_date")),
    )
    years = []
    if span["first"]:
        last = max(day for day in (span["last_start"], span["last_end"], today) if day)
        year_range = range(span["first"].year, last.year + 1)
        narrowed = filterset.apply(base, skip="year")
        year_counts = narrowed.aggregate(
            **{
                f"y{year}": Count("pk", filter=active_during_year_q(year))
                for year in year_range
            }
        )
        years = [
            {
                "value": year,
                "label": str(year),
                "count": year_counts[f"y{year}"],
                "selected": selected.get("year") == year,
            }
            for year in reversed(year_range)
        ]
    return {
        "status": statuses,
        "focus": focus_areas,
        "organisation": organisations,
        "body": bodies,
        "year": years,
    }


# -- Cached key figures and option counts ------------------------------------------


#: Searches are many and each is asked for rarely: their entries are kept
#: for at most this many seconds, so that arbitrary search texts cannot fill
#: the cache.
SEARCH_CACHE_SECONDS = 5 * 60


def filter_key(filterset, names=DIMENSIONS):
    """The filters in use as sorted ``(name, value)`` pairs for a cache key:
    one spelling of each value, the id of a chosen object."""
    return sorted(
        (name, str(getattr(value, "pk", value)).casefold())
        for name, value in filterset.values.items()
        if name in names
    )


def summary_cache_key(index_page, filterset):
    values = filter_key(filterset)
    return cache.make_key(
        "register-summary",
        index_page.pk,
        index_page.locale_id,
        filterset.today.isoformat(),
        values,
        areas=(AREA,),
    )


FACETS_TEMPLATE = "wagtail_samverkan/partnerships/includes/filter_facets.html"


def register_summary(index_page, filterset, base, key=None):
    """Key figures, option counts and the number of results, cached until an IOP
    or the register changes.

    The filter's options are stored rendered too: with thousands of
    organisations they are most of the page's work.
    """
    key = key or summary_cache_key(index_page, filterset)
    summary = cache.get(key)
    if summary is None:
        facets = facet_counts(filterset, base, index_page.locale_id)
        summary = {
            "key_figures": key_figures(base, filterset.today),
            "facets": facets,
            "facets_html": render_to_string(FACETS_TEMPLATE, {"facets": facets}),
            "result_count": filterset.apply(base).count(),
        }
        if not filterset.search_failed:
            # A failed search is tried again on the next request.
            cache.set(key, summary, cache_seconds(filterset))
    return summary


RESULTS_TEMPLATE = "wagtail_samverkan/partnerships/includes/results.html"


def cache_seconds(filterset):
    return SEARCH_CACHE_SECONDS if filterset.values.get("q") else None


LIST_TEMPLATE = "wagtail_samverkan/partnerships/includes/results_list.html"


def cached_results(
    request, summary_key, sort, page, today, seconds=None, view=DEFAULT_VIEW
):
    """The rendered result cards of one page of the register.

    Cached under the key figures' key (so with the same invalidation), the
    sort order, the page number and the site the links are made for; the
    page's IOPs are only loaded when the cards are rendered. Previews are
    never cached.
    """
    context = {"partnerships": page, "this_year": today.year}
    template = LIST_TEMPLATE if view == "list" else RESULTS_TEMPLATE
    if getattr(request, "is_preview", False):
        return render_to_string(template, context, request=request)
    key = cache.make_key(
        "register-results",
        summary_key,
        sort,
        view,
        page.number,
        samverkan_settings.PAGE_SIZE,
        request=request,
        areas=(AREA,),
    )
    html = cache.get(key)
    if html is None:
        html = render_to_string(template, context, request=request)
        cache.set(key, html, seconds)
    return html


def register_context(index_page, request):
    """Everything the register template needs, in a constant number of queries."""
    today = local_today()
    base = index_page.partnerships()
    filterset = PartnershipFilterSet(
        request.GET,
        queryset=base,
        request=request,
        today=today,
        locale=index_page.locale_id,
    )
    summary_key = summary_cache_key(index_page, filterset)
    summary = register_summary(index_page, filterset, base, key=summary_key)
    results = for_listing(filterset.qs)
    paginator = CountingPaginator(
        results, samverkan_settings.PAGE_SIZE, counted=summary["result_count"]
    )
    refuse_past_the_end(request.GET.get("page"), paginator)
    page = paginator.get_page(request.GET.get("page"))
    view = request.GET.get("view")
    if view not in dict(VIEW_CHOICES):
        view = DEFAULT_VIEW
    results_html = ""
    if paginator.count:
        results_html = cached_results(
            request,
            summary_key,
            filterset.sort_value,
            page,
            today,
            seconds=cache_seconds(filterset),
            view=view,
        )
    active_filters = {
        name: request.GET.get(name) for name in DIMENSIONS if name in filterset.values
    }
    querystring = request.GET.copy()
    querystring.pop("page", None)
    for name in list(querystring):
        if name not in DIMENSIONS and name != "sort":
            querystring.pop(name)
    for name in filterset.form.errors:
        querystring.pop(name, None)
    # The other view keeps the filters and the order, and starts on page one.
    view_links = []
    for value, label in VIEW_CHOICES:
        other = querystring.copy()
        if value != DEFAULT_VIEW:
            other["view"] = value
        view_links.append(
            {
                "value": value,
                "label": label,
                "query": other.urlencode(),
                "current": value == view,
            }
        )
    filter_labels = filter_summary(filterset)
    return {
        "filterset": filterset,
        "form": filterset.form,
        "not_understood": filterset.not_understood(),
        "search_failed": filterset.search_failed,
        **summary,
        "sort_choices": SORT_CHOICES,
        "current_sort": filterset.sort_value,
        "search_text": filterset.values.get("q", ""),
        "paginator": paginator,
        "partnerships": page,
        "results_html": results_html,
        "active_filters": active_filters,
        "querystring": querystring.urlencode(),
        "view": view,
        "view_links": view_links,
        "page_querystring": page_querystring(querystring, view),
        "filter_labels": filter_labels,
        "submitted": bool(active_filters) or "sort" in request.GET,
        "export_urls": index_page.export_urls(request),
        "dataset_json_ld": SimpleLazyObject(
            lambda: dataset_json_ld(index_page, request)
        ),
        "today": today,
        "this_year": today.year,
    }


def page_querystring(querystring, view):
    """The filters, the order and the view, for the links to other pages."""
    query = querystring.copy()
    if view != DEFAULT_VIEW:
        query["view"] = view
    return query.urlencode()


def filter_summary(filterset):
    """The chosen filters in words, for the page title: "Kultur, 2024"."""
    labels = []
    values = filterset.values
    for name in DIMENSIONS:
        if name not in values:
            continue
        value = values[name]
        if name == "status":
            labels.append(str(Status(value).label))
        elif name == "q":
            labels.append(str(Truncator(value).chars(40)))
        elif hasattr(value, "name"):
            labels.append(value.name)
        else:
            labels.append(str(value))
    return labels
