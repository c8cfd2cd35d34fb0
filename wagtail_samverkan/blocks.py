"""StreamField blocks a host site can put on any of its own pages.

``SAMVERKAN_BLOCKS`` lists every block of the package, ready to be added to
a host page's StreamField: ``StreamField([...your blocks] + SAMVERKAN_BLOCKS)``.
"""

import json

from django.http import QueryDict
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .models.partnerships import Status

# --- The agreement ----------------------------------------------------------


def _live_public_agreement(page):
    """The chosen agreement page when visitors may see it, else None."""
    if page is None or not page.live:
        return None
    from .models.agreement import AgreementPage, is_private

    if not isinstance(page, AgreementPage):
        page = AgreementPage.objects.filter(pk=page.pk).first()
        if page is None or not page.live:
            return None
    return None if is_private(page) else page


class CachedRenderMixin:
    """Keeps the rendered block in the cache (see ``wagtail_samverkan.cache``).

    The key is the block's value (what the editor chose) with the language,
    the site, today's date and the generation token; publishing anything the
    block shows makes it stale. Previews are never cached. The block shows
    only live, public content, whoever the page is for.
    """

    def render(self, value, context=None):
        from . import cache

        request = (context or {}).get("request")
        if cache.is_preview(request):
            return super().render(value, context)
        key = cache.make_key(
            "block",
            type(self).__module__,
            type(self).__qualname__,
            self.get_template(value, context=context),
            json.dumps(self.get_prep_value(value), sort_keys=True, default=str),
            request=request,
            areas=(cache.AGREEMENT,),
        )
        cached = cache.get(key)
        if cached is not None:
            return mark_safe(cached)  # noqa: S308 - rendered by the block's template before
        output = super().render(value, context)
        cache.set(key, output)
        return output


