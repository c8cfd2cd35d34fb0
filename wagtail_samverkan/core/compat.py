"""Compatibility with Wagtail's swappable base page model (Wagtail 8+).

A host site may set ``WAGTAIL_PAGE_MODEL`` to its own base page; the page
types of this package then extend that model. On Wagtail 7.4 the setting does
not exist and the base page is always ``wagtailcore.Page``.
"""

import swapper

# Wagtail 8 names the setting WAGTAIL_PAGE_MODEL; ensure the same on 7.x.
swapper.set_app_prefix("wagtailcore", "wagtail")

PAGE_MODEL = swapper.get_model_name("wagtailcore", "Page")
PAGE_PTR = f"{swapper.split(PAGE_MODEL)[1].lower()}_ptr"


def get_base_page_model():
    """The concrete base page model the host site uses."""
    if swapper.is_swapped("wagtailcore", "Page"):
        return swapper.load_model("wagtailcore", "Page", require_ready=False)
    from wagtail.models import Page

    return Page
