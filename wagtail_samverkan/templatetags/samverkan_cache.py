"""``{% samverkan_cache key %}…{% endsamverkan_cache %}``: a fragment kept in the cache.

The key comes from the page's ``get_context()`` (made with
``wagtail_samverkan.cache.fragment_key()`` or ``page_key()``) and holds the
generations of what the fragment shows, the language, the site and the
fragment's own parts, so a fragment is never read again once anything in it
changes. With an empty key (a preview, a private page) the enclosed template
is rendered and not cached; with a cached fragment it is not rendered at all.
"""

from django import template
from django.utils.safestring import mark_safe

from wagtail_samverkan.core import cache

register = template.Library()


class CacheNode(template.Node):
    def __init__(self, nodelist, key):
        self.nodelist = nodelist
        self.key = key

    def render(self, context):
        key = self.key.resolve(context)
        if not key:
            return self.nodelist.render(context)
        cached = cache.get(key)
        if cached is not None:
            return mark_safe(cached)  # noqa: S308 - rendered by this template before
        output = self.nodelist.render(context)
        cache.set(key, output)
        return output


@register.tag("samverkan_cache")
def samverkan_cache(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes exactly one argument")
    nodelist = parser.parse(("endsamverkan_cache",))
    parser.delete_first_token()
    return CacheNode(nodelist, parser.compile_filter(bits[1]))
