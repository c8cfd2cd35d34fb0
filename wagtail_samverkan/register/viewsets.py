"""The register's admin viewsets: organisations, municipal bodies, focus areas."""

import re

from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from wagtail_samverkan.core.viewsets import ProtectedDeleteView, SwedishOrderedIndexView
from wagtail_samverkan.register.models import FocusArea, MunicipalBody, Organisation


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
