"""The blocks of the agreement's body (full and easy-to-read)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


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
