"""One IOP: the page and the blocks of its description."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.search import index

from wagtail_samverkan.core.collation import refresh_sort_key, sort_text
from wagtail_samverkan.core.i18n import in_locale, synchronized
from wagtail_samverkan.core.pages import BasePage, CachedBodyMixin, SamverkanPageMixin
from wagtail_samverkan.partnerships.blocks import PartnershipBodyBlock
from wagtail_samverkan.partnerships.caching import AREA
from wagtail_samverkan.partnerships.forms import PartnershipPageForm
from wagtail_samverkan.partnerships.status import Status, local_today, once
from wagtail_samverkan.register.models import MunicipalBody


class PartnershipPage(CachedBodyMixin, SamverkanPageMixin, BasePage):
    """One idea-based public partnership (IOP)."""

    samverkan_area = "partnerships"

    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two plain sentences shown in the register and in lists."),
    )
    body = StreamField(
        PartnershipBodyBlock(),
        verbose_name=_("description"),
        blank=True,
        help_text=_("Background, purpose, goals and what each party contributes."),
    )
    target_group = models.TextField(
        _("target group"),
        blank=True,
        max_length=1000,
        help_text=_("Who the IOP is for, e.g. “newly arrived families with children”."),
    )
    responsible_body = models.ForeignKey(
        MunicipalBody,
        verbose_name=_("responsible committee"),
        on_delete=models.PROTECT,
        null=True,
        related_name="responsible_for_partnerships",
        help_text=_("The committee (nämnd) that is responsible for the IOP."),
    )
    administering_body = models.ForeignKey(
        MunicipalBody,
        verbose_name=_("administration"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="administered_partnerships",
        help_text=_("The administration (förvaltning) that does the work."),
    )
    start_date = models.DateField(
        _("start date"), help_text=_("The first day of the IOP period.")
    )
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_(
            "The last day of the period. Leave empty if the IOP runs until further notice."
        ),
    )
    notice_period = models.CharField(
        _("notice period and renegotiation"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Six months’ notice; renegotiated every third year”."),
    )
    terminated_on = models.DateField(
        _("terminated on"),
        null=True,
        blank=True,
        help_text=_(
            "Only if the IOP was ended before its end date: the last day it ran. "
            "Must lie within the period."
        ),
    )
    termination_reason = models.TextField(
        _("reason for early termination"), blank=True, max_length=2000
    )
    decision_body = models.ForeignKey(
        MunicipalBody,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_partnerships",
        help_text=_("The committee or council that decided on the IOP."),
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    registration_number = models.CharField(
        _("registration number"),
        max_length=64,
        blank=True,
        help_text=_("The diarienummer of the decision, e.g. “KS 2021-00123”."),
    )
    agreement_document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("signed agreement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The signed IOP agreement, preferably as an accessible PDF."),
    )
    # The title in Swedish alphabetical order as plain text (see
    # ``collation.sort_text``): the register sorts on an index instead of
    # calling a collation for every comparison.
    title_sort = models.CharField(
        _("title sort key"), max_length=255, editable=False, db_index=True, default=""
    )

    base_form_class = PartnershipPageForm
    parent_page_types = ["wagtail_samverkan.PartnershipIndexPage"]
    subpage_types = []
    template = "wagtail_samverkan/partnerships/partnership_page.html"

    overview_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        InlinePanel(
            "partners",
            label=_("Partner organisations"),
            help_text=_("At least one organisation is needed before publishing."),
        ),
        MultiFieldPanel(
            [FieldPanel("responsible_body"), FieldPanel("administering_body")],
            heading=_("Municipal side"),
        ),
        InlinePanel("focus_area_links", label=_("Focus areas")),
        FieldPanel("target_group"),
    ]
    agreement_panels = [
        FieldPanel("body"),
        InlinePanel(
            "principle_links",
            label=_("Principles it builds on"),
            help_text=_(
                "The principles of the agreement with the civil society that this "
                "IOP builds on. Only published principles are shown on the site."
            ),
        ),
    ]
    period_panels = [
        FieldRowPanel(
            [FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Period")
        ),
        FieldPanel("notice_period"),
        MultiFieldPanel(
            [FieldPanel("terminated_on"), FieldPanel("termination_reason")],
            heading=_("Early termination"),
        ),
    ]
    funding_panels = [
        InlinePanel(
            "funding_rows",
            label=_("Funding per year"),
            help_text=_(
                "One row per year. Years should lie within the period; a year "
                "more than one year outside it is refused."
            ),
        )
    ]
    decision_panels = [
        MultiFieldPanel(
            [
                FieldPanel("decision_body"),
                FieldPanel("decision_date"),
                FieldPanel("registration_number"),
            ],
            heading=_("Decision"),
        ),
        FieldPanel("agreement_document"),
        InlinePanel("documents", label=_("Other documents")),
    ]
    follow_up_panels = [InlinePanel("follow_ups", label=_("Follow-ups"))]
    contact_panels = [
        InlinePanel(
            "contacts",
            label=_("Contact persons"),
            help_text=_(
                "Names, e-mail addresses and phone numbers are personal data. "
                "They are shown on the site only for contacts marked “show publicly”."
            ),
        )
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(overview_panels, heading=_("Overview")),
            ObjectList(agreement_panels, heading=_("Agreement")),
            ObjectList(period_panels, heading=_("Period")),
            ObjectList(funding_panels, heading=_("Funding")),
            ObjectList(decision_panels, heading=_("Decision and documents")),
            ObjectList(follow_up_panels, heading=_("Follow-up")),
            ObjectList(contact_panels, heading=_("Contacts")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("target_group"),
        index.SearchField("registration_number"),
        index.AutocompleteField("registration_number"),
        index.RelatedFields(
            "partners",
            [index.RelatedFields("organisation", [index.SearchField("name")])],
        ),
        index.RelatedFields(
            "focus_area_links",
            [index.RelatedFields("focus_area", [index.SearchField("name")])],
        ),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
        index.FilterField("terminated_on"),
        index.FilterField("responsible_body"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("terminated_on"),
        APIField("status"),
        APIField("target_group"),
        APIField("registration_number"),
        APIField("decision_date"),
        APIField("partners"),
        APIField("funding_rows"),
        APIField(
            "principles",
            serializer=serializers.JSONField(
                source="get_api_principles", read_only=True
            ),
        ),
    ]

    # wagtail-localize: the registration number reads the same in English.
    override_translatable_fields = synchronized("registration_number")

    class Meta:
        verbose_name = _("IOP")
        verbose_name_plural = _("IOPs")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date is before the start date.")
        if (
            self.terminated_on
            and self.start_date
            and self.terminated_on < self.start_date
        ):
            errors["terminated_on"] = _(
                "The IOP cannot be terminated before it starts."
            )
        elif (
            self.terminated_on and self.end_date and self.terminated_on > self.end_date
        ):
            errors["terminated_on"] = _(
                "The termination date is after the end date; change the end date instead."
            )
        if self.termination_reason and not self.terminated_on:
            errors["terminated_on"] = _("Give the date the IOP was terminated.")
        if errors:
            raise ValidationError(errors)

    def update_title_sort(self):
        self.title_sort = sort_text(self.title)

    def save(self, *args, **kwargs):
        refresh_sort_key(self, "title", "title_sort", kwargs)
        return super().save(*args, **kwargs)

    cache_areas = (AREA,)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.get_fragment_context(request, "iop"))
        today = local_today()

        # Loaded only when the body is rendered, not when it comes from the
        # cache; each at most once however often the template reads it.
        @once
        def funding():
            return sorted(self.funding_rows.all(), key=lambda row: row.year)

        @once
        def totals():
            return {
                "municipal": sum(row.municipal_amount or 0 for row in funding()),
                "organisations": sum(row.organisation_amount or 0 for row in funding()),
                # No value in kind given in any row is "–", like each such row.
                "in_kind": None
                if all(row.in_kind_value is None for row in funding())
                else sum(row.in_kind_value or 0 for row in funding()),
            }

        @once
        def follow_ups():
            return sorted(
                self.follow_ups.select_related("document").all(),
                key=lambda item: item.date,
                reverse=True,
            )

        @once
        def register_url():
            parent = self.get_parent()
            return parent.get_url(request) if parent else None

        context.update(
            {
                "today": today,
                "status": self.status_on(today),
                "status_label": Status(self.status_on(today)).label,
                "partners": self.partners.select_related("organisation").all(),
                "focus_areas": once(lambda: self.focus_areas),
                "principles": once(lambda: self.principles),
                "funding": funding,
                "totals": totals,
                "follow_ups": follow_ups,
                "documents": self.documents.select_related("document").all(),
                "contacts": once(lambda: self.public_contacts),
                "register_url": register_url,
            }
        )
        return context

    # -- Derived values ------------------------------------------------------

    def status_on(self, today):
        if today < self.start_date:
            return Status.PLANNED
        if self.terminated_on is not None:
            return Status.TERMINATED if today > self.terminated_on else Status.ACTIVE
        if self.end_date is not None and today > self.end_date:
            return Status.ENDED
        return Status.ACTIVE

    @property
    def status(self):
        return self.status_on(local_today())

    def get_status_display(self):
        return Status(self.status).label

    @property
    def last_day(self):
        """The day the IOP stops (termination or end date), or None if open-ended."""
        return self.terminated_on or self.end_date

    @cached_property
    def focus_areas(self):
        """The focus areas, in the editor's order."""
        return [
            link.focus_area
            for link in self.focus_area_links.select_related("focus_area").all()
        ]

    @cached_property
    def principles(self):
        """The published principles it builds on, in the editor's order."""
        # In the IOP's own language where the principle is translated.
        return in_locale(
            [
                link.principle
                for link in self.principle_links.filter(principle__live=True)
                .select_related("principle")
                .order_by("sort_order", "pk")
            ],
            self.locale_id,
        )

    def get_api_principles(self):
        return [
            {"number": principle.number, "name": principle.name}
            for principle in self.principles
        ]

    @cached_property
    def funding_list(self):
        return sorted(self.funding_rows.all(), key=lambda row: row.year)

    @cached_property
    def public_contacts(self):
        return [contact for contact in self.contacts.all() if contact.show_publicly]

    def amount_for_year(self, year):
        for row in self.funding_list:
            if row.year == year:
                return row.municipal_amount
        return None
