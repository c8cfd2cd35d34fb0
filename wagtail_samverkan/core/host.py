"""How the package's pages meet the host site's base template.

The package's stylesheet belongs in the host's ``<head>``. Host base
templates name the block there differently: the example site and many
projects have ``extra_head``, a site made with ``wagtail start`` has
``extra_css``. The package fills whichever of them the base template has
(``extra_head`` first), and when it has neither, links the stylesheet at the
start of the page's content, where HTML allows it too, so that the styles
always arrive; a system check then says which block to add.
"""

import functools

from django.core import checks
from django.core.signals import setting_changed
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template
from django.template.loader_tags import BlockNode, ExtendsNode

from wagtail_samverkan.core.conf import samverkan_settings

#: Blocks of a host base template that are in its ``<head>``, in the order
#: the package prefers them.
HEAD_BLOCKS = ("extra_head", "extra_css")


def _block_names(template, seen=()):
    """Every block name of ``template`` and the templates it extends."""
    names = set()
    parents = []

    def walk(nodelist):
        for node in nodelist or ():
            if isinstance(node, BlockNode):
                names.add(node.name)
            if isinstance(node, ExtendsNode):
                parents.append(node.parent_name)
            for attr in getattr(node, "child_nodelists", ()):
                walk(getattr(node, attr, None))

    walk(template.nodelist)
    for parent in parents:
        # Only a parent named by a constant string can be followed.
        name = parent.resolve(Context()) if hasattr(parent, "resolve") else parent
        if isinstance(name, str) and name not in seen:
            try:
                parent_template = get_template(name).template
            except TemplateDoesNotExist:
                continue
            names |= _block_names(parent_template, (*seen, name))
    return names


@functools.cache
def head_block(template_name):
    """The head block of ``template_name`` the package fills, or "" if none."""
    try:
        template = get_template(template_name).template
    except TemplateDoesNotExist:
        return ""
    names = _block_names(template, (template_name,))
    return next((name for name in HEAD_BLOCKS if name in names), "")


def _forget(*, setting, **kwargs):
    if setting in ("WAGTAIL_SAMVERKAN", "TEMPLATES"):
        head_block.cache_clear()


setting_changed.connect(_forget)


def check_base_template(app_configs=None, **kwargs):
    """Warn when the host's base template has no head block for the stylesheet."""
    name = samverkan_settings.BASE_TEMPLATE
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return [
            checks.Error(
                f"The base template {name!r} does not exist.",
                hint="Set WAGTAIL_SAMVERKAN['BASE_TEMPLATE'] to your site's base "
                "template, e.g. 'base.html'.",
                id="wagtail_samverkan.E001",
            )
        ]
    if head_block(name):
        return []
    return [
        checks.Warning(
            f"The base template {name!r} (WAGTAIL_SAMVERKAN['BASE_TEMPLATE']) has "
            "no {% block extra_head %} or {% block extra_css %}: the package's "
            "stylesheet is linked from the page body instead of the <head>.",
            hint="Add {% block extra_head %}{% endblock %} inside the <head> of "
            f"{name!r}.",
            id="wagtail_samverkan.W001",
        )
    ]