class AgreementPrinciplesBlock(CachedRenderMixin, blocks.StructBlock):
    """The principles of the agreement: chosen ones, or all of one agreement's."""

    heading = blocks.CharBlock(
        label=_("heading"), required=False, help_text=_("For example “Our principles”.")
    )
    agreement = blocks.PageChooserBlock(
        label=_("agreement"),
        page_type="wagtail_samverkan.AgreementPage",
        required=False,
        help_text=_(
            "Show all the principles of this agreement, with the commitments. "
            "Leave empty to choose principles below."
        ),
    )
    principles = blocks.ListBlock(
        SnippetChooserBlock("wagtail_samverkan.Principle"),
        label=_("principles"),
        required=False,
        help_text=_("Used when no agreement is chosen. Drafts are not shown."),
    )
    show_commitments = blocks.BooleanBlock(
        label=_("show the commitments"),
        required=False,
        default=True,
        help_text=_("Only when an agreement is chosen."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Principles of the agreement")
        template = "wagtail_samverkan/blocks/agreement_principles.html"

    def get_context(self, value, parent_context=None):
        from .models import Principle

        context = super().get_context(value, parent_context=parent_context)
        agreement = _live_public_agreement(value.get("agreement"))
        context["agreement"] = agreement
        if agreement is not None:
            context["sections"] = agreement.get_principle_sections()
            context["principles"] = []
        else:
            chosen = [p.pk for p in value.get("principles") or [] if p is not None]
            by_pk = Principle.objects.filter(pk__in=chosen, live=True).in_bulk()
            context["sections"] = []
            context["principles"] = [by_pk[pk] for pk in chosen if pk in by_pk]
        return context


class AgreementSummaryBlock(CachedRenderMixin, blocks.StructBlock):
    """A short card about one agreement: title, status, adoption date, link."""

    agreement = blocks.PageChooserBlock(
        label=_("agreement"), page_type="wagtail_samverkan.AgreementPage"
    )
    text = blocks.TextBlock(
        label=_("text"),
        required=False,
        help_text=_("Leave empty to use the agreement's introduction."),
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Agreement summary")
        template = "wagtail_samverkan/blocks/agreement_summary.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        agreement = _live_public_agreement(value.get("agreement"))
        context["agreement"] = agreement
        if agreement is not None:
            context["status"] = agreement.get_status()
            context["text"] = value.get("text") or agreement.intro
        return context


# --- Meetings and events ------------------------------------------------------


def _kind_choices():
    from .models.events import EventKind

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

    def get_occurrences(self, value, now=None):
        from .models.events import EventOccurrence

        calendar = value.get("calendar")
        occurrences = EventOccurrence.objects.visible(calendar).select_related("event")
        if value.get("kind"):
            occurrences = occurrences.filter(kind=value["kind"])
        return list(
            occurrences.upcoming(now or timezone.now())[: value.get("count") or 3]
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["occurrences"] = self.get_occurrences(value)
        calendar = value.get("calendar")
        context["calendar"] = calendar if calendar and calendar.live else None
        return context


# --- IOP partnerships -----------------------------------------------------------

PARTNERSHIP_SORT_CHOICES = [
    ("-start", _("Newest first")),
    ("title", _("Title")),
    ("end", _("Ending soonest")),
    ("-amount", _("Largest amount this year")),
]


class PartnershipListBlock(blocks.StructBlock):
    """A short list of IOPs with preset filters, e.g. "active IOPs in culture"."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        help_text=_("E.g. “Our IOPs for children and young people”."),
    )
    status = blocks.ChoiceBlock(
        label=_("Status"),
        choices=Status.choices,
        required=False,
        help_text=_("Empty: all."),
    )
    focus_area = SnippetChooserBlock(
        "wagtail_samverkan.FocusArea", label=_("Focus area"), required=False
    )
    organisation = SnippetChooserBlock(
        "wagtail_samverkan.Organisation", label=_("Organisation"), required=False
    )
    responsible_body = SnippetChooserBlock(
        "wagtail_samverkan.MunicipalBody",
        label=_("Responsible committee"),
        required=False,
    )
    sort = blocks.ChoiceBlock(
        label=_("Order"), choices=PARTNERSHIP_SORT_CHOICES, default="-start"
    )
    limit = blocks.IntegerBlock(
        label=_("At most"), default=5, min_value=1, max_value=50
    )
    show_register_link = blocks.BooleanBlock(
        label=_("Link to the register"),
        required=False,
        default=True,
        help_text=_("Adds a link to the full register with the same filters."),
    )

    class Meta:
        label = _("List of IOPs")
        icon = "list-ul"
        template = "wagtail_samverkan/blocks/partnership_list.html"

    def filter_data(self, value):
        data = QueryDict(mutable=True)
        if value.get("status"):
            data["status"] = value["status"]
        if value.get("focus_area"):
            data["focus"] = value["focus_area"].slug
        if value.get("organisation"):
            data["organisation"] = str(value["organisation"].pk)
        if value.get("responsible_body"):
            data["body"] = str(value["responsible_body"].pk)
        data["sort"] = value.get("sort") or "-start"
        return data

    def get_context(self, value, parent_context=None):
        from .filters import PartnershipFilterSet, for_listing
        from .models.partnerships import (
            PartnershipIndexPage,
            PartnershipPage,
            local_today,
        )

        context = super().get_context(value, parent_context=parent_context)
        today = local_today()
        data = self.filter_data(value)
        queryset = PartnershipPage.objects.live().public()
        area = value.get("focus_area")
        filterset = PartnershipFilterSet(
            data,
            queryset=queryset,
            today=today,
            locale=area.locale_id if area else None,
        )
        context["partnerships"] = list(
            for_listing(filterset.qs)[: value.get("limit") or 5]
        )
        context["this_year"] = today.year
        register_url = None
        if value.get("show_register_link"):
            register = PartnershipIndexPage.objects.live().public().first()
            request = (parent_context or {}).get("request")
            if register is not None:
                base = register.get_url(request)
                if base:
                    register_url = f"{base}?{data.urlencode()}"
        context["register_url"] = register_url
        return context


SAMVERKAN_BLOCKS = [
    ("agreement_principles", AgreementPrinciplesBlock()),
    ("agreement_summary", AgreementSummaryBlock()),
    ("next_events", NextEventsBlock()),
    ("partnership_list", PartnershipListBlock()),
]
