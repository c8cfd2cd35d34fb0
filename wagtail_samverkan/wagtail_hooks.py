"""The package's admin menu: every snippet of every area under "Samverkan"."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from wagtail_samverkan.agreement.viewsets import PrincipleViewSet
from wagtail_samverkan.core.conf import samverkan_settings
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
