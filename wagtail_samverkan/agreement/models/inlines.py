"""The agreement's inline rows (principles, signatories, milestones, follow-ups).

With the page methods that read them for the templates and the API, each in
a bounded number of queries.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField

from wagtail_samverkan.agreement.models.principles import Principle
from wagtail_samverkan.agreement.models.status import AgreementStatus
from wagtail_samverkan.core.conf import local_today
from wagtail_samverkan.core.inlines import FollowUpBase, InlineRow
from wagtail_samverkan.core.pages import active_language_code
from wagtail_samverkan.register.models import Organisation


class AgreementContentMixin:
    """Reading the inline rows of :class:`AgreementPage`."""

    # -- Content ----------------------------------------------------------

    def get_principle_sections(self):
        """The agreement's principles that are published, with commitments.

        Each item is the inline row with ``shown_principle`` set to the live
        principle in the active language (or the chosen one when that
        language has no translation). Two queries whatever the number.
        """
        rows = list(
            self.agreement_principles.select_related("principle").order_by(
                "sort_order", "pk"
            )
        )
        keys = {row.principle.translation_key for row in rows}
        translations = {}
        if keys:
            translations = {
                p.translation_key: p
                for p in Principle.objects.filter(
                    translation_key__in=keys,
                    locale__language_code=active_language_code(),
                    live=True,
                )
            }
        sections = []
        for row in rows:
            shown = translations.get(row.principle.translation_key)
            if shown is None and row.principle.live:
                shown = row.principle
            if shown is None:
                continue
            row.shown_principle = shown
            sections.append(row)
        return sections

    def get_milestones(self):
        return list(self.milestones.order_by("sort_order", "pk"))

    def get_follow_ups(self):
        return list(
            self.follow_ups.select_related("document").order_by("sort_order", "pk")
        )

    def get_signatories(self):
        signatories = list(
            self.signatories.select_related("organisation").order_by("sort_order", "pk")
        )
        self._signatories_loaded = signatories
        return signatories

    def get_signatory_count(self):
        if self.signatory_count is not None:
            return self.signatory_count
        loaded = getattr(self, "_signatories_loaded", None)
        if loaded is not None:
            return len(loaded) or None
        return self.signatories.count() or None

    def get_principles_search_text(self):
        parts = []
        for row in self.agreement_principles.select_related("principle"):
            if row.principle.live:
                parts += [row.principle.name, row.principle.summary]
            parts += [
                row.elaboration,
                row.municipality_commitments,
                row.organisations_commitments,
            ]
        return strip_tags(" ".join(part for part in parts if part))

    def get_table_of_contents(self, sections, milestones, follow_ups, signatories=()):
        """(anchor, title) pairs for the table of contents."""
        toc = []
        for block in self.body:
            if block.block_type == "heading":
                toc.append((f"avsnitt-{block.id}", str(block.value)))
        if sections:
            toc.append(("principer", _("Principles and commitments")))
        if milestones:
            toc.append(("historik", _("How the agreement came about")))
        if follow_ups:
            toc.append(("uppfoljning", _("Follow-ups")))
        if self.signed_document_id or signatories:
            toc.append(("undertecknad", _("Signed agreement")))
        return toc

    # -- API --------------------------------------------------------------

    def get_api_principles(self):
        return [
            {
                "number": row.shown_principle.number,
                "name": row.shown_principle.name,
                "summary": row.shown_principle.summary,
                "source": row.shown_principle.source,
                "elaboration": row.elaboration,
                "commitments": {
                    "municipality": row.municipality_commitments,
                    "organisations": row.organisations_commitments,
                },
            }
            for row in self.get_principle_sections()
        ]

    def get_api_milestones(self):
        return [
            {
                "date": milestone.date_attribute,
                "precision": milestone.precision,
                "title": milestone.title,
                "text": milestone.text,
                "link": milestone.link_url,
            }
            for milestone in self.get_milestones()
        ]

    def get_api_follow_ups(self):
        return [
            {
                "period": follow_up.period,
                "title": follow_up.title,
                "summary": follow_up.summary,
                "document": follow_up.document.url if follow_up.document else None,
            }
            for follow_up in self.get_follow_ups()
        ]


class AgreementParts:
    """What an agreement page shows, each part read from the database once, when used.

    The page's context holds these parts as lazy values, so a template that
    does not show a part (the easy-to-read route, a cached page body) costs
    no query for it.
    """

    def __init__(self, page, today=None):
        self.page = page
        self.today = today or local_today()

    @cached_property
    def sections(self):
        return self.page.get_principle_sections()

    @cached_property
    def milestones(self):
        return self.page.get_milestones()

    @cached_property
    def follow_ups(self):
        return self.page.get_follow_ups()

    @cached_property
    def signatories(self):
        return self.page.get_signatories()

    @cached_property
    def signatory_count(self):
        if self.page.signatory_count is not None:
            return self.page.signatory_count
        return len(self.signatories) or None

    @cached_property
    def status(self):
        return self.page.get_status(self.today)

    @cached_property
    def superseding_agreement(self):
        if self.status != AgreementStatus.SUPERSEDED:
            return None
        return self.page.get_version_in_force(self.today)

    @cached_property
    def last_day(self):
        return self.page.get_last_day(self.today)

    @cached_property
    def previous_version(self):
        return self.page.get_previous_version()

    @cached_property
    def table_of_contents(self):
        return self.page.get_table_of_contents(
            self.sections, self.milestones, self.follow_ups, self.signatories
        )


class AgreementPrinciple(InlineRow):
    """A principle as this agreement states it, with each party's commitments."""

    page = ParentalKey(
        "wagtail_samverkan.AgreementPage",
        on_delete=models.CASCADE,
        related_name="agreement_principles",
    )
    principle = models.ForeignKey(
        Principle,
        verbose_name=_("principle"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Only published principles are shown on the site."),
    )
    elaboration = RichTextField(
        _("local elaboration"),
        blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("What the principle means here, in this agreement."),
    )
    municipality_commitments = RichTextField(
        _("the municipality commits to"),
        blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
    )
    organisations_commitments = RichTextField(
        _("the organisations commit to"),
        blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
    )

    panels = [
        FieldPanel("principle"),
        FieldPanel("elaboration"),
        FieldRowPanel(
            [
                FieldPanel("municipality_commitments"),
                FieldPanel("organisations_commitments"),
            ]
        ),
    ]

    class Meta(InlineRow.Meta):
        verbose_name = _("principle of the agreement")
        verbose_name_plural = _("principles of the agreement")


class AgreementSignatory(InlineRow):
    page = ParentalKey(
        "wagtail_samverkan.AgreementPage",
        on_delete=models.CASCADE,
        related_name="signatories",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [FieldPanel("organisation")]

    class Meta(InlineRow.Meta):
        verbose_name = _("signing organisation")
        verbose_name_plural = _("signing organisations")


class AgreementMilestone(InlineRow):
    """A step in the agreement's history; its date may be a year or a month only."""

    class Precision(models.TextChoices):
        YEAR = "year", _("Year")
        MONTH = "month", _("Month")
        DAY = "day", _("Day")

    page = ParentalKey(
        "wagtail_samverkan.AgreementPage",
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    date = models.DateField(
        _("date"),
        help_text=_(
            "For a year only, enter 1 January of that year; for a month only, "
            "the first day of the month."
        ),
    )
    precision = models.CharField(
        _("precision"),
        max_length=8,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_(
            "How exactly the date is known: “2011”, “March 2015” or “26 March 2015”."
        ),
    )
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("short text"), blank=True, max_length=1000)
    link_url = models.URLField(
        _("link"), blank=True, help_text=_("Optional link to read more.")
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("precision")]),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("link_url"),
    ]

    class Meta(InlineRow.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return f"{self.display_date}: {self.title}"

    def clean(self):
        super().clean()
        if not isinstance(self.date, datetime.date):
            return
        if self.precision == self.Precision.YEAR and (
            self.date.month,
            self.date.day,
        ) != (1, 1):
            raise ValidationError(
                {
                    "date": _(
                        "With the precision “year”, enter 1 January of the year "
                        "(for example %(year)d-01-01); only the year is shown."
                    )
                    % {"year": self.date.year}
                }
            )
        if self.precision == self.Precision.MONTH and self.date.day != 1:
            raise ValidationError(
                {
                    "date": _(
                        "With the precision “month”, enter the first day of the "
                        "month (for example %(example)s); only the month and year are shown."
                    )
                    % {"example": self.date.replace(day=1).isoformat()}
                }
            )

    @property
    def date_attribute(self):
        """The machine-readable date for ``<time datetime>``: 2011, 2015-03 or 2015-03-26."""
        if self.precision == self.Precision.YEAR:
            return f"{self.date.year:04d}"
        if self.precision == self.Precision.MONTH:
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()

    @property
    def display_date(self):
        """The date as people write it, in the active language."""
        if self.precision == self.Precision.YEAR:
            return str(self.date.year)
        if self.precision == self.Precision.MONTH:
            return date_format(self.date, "YEAR_MONTH_FORMAT")
        return date_format(self.date, "j F Y")


class AgreementFollowUp(FollowUpBase):
    """A joint follow-up (uppföljning) of the agreement: a report or an evaluation."""

    page = ParentalKey(
        "wagtail_samverkan.AgreementPage",
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    period = models.CharField(
        _("period or year"),
        max_length=64,
        help_text=_("For example “2019” or “2019–2020”."),
    )
    title = models.CharField(_("title"), max_length=255)
    due_date = models.DateField(
        _("to be ready by"),
        null=True,
        blank=True,
        help_text=_(
            "For a follow-up still to be made: the editors' cockpit and the reminders "
            "say when it is due, until it has a summary or a document."
        ),
    )

    @property
    def heading(self):
        """The title, followed by the period unless the title already names it."""
        if not self.period or self.period in self.title:
            return self.title
        return f"{self.title} ({self.period})"

    panels = [
        FieldRowPanel([FieldPanel("period"), FieldPanel("title")]),
        FieldPanel("due_date"),
        FieldPanel("summary"),
        FieldPanel("document"),
    ]
