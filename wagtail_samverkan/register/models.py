"""The shared register: organisations, municipal bodies and focus areas.

Everything else in the package refers to these; nothing here refers back.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from wagtail_samverkan.core.collation import refresh_sort_key, sort_text
from wagtail_samverkan.core.validators import normalise_organisation_number


class SwedishOrderedManager(models.Manager):
    """Orders by name the way Swedish readers expect (… Z, Å, Ä, Ö)."""

    def get_queryset(self):
        return super().get_queryset().order_by("name_sort", "name", "pk")


class NameSortMixin(models.Model):
    """Keeps the name's Swedish sort key (see ``collation.sort_text``) in an
    indexed column, so lists sort on an index instead of calling a collation
    for every comparison.

    Set on ``save()``; code that bulk-creates rows calls ``update_name_sort()``.
    """

    name_sort = models.CharField(
        _("name sort key"), max_length=255, editable=False, db_index=True, default=""
    )

    class Meta:
        abstract = True

    def update_name_sort(self):
        self.name_sort = sort_text(self.name)

    def save(self, *args, **kwargs):
        refresh_sort_key(self, "name", "name_sort", kwargs)
        super().save(*args, **kwargs)


class Organisation(NameSortMixin, index.Indexed, models.Model):
    """An idea-based organisation: association, foundation, faith community…"""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        FOUNDATION = "foundation", _("Foundation")
        FAITH_COMMUNITY = "faith_community", _("Faith community")
        COOPERATIVE = "cooperative", _("Cooperative")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "Ten digits, NNNNNN-NNNN. Optional; when given it is checked and "
            "written with a dash."
        ),
    )
    kind = models.CharField(
        _("kind"), max_length=32, choices=Kind.choices, default=Kind.ASSOCIATION
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(
        _("short description"),
        blank=True,
        max_length=1000,
        help_text=_("One or two sentences about what the organisation does."),
    )
    email = models.EmailField(
        _("public contact e-mail"),
        blank=True,
        help_text=_(
            "An address the organisation wants shown publicly, not a person's."
        ),
    )

    objects = SwedishOrderedManager()

    panels = [
        FieldPanel("name"),
        FieldPanel("organisation_number"),
        FieldPanel("kind"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("email")], heading=_("Contact")
        ),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation_number"),
        index.AutocompleteField("organisation_number"),
        index.SearchField("description"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # Plain field names: modelcluster orders in-memory relations by these.
        # The manager orders database queries the Swedish way.
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.organisation_number:
            try:
                self.organisation_number = normalise_organisation_number(
                    self.organisation_number
                )
            except ValidationError as error:
                raise ValidationError({"organisation_number": error.messages}) from None

    def save(self, *args, **kwargs):
        # Normalised here as well so that imports and the shell store one spelling.
        if self.organisation_number:
            self.organisation_number = normalise_organisation_number(
                self.organisation_number
            )
        else:
            self.organisation_number = None
        super().save(*args, **kwargs)


class MunicipalBody(NameSortMixin, TranslatableMixin, index.Indexed, models.Model):
    """A committee (nämnd), an administration (förvaltning) or a municipal company."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council")
        COMMITTEE = "committee", _("Committee")
        ADMINISTRATION = "administration", _("Administration")
        COMPANY = "company", _("Municipal company")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=32, choices=Kind.choices, default=Kind.COMMITTEE
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("belongs to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("For an administration: the committee it serves."),
    )
    website = models.URLField(_("website"), blank=True)

    objects = SwedishOrderedManager()

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        FieldPanel("website"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("municipal body")
        verbose_name_plural = _("municipal bodies")
        # Plain field names: modelcluster orders in-memory relations by these.
        # The manager orders database queries the Swedish way.
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        node, seen = self.parent, {self.pk}
        while node is not None:
            if node.pk in seen:
                raise ValidationError(
                    {
                        "parent": _(
                            "A body cannot belong to itself, directly or through others."
                        )
                    }
                )
            seen.add(node.pk)
            node = node.parent


class FocusArea(NameSortMixin, TranslatableMixin, index.Indexed, models.Model):
    """A policy area such as integration, children and young people, or culture."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        allow_unicode=True,
        blank=True,
        help_text=_(
            "Used in addresses and filters; made from the name when left empty."
        ),
    )
    description = models.TextField(_("short description"), blank=True, max_length=1000)

    objects = SwedishOrderedManager()

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        # Plain field names: modelcluster orders in-memory relations by these.
        # The manager orders database queries the Swedish way.
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="samverkan_focusarea_unique_slug"
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)[:255]
        clash = FocusArea.objects.filter(locale_id=self.locale_id, slug=self.slug)
        if self.pk:
            clash = clash.exclude(pk=self.pk)
        if self.locale_id and clash.exists():
            raise ValidationError(
                {
                    "slug": _(
                        "Another focus area in this language already uses this slug."
                    )
                }
            )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)[:255]
        super().save(*args, **kwargs)
