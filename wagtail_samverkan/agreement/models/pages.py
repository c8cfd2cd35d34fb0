"""The agreement (överenskommelse) between the municipality and civil society.

``AgreementPage`` is one version of the agreement, with its principles and
the two parties' commitments, its signatories, its history and follow-ups.
The status of an agreement is never typed: it is derived from its dates and
from the live agreements that supersede it.

The pages are here; the body's blocks are in ``agreement_blocks``, status
and versions in ``agreement_status``, the inline rows and the reading of
them in ``agreement_inlines``. Every name stays importable from here.
"""

from django.db import models
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
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
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from wagtail_samverkan.agreement.blocks import agreement_body_blocks
from wagtail_samverkan.agreement.caching import AREA
from wagtail_samverkan.agreement.models.inlines import (
    AgreementContentMixin,
    AgreementParts,
)
from wagtail_samverkan.agreement.models.status import (
    AgreementStatus,
    AgreementVersionsMixin,
    annotate_statuses,
)
from wagtail_samverkan.core.conf import samverkan_settings
from wagtail_samverkan.core.i18n import synchronized
from wagtail_samverkan.core.pages import (
    BasePage,
    CachedBodyMixin,
    SamverkanPageMixin,
    SingleChildTypeRoutingMixin,
)
from wagtail_samverkan.register.models import MunicipalBody

# --- The agreement page ---------------------------------------------------


class AgreementIndexPage(
    CachedBodyMixin,
    SamverkanPageMixin,
    RoutablePageMixin,
    SingleChildTypeRoutingMixin,
    BasePage,
):
    """Lists the versions of the agreement, the one in force first."""

    samverkan_area = "agreement"
    in_data_catalogue = True

    cache_areas = (AREA,)

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

    @path("")
    def index_view(self, request):
        return self.render(request)

    @path("agreements.json/", name="agreements_json")
    @path("export/json/", name="agreements_json_alias")
    def agreements_json(self, request):
        from wagtail_samverkan.agreement.exports import json_response

        return json_response(self, request)

    @path("schema.json/", name="agreements_schema")
    @path("export/schema/", name="agreements_schema_alias")
    def agreements_schema(self, request):
        from wagtail_samverkan.agreement.exports import schema_response

        return schema_response(request)

    def export_urls(self, request=None):
        """Addresses of the open-data files (relative to the site).

        ``agreements.json`` and ``schema.json`` when the host includes
        ``wagtail_samverkan.urls``; ``export/json/`` and ``export/schema/``
        otherwise.
        """
        from wagtail_samverkan.core.routing import file_route_url

        base = self.get_url(request) or ""
        names = ("agreements_json", "agreements_schema")
        if file_route_url(self, request, "agreements.json"):
            return {
                name: base + self.reverse_subpage(name).rstrip("/") for name in names
            }
        return {name: base + self.reverse_subpage(name + "_alias") for name in names}

    def get_cached_paths(self):
        """What a front-end cache purges with the index (its file changes too)."""
        return ["/", "agreements.json", "export/json/"]

    def get_alternate_links(self, request):
        return [
            (
                "application/json",
                self.export_urls(request)["agreements_json"],
                _("The agreements as JSON"),
            )
        ]

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


class AgreementPage(
    CachedBodyMixin,
    AgreementVersionsMixin,
    AgreementContentMixin,
    SamverkanPageMixin,
    RoutablePageMixin,
    BasePage,
):
    """One version of the agreement between the municipality and civil society."""

    samverkan_area = "agreement"

    cache_areas = (AREA,)

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

    # wagtail-localize: the registration number reads the same in English.
    override_translatable_fields = synchronized("registration_number")

    parent_page_types = ["wagtail_samverkan.AgreementIndexPage"]
    subpage_types = []
    template = "wagtail_samverkan/agreement/agreement_page.html"
    easy_read_template = "wagtail_samverkan/agreement/agreement_page_easy_read.html"

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

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
                "last_day": SimpleLazyObject(lambda: parts.last_day),
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
            # The translations' easy-to-read versions may not exist.
            easy_read.pop("alternates", None)
            easy_read["location"] = urls[0]["location"] + self.reverse_subpage(
                "easy_read"
            )
            urls.append(easy_read)
        return urls

    def get_cached_paths(self):
        """What a front-end cache purges with the agreement: its easy-to-read page too."""
        return ["/", "lattlast/"]

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
