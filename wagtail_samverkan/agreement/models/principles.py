"""The principles (principer) an agreement rests on.

A ``Principle`` is a snippet that editors prepare as a draft and publish;
only published principles are shown on the site, in the API and in search.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index

from wagtail_samverkan.core.conf import samverkan_settings


class Principle(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    index.Indexed,
    models.Model,
):
    """A principle (princip) of the agreement, e.g. "Dialog" or "Mångfald"."""

    class Source(models.TextChoices):
        NATIONAL = "national", _("The national agreement of 2008")
        LOCAL = "local", _("Local")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    number = models.PositiveSmallIntegerField(
        _("number"),
        default=1,
        help_text=_("The principle's number; principles are listed in this order."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=255,
        blank=True,
        help_text=_("One sentence in plain words that says what the principle means."),
    )
    description = RichTextField(
        _("description"),
        blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("The full text of the principle."),
    )
    source = models.CharField(
        _("source"),
        max_length=16,
        choices=Source.choices,
        default=Source.NATIONAL,
        help_text=_("Where the principle comes from."),
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="principle")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="principle",
        for_concrete_model=False,
    )

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("name")]),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("source"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("live"),
        index.FilterField("source"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        ordering = ["number", "pk"]

    def __str__(self):
        return f"{self.number}. {self.name}"

    @property
    def revisions(self):
        return self._revisions

    def get_preview_template(self, request, mode_name):
        return "wagtail_samverkan/agreement/principle_preview.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["samverkan_base_template"] = samverkan_settings.BASE_TEMPLATE
        context["principle"] = self
        return context


def published_principles(locale=None):
    """Live principles, in the given locale (the active language by default)."""
    queryset = Principle.objects.filter(live=True)
    locale = locale or active_locale()
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset.order_by("number", "pk")


def active_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return None
