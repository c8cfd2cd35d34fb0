"""Loads and removes the demo content; used by the ``samverkan_demo`` command.

The demo records every row and page it creates (``DemoRecord``) and finds its
content again only through those records, so loading twice gives the same
content and nothing of the host site is ever matched, changed or removed.
"""

from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site

from wagtail_samverkan.agreement import demo as agreement
from wagtail_samverkan.core import accessibility_demo as accessibility
from wagtail_samverkan.core import demo as core
from wagtail_samverkan.core.compat import get_base_page_model
from wagtail_samverkan.editors.roles import ensure_roles
from wagtail_samverkan.events import demo as events
from wagtail_samverkan.partnerships import demo as partnerships
from wagtail_samverkan.register import demo as register

# Each area's demo module is one step here as (name, module). ``load(context)``
# gets what earlier steps returned under their names, so the order matters.
STEPS = [
    ("register", register),
    ("agreement", agreement),
    ("events", events),
    ("partnerships", partnerships),
    ("accessibility", accessibility),
]

ROOT_KEY = "core:root"
ROOT_SLUG = "samverkan-demo"

#: Examples named per kind of host content in a refusal.
EXAMPLES = 3


def get_locale():
    return Locale.get_default()


def get_parent_page(site=None):
    site = (
        site
        or Site.objects.filter(is_default_site=True).first()
        or Site.objects.first()
    )
    if site is None:
        raise CommandError(_("No Wagtail site exists: run migrate first."))
    return site.root_page.specific


def host_content(parent, beside_pages=False):
    """``[(what, count, examples)]``: content the demo did not create.

    The package's own rows and pages anywhere, and any page under ``parent``
    (unless ``beside_pages``).
    """
    found = []
    for _name, module in STEPS:
        for model in module.MODELS:
            rows = core.not_recorded(model._base_manager.all())
            if rows.exists():
                found.append(
                    (model._meta.verbose_name_plural, rows.count(), rows[:EXAMPLES])
                )
    base = get_base_page_model()
    pages = core.not_recorded(
        base.objects.filter(content_type__app_label="wagtail_samverkan")
    )
    if pages.exists():
        found.append((_("pages of this package"), pages.count(), pages[:EXAMPLES]))
    under = core.not_recorded(base.objects.descendant_of(parent))
    if not beside_pages and under.exists():
        found.append(
            (
                _("pages under “%(parent)s”") % {"parent": parent.title},
                under.count(),
                under[:EXAMPLES],
            )
        )
    return found


def describe_host_content(found):
    return "; ".join(
        f"{what}: {count} ({', '.join(f'“{row}”' for row in examples)}"
        f"{', …' if count > len(examples) else ''})"
        for what, count, examples in found
    )


def _demo_root(parent):
    """The demo's own page under ``parent``, made on the first ``--alongside``."""
    root = core.recorded(get_base_page_model(), ROOT_KEY)
    if root is None:
        # Not in the site's menus: the site's own navigation stays as it was.
        root = get_base_page_model()(
            title=_("Samverkan (demo)"), slug=core.free_slug(parent, ROOT_SLUG)
        )
        parent.add_child(instance=root)
        root.save_revision().publish()
        core.record(ROOT_KEY, root)
    return root


@transaction.atomic
def load_demo(parent=None, alongside=False, beside_pages=False, stdout=None):
    """Create or update all demo content under ``parent`` (the site's root page).

    On a site with content the demo did not create it refuses with a
    ``CommandError`` unless ``alongside``: then everything goes under a page
    of the demo's own, made under ``parent``. ``beside_pages`` lets the demo
    pages go under ``parent`` beside other pages, as long as the site has no
    content of this package.
    """
    parent = parent or get_parent_page()
    found = host_content(parent, beside_pages=beside_pages)
    if found and not alongside:
        raise CommandError(
            _(
                "This site has content the demo did not create: %(found)s. The demo "
                "never changes a site's own content. Run samverkan_demo --alongside "
                "to load it beside that content, under a page of its own (or "
                "--beside-pages when all it found are other pages)."
            )
            % {"found": describe_host_content(found)}
        )
    if alongside or core.recorded(get_base_page_model(), ROOT_KEY):
        parent = _demo_root(parent)
        if stdout:
            stdout.write(
                _("  the demo's pages are under %(url)s") % {"url": parent.url or "/"}
            )
    context = {"locale": get_locale(), "parent": parent, "notices": []}
    for name, module in STEPS:
        context[name] = module.load(context)
        if stdout:
            stdout.write(f"  {name}: ok")
    # English translations of some of it, where the site publishes English.
    english = core.english_locale()
    if english is not None:
        for _name, module in STEPS:
            if hasattr(module, "translate"):
                module.translate(context, english)
        if stdout:
            stdout.write("  English: ok")
    # After the translations: the roles cover the English index pages too.
    if alongside:
        # The roles give permissions on every index page, the site's own too.
        context["notices"].append(
            _("Run samverkan_roles to create the editors' groups and workflow.")
        )
    else:
        roles = ensure_roles()
        if stdout:
            stdout.write(f"  roles: {roles['editors'].name}, {roles['workflow'].name}")
    if stdout:
        for notice in context["notices"]:
            stdout.write(f"  {notice}")
    return context


@transaction.atomic
def remove_demo(stdout=None):
    """Remove exactly what the demo created, or nothing.

    Refuses with a ``CommandError`` naming the rows when host content refers
    to demo content (a host IOP naming a demo organisation, a page put under a
    demo page), as removing would delete or change the host's content.
    """
    objects = core.recorded_objects()
    references = core.host_references(objects)
    if references:
        raise CommandError(
            _(
                "The demo content was not removed: this site's own content refers "
                "to it. Remove those references first, then run --remove again:\n%(rows)s"
            )
            % {"rows": "\n".join(core.describe_references(references))}
        )
    count = len(objects)
    core.delete_recorded(objects)
    if stdout:
        stdout.write(_("  removed %(count)d rows and pages") % {"count": count})
    return count
