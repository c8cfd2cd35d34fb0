"""The agreement's blocks: its page bodies and the blocks for host pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from wagtail_samverkan.agreement.caching import AREA
from wagtail_samverkan.core.blocks import (
    CachedRenderMixin,
    CalloutBlock,
    DocumentLinkBlock,
    FigureBlock,
    QuoteBlock,
    heading_block,
    paragraph_block,
)


def agreement_body_blocks():
    """The blocks of the agreement's full and easy-to-read bodies."""
    return [
        (
            "heading",
            heading_block(
                icon="title",
                template="wagtail_samverkan/agreement/blocks/heading.html",
                help_text=_(
                    "A section heading; it is listed in the table of contents."
                ),
            ),
        ),
        (
            "paragraph",
            paragraph_block(
                features=["bold", "italic", "ol", "ul", "link", "document-link"]
            ),
        ),
        ("quote", QuoteBlock()),
        ("image", FigureBlock()),
        ("document", DocumentLinkBlock()),
        ("callout", CalloutBlock()),
    ]


def _live_public_agreement(page):
    """The chosen agreement page when visitors may see it, else None."""
    if page is None or not page.live:
        return None
    from wagtail_samverkan.agreement.models import AgreementPage
    from wagtail_samverkan.core.pages import is_private

    if not isinstance(page, AgreementPage):
        page = AgreementPage.objects.filter(pk=page.pk).first()
        if page is None or not page.live:
            return None
    return None if is_private(page) else page


class AgreementPrinciplesBlock(CachedRenderMixin, blocks.StructBlock):
    """The principles of the agreement: chosen ones, or all of one agreement's."""

    cache_areas = (AREA,)

    heading = blocks.CharBlock(
        label=_("heading"), required=False, help_text=_("For example “Our principles”.")
    )
    agreement = blocks.PageChooserBlock(
        label=_("agreement"),
        page_type="wagtail_samverkan.AgreementPage",
        required=False,
        help_text=_(
            "Show all the principles of this agreement, with the commitments. "
            "Leave empty to choose principles below."
        ),
    )
    principles = blocks.ListBlock(
        SnippetChooserBlock("wagtail_samverkan.Principle"),
        label=_("principles"),
        required=False,
        help_text=_("Used when no agreement is chosen. Drafts are not shown."),
    )
    show_commitments = blocks.BooleanBlock(
        label=_("show the commitments"),
        required=False,
        default=True,
        help_text=_("Only when an agreement is chosen."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Principles of the agreement")
        template = "wagtail_samverkan/blocks/agreement_principles.html"

    def get_context(self, value, parent_context=None):
        from wagtail_samverkan.agreement.models import Principle

        context = super().get_context(value, parent_context=parent_context)
        agreement = _live_public_agreement(value.get("agreement"))
        context["agreement"] = agreement
        if agreement is not None:
            context["sections"] = agreement.get_principle_sections()
            context["principles"] = []
        else:
            chosen = [p.pk for p in value.get("principles") or [] if p is not None]
            by_pk = Principle.objects.filter(pk__in=chosen, live=True).in_bulk()
            context["sections"] = []
            context["principles"] = [by_pk[pk] for pk in chosen if pk in by_pk]
        return context


class AgreementSummaryBlock(CachedRenderMixin, blocks.StructBlock):
    """A short card about one agreement: title, status, adoption date, link."""

    cache_areas = (AREA,)

    agreement = blocks.PageChooserBlock(
        label=_("agreement"), page_type="wagtail_samverkan.AgreementPage"
    )
    text = blocks.TextBlock(
        label=_("text"),
        required=False,
        help_text=_("Leave empty to use the agreement's introduction."),
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Agreement summary")
        template = "wagtail_samverkan/blocks/agreement_summary.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        agreement = _live_public_agreement(value.get("agreement"))
        context["agreement"] = agreement
        if agreement is not None:
            context["status"] = agreement.get_status()
            context["text"] = value.get("text") or agreement.intro
        return context
