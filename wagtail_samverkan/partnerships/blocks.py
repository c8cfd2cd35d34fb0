"""The partnerships' blocks: the IOP page's body and the IOP list for host pages."""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from wagtail_samverkan.core.blocks import heading_block, paragraph_block
from wagtail_samverkan.core.pages import site_q
from wagtail_samverkan.partnerships.status import Status


class PartnershipBodyBlock(blocks.StreamBlock):
    heading = heading_block(
        help_text=_("E.g. Background, Purpose, Goals, What each party contributes."),
    )
    paragraph = paragraph_block(label=_("Text"))
    quote = blocks.BlockQuoteBlock(label=_("Quote"))

    class Meta:
        label = _("Text")


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
        from wagtail_samverkan.partnerships.filters import (
            PartnershipFilterSet,
            for_listing,
        )
        from wagtail_samverkan.partnerships.models import (
            PartnershipIndexPage,
            PartnershipPage,
            local_today,
        )

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        today = local_today()
        data = self.filter_data(value)
        # The IOPs and the register of this site, not of the other sites.
        in_site = site_q(request)
        queryset = PartnershipPage.objects.live().public().filter(in_site)
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
            register = (
                PartnershipIndexPage.objects.live().public().filter(in_site).first()
            )
            if register is not None:
                base = register.get_url(request)
                if base:
                    register_url = f"{base}?{data.urlencode()}"
        context["register_url"] = register_url
        return context
