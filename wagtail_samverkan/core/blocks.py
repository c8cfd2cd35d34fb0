"""Blocks every area shares: body blocks and the cached rendering of host-page blocks.

The body blocks (quote, figure, document link, call-out, heading, paragraph)
are the pieces the areas' page bodies are made of; each area lists the ones
its pages offer. ``CachedRenderMixin`` keeps a host-page block's output in
the package's cache.
"""

import json

from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from wagtail_samverkan.core import cache

#: The rich-text features of body paragraphs.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


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


def heading_block(**kwargs):
    """A section heading of a page body."""
    return blocks.CharBlock(label=_("Heading"), form_classname="title", **kwargs)


def paragraph_block(label=None, features=None):
    """A rich-text paragraph of a page body."""
    return blocks.RichTextBlock(
        label=label or _("Paragraph"), features=list(features or RICH_TEXT_FEATURES)
    )


class CachedRenderMixin:
    """Keeps the rendered block in the cache (see ``wagtail_samverkan.cache``).

    The key is the block's value (what the editor chose) with the language,
    the site, today's date and the generation token; publishing anything the
    block shows makes it stale. Previews are never cached. The block shows
    only live, public content, whoever the page is for.
    """

    #: The cache areas whose changes make the block stale (all when empty).
    cache_areas = ()

    def render(self, value, context=None):
        request = (context or {}).get("request")
        if cache.is_preview(request):
            return super().render(value, context)
        key = cache.make_key(
            "block",
            type(self).__module__,
            type(self).__qualname__,
            self.get_template(value, context=context),
            json.dumps(self.get_prep_value(value), sort_keys=True, default=str),
            request=request,
            areas=self.cache_areas,
        )
        cached = cache.get(key)
        if cached is not None:
            return mark_safe(cached)  # noqa: S308 - rendered by the block's template before
        output = super().render(value, context)
        cache.set(key, output)
        return output
