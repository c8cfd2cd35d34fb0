"""The IOP register: the page that lists, filters and exports its IOPs."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from wagtail_samverkan.core.pages import (
    BasePage,
    SamverkanPageMixin,
    SingleChildTypeRoutingMixin,
)
from wagtail_samverkan.partnerships.models.page import PartnershipPage


class PartnershipIndexPage(
    SamverkanPageMixin, RoutablePageMixin, SingleChildTypeRoutingMixin, BasePage
):
    """The register of IOPs: key figures, filters, results and open data."""

    samverkan_area = "partnerships"
    in_data_catalogue = True

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_(
            "A few sentences above the register: what an IOP is and why it is listed here."
        ),
    )

    subpage_types = ["wagtail_samverkan.PartnershipPage"]
    template = "wagtail_samverkan/partnerships/partnership_index_page.html"

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("IOP register")
        verbose_name_plural = _("IOP registers")

    def partnerships(self):
        """The IOPs a visitor may see: live, not view-restricted, under this page."""
        return PartnershipPage.objects.child_of(self).live().public()

    @path("")
    def register_view(self, request):
        from wagtail_samverkan.partnerships.filters import register_context

        return self.render(request, context_overrides=register_context(self, request))

    @path("export.csv/", name="export_csv")
    @path("export/csv/", name="export_csv_alias")
    def export_csv(self, request):
        from wagtail_samverkan.partnerships.exports import csv_response

        return csv_response(self, request)

    @path("export.json/", name="export_json")
    @path("export/json/", name="export_json_alias")
    def export_json(self, request):
        from wagtail_samverkan.partnerships.exports import json_response

        return json_response(self, request)

    @path("export.360giving.json/", name="export_360giving")
    @path("export/360giving/", name="export_360giving_alias")
    def export_360giving(self, request):
        from wagtail_samverkan.partnerships.giving360 import giving360_response

        return giving360_response(self, request)

    @path("schema.json/", name="export_schema")
    @path("export/schema/", name="export_schema_alias")
    def export_schema(self, request):
        from wagtail_samverkan.partnerships.exports import schema_response

        return schema_response(request)

    def get_cached_paths(self):
        """What a front-end cache purges with the register (its exports change too)."""
        return [
            "/",
            "export.csv",
            "export/csv/",
            "export.json",
            "export/json/",
            "export.360giving.json",
            "export/360giving/",
        ]

    def get_alternate_links(self, request):
        urls = self.export_urls(request)
        links = [
            ("text/csv", urls["export_csv"], _("The IOPs as CSV")),
            ("application/json", urls["export_json"], _("The IOPs as JSON")),
        ]
        if urls.get("export_360giving"):
            links.append(
                (
                    "application/json",
                    urls["export_360giving"],
                    _("The IOPs as 360Giving grant data"),
                )
            )
        return links

    def export_urls(self, request=None):
        """Addresses of the open-data files (relative to the site).

        ``export.csv`` and the like when the host includes
        ``wagtail_samverkan.urls``; ``export/csv/`` and the like otherwise.
        """
        from wagtail_samverkan.core.routing import file_route_url

        base = self.get_url(request) or ""
        names = ("export_csv", "export_json", "export_360giving", "export_schema")
        # Resolved as the core resolves every file route: decoded, so that
        # a slug such as "föreningar" (percent-encoded in ``base``) matches.
        dotted = file_route_url(
            self, request, self.reverse_subpage("export_csv").rstrip("/")
        )
        if dotted:
            urls = {
                name: base + self.reverse_subpage(name).rstrip("/") for name in names
            }
        else:
            urls = {
                name: base + self.reverse_subpage(name + "_alias") for name in names
            }
        from wagtail_samverkan.partnerships.giving360 import missing_settings

        if missing_settings():
            # No 360Giving file without a publisher id: no link to a 404.
            del urls["export_360giving"]
        return urls
