"""Admin viewsets, grouped under one "Samverkan" menu."""

import re

from django.contrib import messages
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import (
    DeleteView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from .collation import SwedishCollate
from .conf import samverkan_settings
from .models import FocusArea, MunicipalBody, Organisation


def describe_protected(error: ProtectedError) -> str:
    """A sentence naming what still refers to the object being deleted."""
    names = []
    for obj in list(error.protected_objects)[:5]:
        names.append(f"{capfirst(obj._meta.verbose_name)} “{obj}”")
    more = len(error.protected_objects) - len(names)
    text = ", ".join(names)
    if more > 0:
        text += " " + _("and %(count)d more") % {"count": more}
    return text


class ProtectedDeleteView(DeleteView):
    """Refuses, with an explanation, to delete what something still refers to.

    Wagtail already refuses when its reference index knows of a protecting
    reference; this also covers references the index does not track.
    """

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError as error:
            messages.error(
                self.request,
                _(
                    "“%(object)s” cannot be deleted because it is still used by: %(users)s."
                )
                % {"object": self.object, "users": describe_protected(error)},
            )
            return redirect(self.edit_url_name, self.object.pk)


class SwedishOrderedIndexView(IndexView):
    """Sorts the name column with Swedish collation (Å, Ä, Ö after Z)."""

    default_ordering = "name"

    def order_queryset(self, queryset):
        if self.ordering in ("name", "-name"):
            expression = SwedishCollate("name")
            expression = (
                expression.desc() if self.ordering == "-name" else expression.asc()
            )
            return queryset.order_by(expression, "pk")
        return super().order_queryset(queryset)


class OrganisationIndexView(SwedishOrderedIndexView):
    """Finds an organisation by its number however it is typed.

    Full-text search splits ``802400-1003`` at the dash (differently on each
    database), so a query that is a number is matched on the field instead.
    """

    def search_queryset(self, queryset):
        query = (self.search_query or "").strip()
        digits = re.sub(r"[\s-]", "", query)
        if len(digits) >= 4 and digits.isdigit():
            pattern = digits if len(digits) <= 6 else f"{digits[:6]}-{digits[6:]}"
            return queryset.filter(organisation_number__contains=pattern)
        return super().search_queryset(queryset)


class RegisterViewSet(SnippetViewSet):
    index_view_class = SwedishOrderedIndexView
    delete_view_class = ProtectedDeleteView
    list_per_page = 50
    copy_view_enabled = False


class OrganisationFilterSet(WagtailFilterSet):
    kind = ChoiceFilter(label=_("Kind"), choices=Organisation.Kind.choices)

    class Meta:
        model = Organisation
        fields = ["kind"]


class OrganisationViewSet(RegisterViewSet):
    model = Organisation
    index_view_class = OrganisationIndexView
    icon = "group"
    menu_label = _("Organisations")
    list_display = [
        "name",
        Column("organisation_number", label=_("Organisation number")),
        Column("get_kind_display", label=_("Kind"), sort_key="kind"),
    ]
    list_export = ["name", "organisation_number", "kind", "website", "email"]
    filterset_class = OrganisationFilterSet


class MunicipalBodyFilterSet(WagtailFilterSet):
    kind = ChoiceFilter(label=_("Kind"), choices=MunicipalBody.Kind.choices)
    parent = ModelChoiceFilter(
        label=_("Belongs to"),
        queryset=MunicipalBody.objects.filter(children__isnull=False).distinct(),
    )

    class Meta:
        model = MunicipalBody
        fields = ["kind", "parent"]


class MunicipalBodyViewSet(RegisterViewSet):
    model = MunicipalBody
    icon = "site"
    menu_label = _("Municipal bodies")
    list_display = [
        "name",
        Column("get_kind_display", label=_("Kind"), sort_key="kind"),
        Column("parent", label=_("Belongs to")),
    ]
    list_export = ["name", "kind", "parent", "website"]
    filterset_class = MunicipalBodyFilterSet

    def get_queryset(self, request):
        return MunicipalBody.objects.select_related("parent", "locale")


class FocusAreaViewSet(RegisterViewSet):
    model = FocusArea
    icon = "tag"
    menu_label = _("Focus areas")
    list_display = ["name", Column("slug", label=_("Slug"))]
    list_export = ["name", "slug", "description"]
    list_filter = []


class SamverkanViewSetGroup(SnippetViewSetGroup):
    """The "Samverkan" admin menu: every snippet of the package in one place."""

    menu_label = _("Samverkan")
    menu_icon = "group"
    menu_name = "samverkan"
    items = [OrganisationViewSet, MunicipalBodyViewSet, FocusAreaViewSet]

    @property
    def menu_order(self):
        return samverkan_settings.ADMIN_MENU_ORDER
