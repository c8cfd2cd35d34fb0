"""The agreement (överenskommelse) between the municipality and civil society.

``AgreementPage`` is one version of the agreement, with its principles and
the two parties' commitments, its signatories, its history and follow-ups.
The status of an agreement is never typed: it is derived from its dates and
from the live agreements that supersede it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import StartsWith
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents import get_document_model_string
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import (
    Orderable,
    PageViewRestriction,
)
from wagtail.search import index

from .. import cache as fragment_cache
from ..conf import samverkan_settings
from .base import BasePage, SamverkanPageMixin
from .principles import Principle
from .register import MunicipalBody, Organisation

# --- Content blocks of the agreement's body ---------------------------------


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "wagtail_samverkan/agreement/blocks/quote.html"


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        help_text=_(
            "Describe what the image shows for those who cannot see it. "
            "Leave empty if the image is only decoration."
        ),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "wagtail_samverkan/agreement/blocks/figure.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(
        label=_("link text"),
        required=False,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "wagtail_samverkan/agreement/blocks/document.html"


class CalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False)
    text = blocks.RichTextBlock(
        label=_("text"), features=["bold", "italic", "ol", "ul", "link"]
    )

    class Meta:
        icon = "warning"
        label = _("Call-out")
        template = "wagtail_samverkan/agreement/blocks/callout.html"


def agreement_body_blocks():
    """The blocks of the agreement's full and easy-to-read bodies."""
    return [
        (
            "heading",
            blocks.CharBlock(
                label=_("Heading"),
                form_classname="title",
                icon="title",
                template="wagtail_samverkan/agreement/blocks/heading.html",
                help_text=_(
                    "A section heading; it is listed in the table of contents."
                ),
            ),
        ),
        (
            "paragraph",
            blocks.RichTextBlock(
                label=_("Paragraph"),
                features=["bold", "italic", "ol", "ul", "link", "document-link"],
            ),
        ),
        ("quote", QuoteBlock()),
        ("image", FigureBlock()),
        ("document", DocumentLinkBlock()),
        ("callout", CalloutBlock()),
    ]


# --- Helpers ---------------------------------------------------------------


def not_private_q():
    """Pages outside every private (view-restricted) section, as one condition.

    The same pages as Wagtail's ``PageQuerySet.public()``, but as a ``NOT
    EXISTS`` subquery instead of a first query that reads every restriction.
    """
    return ~Exists(
        PageViewRestriction.objects.filter(
            StartsWith(OuterRef("path"), F("page__path"))
        )
    )


def is_private(page):
    """Whether a view restriction applies to the page or one of its ancestors."""
    steplen = page.steplen
    paths = [page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]
    return PageViewRestriction.objects.filter(page__path__in=paths).exists()


def active_language_code():
    """The content language of the active language, as a Locale's language code."""
    try:
        return get_supported_content_language_variant(get_language())
    except LookupError:
        from django.conf import settings

        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


# --- The agreement page ---------------------------------------------------


class AgreementStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    NOT_YET_IN_FORCE = "not_yet_in_force", _("Not yet in force")
    SUPERSEDED = "superseded", _("Superseded")
    EXPIRED = "expired", _("Expired")


class CachedBodyMixin:
    """A page whose body (``{% samverkan_cache samverkan_cache_key %}``) is cached."""

    #: The cache areas whose changes make the body stale.
    cache_areas = (fragment_cache.AGREEMENT,)

    def get_fragment_context(self, request, variant):
        """``samverkan_cache_key``: where the body is cached, or "" for no caching.

        Previews, pages that are not live and private pages are not cached.
        A cached body was public when it was stored, and a new view
        restriction makes it stale, so privacy is checked only on a miss.
        """
        key = fragment_cache.page_key(self, request, variant, areas=self.cache_areas)
        if key and fragment_cache.get(key) is None and is_private(self):
            key = None
        return {"samverkan_cache_key": key or ""}


