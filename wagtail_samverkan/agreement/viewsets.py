"""The agreement's admin viewset: its principles, a snippet with drafts and workflow."""

from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from wagtail_samverkan.agreement.models import Principle
from wagtail_samverkan.core.viewsets import (
    AreaViewSetMixin,
    ProtectedDeleteView,
    TranslateButtonIndexView,
)


class PrincipleFilterSet(WagtailFilterSet):
    source = ChoiceFilter(label=_("Source"), choices=Principle.Source.choices)

    class Meta:
        model = Principle
        fields = ["source", "live"]


class PrincipleIndexView(TranslateButtonIndexView):
    default_ordering = "number"


class PrincipleViewSet(AreaViewSetMixin, SnippetViewSet):
    """Principles of the agreement: drafts, revisions, preview, workflow."""

    samverkan_area = "agreement"
    model = Principle
    icon = "list-ol"
    menu_label = _("Principles")
    # The first column is the title: it links to the edit view and holds the
    # row's actions (a Column first would leave the rows without them).
    list_display = [
        "name",
        Column("number", label=_("Number"), sort_key="number"),
        Column("get_source_display", label=_("Source"), sort_key="source"),
    ]
    list_export = ["number", "name", "summary", "source"]
    filterset_class = PrincipleFilterSet
    index_view_class = PrincipleIndexView
    list_per_page = 50
    delete_view_class = ProtectedDeleteView

    def get_queryset(self, request):
        return Principle.objects.select_related("locale", "latest_revision")
