"""The rows of an IOP edited inline on its page.

Partners, focus areas, principles, funding per year, follow-ups, contact
persons and documents.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.documents import get_document_model_string

from wagtail_samverkan.agreement.models.principles import Principle
from wagtail_samverkan.core.inlines import FollowUpBase, InlineRow
from wagtail_samverkan.register.models import FocusArea, Organisation

PARTNERSHIP_PAGE = "wagtail_samverkan.PartnershipPage"
NOT_NEGATIVE = MinValueValidator(0, message=_("An amount cannot be negative."))


class PartnershipPartner(InlineRow):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead partner")
        PARTNER = "partner", _("Partner")

    page = ParentalKey(
        PARTNERSHIP_PAGE, on_delete=models.CASCADE, related_name="partners"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="partnership_roles",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.PARTNER
    )

    panels = [FieldPanel("organisation"), FieldPanel("role")]
    api_fields = [
        APIField("organisation_name"),
        APIField("organisation_number"),
        APIField("role"),
    ]

    class Meta(InlineRow.Meta):
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self):
        return str(self.organisation)

    @property
    def organisation_name(self):
        return self.organisation.name

    @property
    def organisation_number(self):
        return self.organisation.organisation_number


class PartnershipFocusArea(InlineRow):
    page = ParentalKey(
        PARTNERSHIP_PAGE, on_delete=models.CASCADE, related_name="focus_area_links"
    )
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name=_("focus area"),
        on_delete=models.PROTECT,
        related_name="partnership_links",
    )

    panels = [FieldPanel("focus_area")]

    class Meta(InlineRow.Meta):
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self):
        return str(self.focus_area)


class PartnershipPrinciple(InlineRow):
    """A principle (princip) of the agreement that the IOP builds on."""

    page = ParentalKey(
        PARTNERSHIP_PAGE, on_delete=models.CASCADE, related_name="principle_links"
    )
    principle = models.ForeignKey(
        Principle,
        verbose_name=_("principle"),
        on_delete=models.PROTECT,
        related_name="partnership_links",
    )

    panels = [FieldPanel("principle")]

    class Meta(InlineRow.Meta):
        verbose_name = _("principle")
        verbose_name_plural = _("principles")

    def __str__(self):
        return str(self.principle)


class PartnershipFunding(InlineRow):
    page = ParentalKey(
        PARTNERSHIP_PAGE, on_delete=models.CASCADE, related_name="funding_rows"
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(1990)],
        help_text=_("Normally a year within the IOP period."),
    )
    municipal_amount = models.BigIntegerField(
        _("municipal contribution (SEK)"),
        default=0,
        validators=[NOT_NEGATIVE],
        help_text=_("Money from the municipality this year, in whole kronor."),
    )
    organisation_amount = models.BigIntegerField(
        _("organisations’ contribution (SEK)"),
        default=0,
        validators=[NOT_NEGATIVE],
        help_text=_("Money the organisations contribute this year, in whole kronor."),
    )
    in_kind_description = models.TextField(
        _("contributions in kind"),
        blank=True,
        max_length=1000,
        help_text=_("E.g. premises, volunteer hours, staff time."),
    )
    in_kind_value = models.BigIntegerField(
        _("value of contributions in kind (SEK)"),
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
        help_text=_("Optional: an estimated value in whole kronor."),
    )

    panels = [
        FieldRowPanel(
            [
                FieldPanel("year"),
                FieldPanel("municipal_amount"),
                FieldPanel("organisation_amount"),
            ]
        ),
        FieldPanel("in_kind_description"),
        FieldPanel("in_kind_value"),
    ]
    api_fields = [
        APIField("year"),
        APIField("municipal_amount"),
        APIField("organisation_amount"),
        APIField("in_kind_description"),
        APIField("in_kind_value"),
    ]

    class Meta(InlineRow.Meta):
        verbose_name = _("funding row")
        verbose_name_plural = _("funding rows")

    def __str__(self):
        return str(self.year)


class PartnershipFollowUp(FollowUpBase):
    page = ParentalKey(
        PARTNERSHIP_PAGE, on_delete=models.CASCADE, related_name="follow_ups"
    )
    date = models.DateField(_("date"))
    title = models.CharField(
        _("title"), max_length=255, help_text=_("E.g. “Annual report 2023”.")
    )

    panels = [
        FieldPanel("date"),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("document"),
    ]

    def __str__(self):
        return self.title


class PartnershipContact(InlineRow):
    page = ParentalKey(
        PARTNERSHIP_PAGE, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(
        _("role"), max_length=255, blank=True, help_text=_("E.g. “Project manager”.")
    )
    affiliation = models.CharField(
        _("organisation or municipality"),
        max_length=255,
        blank=True,
        help_text=_(
            "Where the person works, e.g. the association or the administration."
        ),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    show_publicly = models.BooleanField(
        _("show publicly"),
        default=False,
        help_text=_(
            "Only tick this if the person has agreed to be shown on the site and in open data."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("affiliation"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("show_publicly"),
    ]

    class Meta(InlineRow.Meta):
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return self.name


class PartnershipDocument(InlineRow):
    page = ParentalKey(
        PARTNERSHIP_PAGE, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(
        _("title"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty to use the document's own title."),
    )
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(InlineRow.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title or str(self.document)

    @property
    def display_title(self):
        return self.title or self.document.title
