"""Admin viewsets, grouped under one "Samverkan" menu."""

import re

from django.apps import apps
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.db.models import Exists, OuterRef, ProtectedError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import BaseButton, Button, ButtonWithDropdown
from wagtail.models import Locale, TranslatableMixin
from wagtail.snippets.views.snippets import (
    DeleteView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from .conf import samverkan_settings
from .models import FocusArea, MunicipalBody, Organisation, Principle


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
        if self.usage and self.usage.is_protected:
            # Wagtail answers a bare "permission denied" here; say why instead.
            users = [
                f"{capfirst(obj._meta.verbose_name)} “{obj}”"
                for obj, _references in list(self.usage)[:5]
                if obj is not None
            ]
            messages.error(
                self.request,
                _(
                    "“%(object)s” cannot be deleted because it is still used by: %(users)s."
                )
                % {"object": self.object, "users": ", ".join(users) or "…"},
            )
            return redirect(self.edit_url_name, self.object.pk)
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


def simple_translation_listing_hook():
    """The snippet listing hook of ``wagtail.contrib.simple_translation``, if installed."""
    if not apps.is_installed("wagtail.contrib.simple_translation"):
        return None
    from wagtail.contrib.simple_translation import wagtail_hooks

    return getattr(wagtail_hooks, "register_snippet_listing_buttons", None)


class TranslateButtonIndexView(IndexView):
    """Gives the "Translate" action of every row from the listing's own query.

    With ``wagtail.contrib.simple_translation`` installed, Wagtail's listing
    hook asks the database, row by row, whether a locale is still missing.
    Here the listing query answers it for all rows at once
    (``_has_untranslated_locale``, as Wagtail does for pages) and the same
    "Translate" item is added without that hook. Rows without the annotation
    (e.g. search results) still go through Wagtail's hook.
    """

    def translates(self):
        return issubclass(
            self.model, TranslatableMixin
        ) and simple_translation_listing_hook() in hooks.get_hooks(
            "register_snippet_listing_buttons"
        )

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if not self.translates():
            return queryset
        return queryset.annotate(
            _has_untranslated_locale=Exists(
                Locale.objects.exclude(
                    id__in=self.model._default_manager.filter(
                        translation_key=OuterRef(OuterRef("translation_key"))
                    ).values("locale_id")
                )
            )
        )

    def translate_buttons(self, instance):
        user = self.request.user
        if instance._has_untranslated_locale and user.has_perm(
            "simple_translation.submit_translation"
        ):
            url = reverse(
                "simple_translation:submit_snippet_translation",
                args=[
                    instance._meta.app_label,
                    instance._meta.model_name,
                    quote(instance.pk),
                ],
            )
            yield MenuItem(_("Translate"), url, icon_name="globe", priority=100)

    def get_list_buttons(self, instance):
        translate_hook = simple_translation_listing_hook()
        if translate_hook is None or not hasattr(instance, "_has_untranslated_locale"):
            return super().get_list_buttons(instance)
        # The same as Wagtail's IndexView.get_list_buttons (7.4 and 8.0), with
        # simple_translation's hook answered by translate_buttons().
        next_url = self.request.path
        list_buttons = []
        more_buttons = []
        buttons = self.get_list_more_buttons(instance)
        for hook in hooks.get_hooks("register_snippet_listing_buttons"):
            if hook is translate_hook:
                buttons.extend(self.translate_buttons(instance))
            else:
                buttons.extend(hook(instance, self.request.user, next_url))
        for button in buttons:
            if isinstance(button, BaseButton) and not button.allow_in_dropdown:
                list_buttons.append(button)
            elif isinstance(button, MenuItem):
                if button.is_shown(self.request.user):
                    more_buttons.append(Button.from_menu_item(button))
            elif button.show:
                more_buttons.append(button)
        for hook in hooks.get_hooks("construct_snippet_listing_buttons"):
            hook(more_buttons, instance, self.request.user)
        if more_buttons:
            list_buttons.append(
                ButtonWithDropdown(
                    buttons=more_buttons,
                    icon_name="dots-horizontal",
                    attrs={
                        "aria-label": _("More options for '%(title)s'")
                        % {"title": str(instance)},
                    },
                )
            )
        return list_buttons


class SwedishOrderedIndexView(TranslateButtonIndexView):
    """Sorts the name column with Swedish collation (Å, Ä, Ö after Z)."""

    default_ordering = "name"

    def order_queryset(self, queryset):
        if self.ordering == "name":
            return queryset.order_by("name_sort", "name", "pk")
        if self.ordering == "-name":
            return queryset.order_by("-name_sort", "-name", "-pk")
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


class PrincipleFilterSet(WagtailFilterSet):
    source = ChoiceFilter(label=_("Source"), choices=Principle.Source.choices)

    class Meta:
        model = Principle
        fields = ["source", "live"]


class PrincipleIndexView(TranslateButtonIndexView):
    default_ordering = "number"


class PrincipleViewSet(SnippetViewSet):
    """Principles of the agreement: drafts, revisions, preview, workflow."""

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
