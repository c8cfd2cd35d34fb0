"""Demo content: fictional but realistic data for a Borås-like municipality."""


def show_in_menus(page):
    """Put a demo page in the site's menu, where the base page model has one.

    A swapped base page model (Wagtail 8) need not have ``show_in_menus``.
    """
    if any(field.name == "show_in_menus" for field in page._meta.get_fields()):
        page.show_in_menus = True
