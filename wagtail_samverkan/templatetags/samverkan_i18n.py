"""Template helpers for sites in more than one language."""

from django import template

from wagtail_samverkan.core.i18n import page_translations

register = template.Library()


@register.simple_tag(takes_context=True)
def samverkan_translations(context, page):
    """The page's live translations, for ``hreflang`` links and a language switcher.

    ``{% samverkan_translations page as translations %}``: a list of dicts with
    ``language_code``, ``name`` (in its own language), ``url``, ``full_url``
    and ``current``; empty when the page is in one language only.
    """
    return page_translations(page, context.get("request"))


@register.filter
def samverkan_language(page, default=""):
    """The language of the page's content: its locale's language code."""
    locale = getattr(page, "locale", None)
    return getattr(locale, "language_code", None) or default
