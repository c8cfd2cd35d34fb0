"""StreamField blocks a host site can put on any of its own pages.

``SAMVERKAN_BLOCKS`` lists every block of the package, ready to be added to
a host page's StreamField: ``StreamField([...your blocks] + SAMVERKAN_BLOCKS)``.
"""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .models.partnerships import Status

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
    ("partnership_list", PartnershipListBlock()),
]
