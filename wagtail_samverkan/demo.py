"""Loads the demo content; used by the ``samverkan_demo`` management command.

Every step is idempotent: running it twice gives the same content.
"""

from django.db import transaction
from wagtail.models import Locale, Site

from wagtail_samverkan.agreement import demo as agreement
from wagtail_samverkan.events import demo as events
from wagtail_samverkan.partnerships import demo as partnerships
from wagtail_samverkan.register import demo as register

# Each area's demo module is one step here as (name, load, reset). ``load(context)`` gets
# what earlier steps returned under their names, so the order matters.
STEPS = [
    ("register", register.load, register.reset),
    ("agreement", agreement.load, agreement.reset),
    ("events", events.load, events.reset),
    ("partnerships", partnerships.load, partnerships.reset),
]


def get_locale():
    return Locale.get_default()


def get_parent_page(site=None):
    site = (
        site
        or Site.objects.filter(is_default_site=True).first()
        or Site.objects.first()
    )
    if site is None:
        raise RuntimeError("No Wagtail site exists: run migrate first.")
    return site.root_page.specific


@transaction.atomic
def load_demo(parent=None, stdout=None):
    """Create or update all demo content under ``parent`` (the site's root page)."""
    context = {"locale": get_locale(), "parent": parent or get_parent_page()}
    for name, load, _reset in STEPS:
        context[name] = load(context)
        if stdout:
            stdout.write(f"  {name}: ok")
    return context


@transaction.atomic
def reset_demo(stdout=None):
    """Remove the demo content, newest area first."""
    for name, _load, reset in reversed(STEPS):
        reset()
        if stdout:
            stdout.write(f"  {name}: removed")
