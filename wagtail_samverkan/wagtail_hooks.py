"""The package's admin menu: every snippet of every area under "Samverkan"."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from wagtail_samverkan.agreement.viewsets import PrincipleViewSet
from wagtail_samverkan.core.conf import samverkan_settings
from wagtail_samverkan.editors import reports
from wagtail_samverkan.editors.panels import CockpitPanel
from wagtail_samverkan.register.viewsets import (
    FocusAreaViewSet,
    MunicipalBodyViewSet,
    OrganisationViewSet,
)


class SamverkanViewSetGroup(SnippetViewSetGroup):
    """The "Samverkan" admin menu: every snippet of the package in one place."""

    menu_label = _("Samverkan")
    menu_icon = "group"
    menu_name = "samverkan"
    items = [
        OrganisationViewSet,
        MunicipalBodyViewSet,
        FocusAreaViewSet,
        PrincipleViewSet,
    ]

    @property
    def menu_order(self):
        return samverkan_settings.ADMIN_MENU_ORDER


register_snippet(SamverkanViewSetGroup)


@hooks.register("construct_homepage_panels")
def add_cockpit_panel(request, panels):
    panels.append(CockpitPanel(request))


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "samverkan/reports/",
            include(
                (reports.urlpatterns(), "wagtail_samverkan_reports"),
                namespace="wagtail_samverkan_reports",
            ),
        )
    ]


for _order, _report in enumerate(reports.REPORTS, start=1300):
    hooks.register(
        "register_reports_menu_item",
        lambda report=_report, order=_order: reports.ReportMenuItem(report, order),
    )
