"""``{% samverkan_cached %}…{% endsamverkan_cached %}``: a page body from the cache.

The page's ``get_context()`` decides: ``samverkan_fragment`` holds the cached
body (the enclosed template is then not rendered at all), or
``samverkan_fragment_key`` says where to store the body once rendered. With
neither (a preview, a private page) the enclosed template is rendered as is.
"""

from django import template
from django.utils.safestring import mark_safe

from .. import cache

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        cached = context.get("samverkan_fragment")
        if cached is not None:
            return mark_safe(cached)  # noqa: S308 - rendered by this template before
        output = self.nodelist.render(context)
        key = context.get("samverkan_fragment_key")
        if key:
            cache.set(key, output)
        return output


@register.tag("samverkan_cached")
def samverkan_cached(parser, token):
    nodelist = parser.parse(("endsamverkan_cached",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist)
