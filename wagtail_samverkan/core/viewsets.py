"""Admin views every area's snippets share.

Deleting what something still refers to is refused with an explanation;
listings give the "Translate" action from their own query; register
listings sort names with Swedish collation.
"""

from django.apps import apps
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.db.models import Exists, OuterRef, ProtectedError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.widgets.button import BaseButton, Button, ButtonWithDropdown
from wagtail.models import Locale, TranslatableMixin
from wagtail.snippets.views.snippets import DeleteView, IndexView

from wagtail_samverkan.core.conf import area_enabled


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


class AreaViewSetMixin:
    """A snippet viewset whose menu item shows only while the site uses its area."""

    #: The area (``WAGTAIL_SAMVERKAN["AREAS"]``) the snippet belongs to.
    samverkan_area = None

    @property
    def menu_item_class(self):
        base = super().menu_item_class
        area = self.samverkan_area

        class AreaMenuItem(base):
            def is_shown(self, request):
                return area_enabled(area) and super().is_shown(request)

        AreaMenuItem.__name__ = f"{self.__class__.__name__}MenuItem"
        return AreaMenuItem
