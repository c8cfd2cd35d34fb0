"""``{% samverkan_cache key %}…{% endsamverkan_cache %}``: a fragment cached under ``key``.

The key comes from the view (``wagtail_samverkan.events_cache.fragment_key``) and
holds the current generation, the language, the site and what the fragment
shows, so a fragment is never read again once anything in it changes. With
an empty key (e.g. in a preview) the fragment is rendered and not cached.
"""

from django import template
from django.utils.safestring import mark_safe

from .. import events_cache as cache

register = template.Library()


class CacheNode(template.Node):
    def __init__(self, nodelist, key):
        self.nodelist = nodelist
        self.key = key

    def render(self, context):
        key = self.key.resolve(context)
        if not key:
            return self.nodelist.render(context)
        store = cache.get_cache()
        value = store.get(key)
        if value is None:
            value = self.nodelist.render(context)
            store.set(key, str(value), cache.FRAGMENT_SECONDS)
        return mark_safe(value)


@register.tag("samverkan_cache")
def samverkan_cache(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes exactly one argument")
    nodelist = parser.parse(("endsamverkan_cache",))
    parser.delete_first_token()
    return CacheNode(nodelist, parser.compile_filter(bits[1]))