class AgreementIndexPage(CachedBodyMixin, SamverkanPageMixin, BasePage):
    """Lists the versions of the agreement, the one in force first."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few sentences on what the agreement is, shown above the list."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    subpage_types = ["wagtail_samverkan.AgreementPage"]
    template = "wagtail_samverkan/agreement/agreement_index_page.html"

    class Meta:
        verbose_name = _("agreement index page")
        verbose_name_plural = _("agreement index pages")

    def get_agreements(self):
        """The live, public agreements below this page, newest first."""
        agreements = list(
            AgreementPage.objects.child_of(self)
            .live()
            .public()
            .select_related("decided_by")
            .order_by("-valid_from", "-decision_date", "-pk")
        )
        annotate_statuses(agreements)
        return agreements

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.get_fragment_context(request, "index"))
        agreements = SimpleLazyObject(self.get_agreements)
        context["agreements"] = agreements
        context["agreement_in_force"] = SimpleLazyObject(
            lambda: next(
                (a for a in agreements if a.status == AgreementStatus.IN_FORCE), None
            )
        )
        return context


def annotate_statuses(agreements, today=None):
    """Set ``status`` and ``superseding_agreement`` on many agreements in one query."""
    ids = [agreement.pk for agreement in agreements]
    successors = {}
    for successor in (
        AgreementPage.objects.live()
        .filter(not_private_q())
        .filter(supersedes_id__in=ids)
        .order_by("valid_from", "decision_date", "pk")
    ):
        successors.setdefault(successor.supersedes_id, []).append(successor)
    for agreement in agreements:
        agreement._successors = successors.get(agreement.pk, [])
        agreement.status = agreement.get_status(today)


class AgreementPage(CachedBodyMixin, SamverkanPageMixin, RoutablePageMixin, BasePage):
    """One version of the agreement between the municipality and civil society."""

    other_party = models.CharField(
        _("the other party"),
        max_length=255,
        blank=True,
        help_text=_(
            "Who the municipality makes the agreement with, in words, e.g. "
            "“the idea-based organisations in the municipality”. When empty: "
            "“the idea-based organisations”."
        ),
    )
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A short summary shown at the top of the page and in lists."),
    )
    body = StreamField(
        agreement_body_blocks(),
        blank=True,
        verbose_name=_("the agreement's text"),
        help_text=_("Headings appear in the table of contents."),
    )
    easy_read_body = StreamField(
        agreement_body_blocks(),
        blank=True,
        verbose_name=_("easy-to-read version"),
        help_text=_(
            "The same agreement in plain, easy-to-read words: short sentences, "
            "common words. Shown at its own address, linked from the agreement."
        ),
    )

    decided_by = models.ForeignKey(
        MunicipalBody,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Usually the municipal council (kommunfullmäktige)."),
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    registration_number = models.CharField(
        _("registration number"),
        max_length=64,
        blank=True,
        help_text=_(
            "The case number (diarienummer) of the decision, e.g. KS 2021-00123."
        ),
    )
    valid_from = models.DateField(
        _("valid from"),
        null=True,
        blank=True,
        help_text=_("When empty, the agreement applies from the decision date."),
    )
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty if the agreement applies until a new one replaces it."
        ),
    )
    signed_document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("signed document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The signed agreement, usually a PDF."),
    )
    signatory_count = models.PositiveIntegerField(
        _("number of signing organisations"),
        null=True,
        blank=True,
        help_text=_(
            "How many organisations have signed. When empty, the signatories "
            "listed below are counted."
        ),
    )
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superseded_by",
        help_text=_(
            "The earlier version this agreement replaces. When this agreement "
            "is published and in force, the earlier one is shown as superseded."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("other_party"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    easy_read_panels = [FieldPanel("easy_read_body")]
    principle_panels = [
        InlinePanel(
            "agreement_principles",
            heading=_("Principles and commitments"),
            label=_("Principle"),
            help_text=_(
                "Choose the principles in the order they appear in the agreement "
                "and write what each party commits to."
            ),
        )
    ]
    decision_panels = [
        MultiFieldPanel(
            [
                FieldPanel("decided_by"),
                FieldRowPanel(
                    [FieldPanel("decision_date"), FieldPanel("registration_number")]
                ),
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
                PageChooserPanel("supersedes", "wagtail_samverkan.AgreementPage"),
            ],
            heading=_("Decision and validity"),
        ),
        MultiFieldPanel(
            [FieldPanel("signed_document"), FieldPanel("signatory_count")],
            heading=_("Signatures"),
        ),
        InlinePanel(
            "signatories", heading=_("Signing organisations"), label=_("Organisation")
        ),
    ]
    history_panels = [
        InlinePanel(
            "milestones",
            heading=_("History"),
            label=_("Milestone"),
            help_text=_(
                "How the agreement came about, from the first step to the decision."
            ),
        ),
        InlinePanel("follow_ups", heading=_("Follow-ups"), label=_("Follow-up")),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(easy_read_panels, heading=_("Easy-to-read")),
            ObjectList(principle_panels, heading=_("Principles")),
            ObjectList(decision_panels, heading=_("Decision")),
            ObjectList(history_panels, heading=_("History and follow-up")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("easy_read_body"),
        index.SearchField("registration_number"),
        index.SearchField("get_principles_search_text"),
    ]

    api_fields = [
        APIField(
            "other_party",
            serializer=serializers.CharField(source="get_other_party", read_only=True),
        ),
        APIField("intro"),
        APIField("body"),
        APIField("easy_read_body"),
        APIField("decision_date"),
        APIField("registration_number"),
        APIField("valid_from"),
        APIField("valid_until"),
        APIField(
            "status",
            serializer=serializers.CharField(source="get_status", read_only=True),
        ),
        APIField("supersedes_id"),
        APIField(
            "signatory_count",
            serializer=serializers.IntegerField(
                source="get_signatory_count", read_only=True
            ),
        ),
        APIField(
            "principles",
            serializer=serializers.JSONField(
                source="get_api_principles", read_only=True
            ),
        ),
        APIField(
            "milestones",
            serializer=serializers.JSONField(
                source="get_api_milestones", read_only=True
            ),
        ),
        APIField(
            "follow_ups",
            serializer=serializers.JSONField(
                source="get_api_follow_ups", read_only=True
            ),
        ),
    ]

    parent_page_types = ["wagtail_samverkan.AgreementIndexPage"]
    subpage_types = []
    template = "wagtail_samverkan/agreement/agreement_page.html"
    easy_read_template = "wagtail_samverkan/agreement/agreement_page_easy_read.html"

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    # -- Validation -------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The agreement cannot end before it starts.")
        if self.supersedes_id:
            if self.pk and self.supersedes_id == self.pk:
                errors["supersedes"] = _("An agreement cannot replace itself.")
            elif self.pk and self._supersedes_chain_reaches(self.pk):
                errors["supersedes"] = _(
                    "This would make a circle: the chosen agreement already "
                    "replaces this one, directly or through other versions."
                )
        if errors:
            raise ValidationError(errors)

    def _supersedes_chain_reaches(self, target_pk):
        seen = set()
        current = self.supersedes_id
        while current is not None and current not in seen:
            if current == target_pk:
                return True
            seen.add(current)
            current = (
                AgreementPage.objects.filter(pk=current)
                .values_list("supersedes_id", flat=True)
                .first()
            )
        return False

    # -- Status -------------------------------------------------------------

    @property
    def starts_on(self):
        """The first day the agreement applies: valid from, else the decision date."""
        return self.valid_from or self.decision_date

    @cached_property
    def _related_versions(self):
        """The live, public agreements that replace this one or that it replaces.

        One query for both directions.
        """
        if self.pk is None:
            return []
        condition = Q(supersedes_id=self.pk)
        if self.supersedes_id:
            condition |= Q(pk=self.supersedes_id)
        return list(
            AgreementPage.objects.live()
            .filter(condition)
            .filter(not_private_q())
            .exclude(pk=self.pk)
            .order_by("valid_from", "decision_date", "pk")
        )

    @cached_property
    def _successors(self):
        return [a for a in self._related_versions if a.supersedes_id == self.pk]

    def get_superseding_agreement(self, today=None):
        """The later live agreement that has replaced this one, if any.

        A successor counts once it has started; one decided but not yet in
        force leaves this version in force until then. In a (faulty) circle of
        replacements only the later of two versions counts as replacing.
        """
        today = today or timezone.localdate()
        for successor in self._successors:
            if successor.pk == self.pk:
                continue
            start = successor.starts_on
            if start is not None and start > today:
                continue
            if (
                start is not None
                and self.starts_on is not None
                and start < self.starts_on
            ):
                continue
            return successor
        return None

    def get_status(self, today=None):
        today = today or timezone.localdate()
        if self.get_superseding_agreement(today) is not None:
            return AgreementStatus.SUPERSEDED
        start = self.starts_on
        if start is not None and start > today:
            return AgreementStatus.NOT_YET_IN_FORCE
        if self.valid_until is not None and self.valid_until < today:
            return AgreementStatus.EXPIRED
        return AgreementStatus.IN_FORCE

    def get_status_display(self, today=None):
        return AgreementStatus(self.get_status(today)).label

    def get_version_in_force(self, today=None):
        """Follow the replacements to the newest version; stops on circles."""
        seen = {self.pk}
        current = self.get_superseding_agreement(today)
        if current is None:
            return None
        while True:
            following = current.get_superseding_agreement(today)
            if following is None or following.pk in seen:
                return current
            seen.add(current.pk)
            current = following

    def get_previous_version(self):
        """The earlier version this one replaces, when it is live and public."""
        if not self.supersedes_id or self.supersedes_id == self.pk:
            return None
        return next(
            (a for a in self._related_versions if a.pk == self.supersedes_id), None
        )

    # -- Content ----------------------------------------------------------

    def get_principle_sections(self):
        """The agreement's principles that are published, with commitments.

        Each item is the inline row with ``shown_principle`` set to the live
        principle in the active language (or the chosen one when that
        language has no translation). Two queries whatever the number.
        """
        rows = list(
            self.agreement_principles.select_related("principle").order_by("sort_order")
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

    @property
    def municipality_name(self):
        return samverkan_settings.MUNICIPALITY_NAME

    def get_other_party(self):
        return self.other_party or _("the idea-based organisations")

    def get_context(self, request, *args, variant="full", **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.get_fragment_context(request, variant))
        parts = AgreementParts(self)
        context.update(
            {
                "principle_sections": SimpleLazyObject(lambda: parts.sections),
                "milestones": SimpleLazyObject(lambda: parts.milestones),
                "follow_ups": SimpleLazyObject(lambda: parts.follow_ups),
                "signatories": SimpleLazyObject(lambda: parts.signatories),
                "signatory_count": SimpleLazyObject(lambda: parts.signatory_count),
                "status": SimpleLazyObject(lambda: parts.status),
                "superseding_agreement": SimpleLazyObject(
                    lambda: parts.superseding_agreement
                ),
                "previous_version": SimpleLazyObject(lambda: parts.previous_version),
                "table_of_contents": SimpleLazyObject(lambda: parts.table_of_contents),
                "municipality_name": self.municipality_name,
                "has_easy_read": bool(self.easy_read_body),
            }
        )
        return context

    @property
    def easy_read_url(self):
        if not self.easy_read_body:
            return None
        url = self.get_url()
        return url + self.reverse_subpage("easy_read") if url else None

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if self.easy_read_body and urls:
            easy_read = dict(urls[0])
            easy_read["location"] = urls[0]["location"] + self.reverse_subpage(
                "easy_read"
            )
            urls.append(easy_read)
        return urls

    @path("lattlast/", name="easy_read")
    def easy_read(self, request):
        if not self.easy_read_body:
            raise Http404
        return self.render(
            request,
            variant="easy_read",
            template=self.easy_read_template,
            context_overrides={"easy_read": True},
        )

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
        self.today = today or timezone.localdate()

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
    def previous_version(self):
        return self.page.get_previous_version()

    @cached_property
    def table_of_contents(self):
        return self.page.get_table_of_contents(
            self.sections, self.milestones, self.follow_ups, self.signatories
        )


class AgreementPrinciple(Orderable):
    """A principle as this agreement states it, with each party's commitments."""

    page = ParentalKey(
        AgreementPage, on_delete=models.CASCADE, related_name="agreement_principles"
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

    class Meta(Orderable.Meta):
        verbose_name = _("principle of the agreement")
        verbose_name_plural = _("principles of the agreement")


class AgreementSignatory(Orderable):
    page = ParentalKey(
        AgreementPage, on_delete=models.CASCADE, related_name="signatories"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("signing organisation")
        verbose_name_plural = _("signing organisations")


class AgreementMilestone(Orderable):
    """A step in the agreement's history; its date may be a year or a month only."""

    class Precision(models.TextChoices):
        YEAR = "year", _("Year")
        MONTH = "month", _("Month")
        DAY = "day", _("Day")

    page = ParentalKey(
        AgreementPage, on_delete=models.CASCADE, related_name="milestones"
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

    class Meta(Orderable.Meta):
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


class AgreementFollowUp(Orderable):
    """A joint follow-up (uppföljning) of the agreement: a report or an evaluation."""

    page = ParentalKey(
        AgreementPage, on_delete=models.CASCADE, related_name="follow_ups"
    )
    period = models.CharField(
        _("period or year"),
        max_length=64,
        help_text=_("For example “2019” or “2019–2020”."),
    )
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True, max_length=2000)
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("period"), FieldPanel("title")]),
        FieldPanel("summary"),
        FieldPanel("document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")


__all__ = [
    "AgreementFollowUp",
    "AgreementIndexPage",
    "AgreementMilestone",
    "AgreementPage",
    "AgreementPrinciple",
    "AgreementSignatory",
    "AgreementStatus",
]
