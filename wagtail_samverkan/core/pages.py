"""What every page type of the package shares."""

from urllib.parse import quote, unquote

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.lookups import StartsWith
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import PageViewRestriction, Site

from wagtail_samverkan.core import cache
from wagtail_samverkan.core.compat import get_base_page_model
from wagtail_samverkan.core.conf import area_enabled, samverkan_settings
from wagtail_samverkan.core.host import head_block
from wagtail_samverkan.core.identifiers import absolute_url

BasePage = get_base_page_model()


class SamverkanPageMixin:
    """Gives templates the host site's base template name.

    Package templates extend ``wagtail_samverkan/base.html``, which extends
    the template named by ``WAGTAIL_SAMVERKAN["BASE_TEMPLATE"]``.
    """

    #: The area of the package the page type belongs to: a page type of an
    #: area the site does not use (``WAGTAIL_SAMVERKAN["AREAS"]``) cannot be
    #: created.
    samverkan_area = None

    @classmethod
    def can_create_at(cls, parent):
        return area_enabled(cls.samverkan_area) and super().can_create_at(parent)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["samverkan_base_template"] = samverkan_settings.BASE_TEMPLATE
        context["samverkan_head_block"] = head_block(samverkan_settings.BASE_TEMPLATE)
        context["samverkan_meta"] = SimpleLazyObject(
            lambda: self.get_head_metadata(request)
        )
        return context

    # -- What machines read: description, canonical address, alternates ------

    def get_meta_description(self):
        """The search description, else the page's summary or introduction."""
        text = getattr(self, "search_description", "") or getattr(self, "summary", "")
        if not text:
            text = strip_tags(str(getattr(self, "intro", "") or ""))
        return Truncator(" ".join(text.split())).chars(300)

    #: The rendition shared with the page (Open Graph's recommended 1.91:1).
    meta_image_filter = "fill-1200x630"

    def get_meta_image_url(self, request=None):
        """The absolute address of the page's image for sharing, or ""."""
        if not getattr(self, "image_id", None):
            return ""
        rendition = self.image.get_rendition(self.meta_image_filter)
        return absolute_url(rendition.url, request=request)

    def get_language_alternates(self, request=None):
        """``[{"lang_code", "location"}]``: the page in each language it is published in.

        Empty when the page has no published translation (nor i18n enabled):
        one language needs no alternates.
        """
        from wagtail_samverkan.core.i18n import page_translations

        return [
            {"lang_code": item["language_code"], "location": item["full_url"]}
            for item in page_translations(self, request)
        ]

    def get_sitemap_urls(self, request=None):
        """The page's address, with ``hreflang`` alternates where it is translated."""
        urls = super().get_sitemap_urls(request)
        alternates = self.get_language_alternates(request)
        if alternates:
            for url in urls:
                url["alternates"] = alternates
        return urls

    #: Whether the page publishes a dataset of the site's data catalogue,
    #: which its ``<head>`` then links (see ``core.dcat``).
    in_data_catalogue = False

    def get_alternate_links(self, request):
        """``[(media type, address, title)]``: the files this page offers."""
        return []

    def get_catalogue_links(self, request):
        from wagtail_samverkan.core.dcat import catalogue_link

        link = catalogue_link(request) if self.in_data_catalogue else None
        return [link] if link else []

    def get_head_metadata(self, request):
        """What ``includes/head.html`` puts in the host's ``<head>``."""
        url = self.get_full_url(request) or ""
        # Decoded, as ``request.path`` is: a slug such as "möten" is
        # percent-encoded in the page's address.
        relative = unquote(self.get_url(request) or "")
        path = getattr(request, "path", "") or ""
        if url and relative and path.startswith(relative):
            # A route of the page (``arkiv/``, ``lattlast/``) is its own address.
            url += quote(path[len(relative) :])
        # The request's site is already known: no query.
        site = Site.find_for_request(request)

        return {
            "canonical_url": url,
            "description": self.get_meta_description(),
            "title": getattr(self, "seo_title", "") or self.title,
            "site_name": getattr(site, "site_name", "") if site else "",
            "image": self.get_meta_image_url(request),
            "alternates": [
                # On the Site's root URL, as the page's own address is.
                {
                    "type": kind,
                    "href": absolute_url(href, request=request),
                    "title": title,
                }
                for kind, href, title in self.get_alternate_links(request)
                + self.get_catalogue_links(request)
                if href
            ],
        }


class SingleChildTypeRoutingMixin:
    """Reads a child page and its own fields in one query when routing to it.

    Wagtail's ``Page.route`` reads a child as a plain page, then its specific
    page: two queries for every level of the address. A page whose
    ``subpage_types`` name one page type (an IOP register, a calendar, an
    agreement index) reads its children joined to that type's table instead.
    Addresses that match no such child go on to Wagtail's own routing, so a
    child of another type (moved there by a script, say) is still served.
    Put it after ``RoutablePageMixin`` so that the page's own routes
    (``export.csv``, ``arkiv/``) are tried first.
    """

    def route(self, request, path_components):
        subpage_models = type(self).clean_subpage_models()
        if path_components and len(subpage_models) == 1:
            model = subpage_models[0]
            subpage = (
                model.objects.child_of(self).filter(slug=path_components[0]).first()
            )
            if subpage is not None:
                if subpage.specific_class is not model:
                    # A subclass of the one allowed type: its own fields too.
                    subpage = subpage.specific
                # As Wagtail does: get_parent() needs no query.
                subpage._cached_parent_obj = self
                return subpage.route(request, path_components[1:])
        return super().route(request, path_components)


def not_private_q():
    """Pages outside every private (view-restricted) section, as one condition.

    The same pages as Wagtail's ``PageQuerySet.public()``, but as a ``NOT
    EXISTS`` subquery instead of a first query that reads every restriction.
    """
    return ~Exists(
        PageViewRestriction.objects.filter(
            StartsWith(OuterRef("path"), F("page__path"))
        )
    )


def is_private(page):
    """Whether a view restriction applies to the page or one of its ancestors."""
    steplen = page.steplen
    paths = [page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]
    return PageViewRestriction.objects.filter(page__path__in=paths).exists()


def site_q(request, path_field="path"):
    """Pages (or rows whose ``path_field`` is a page's path) in the request's site.

    A block on one site of a multi-site install lists that site's pages only.
    The site's root path is a subquery, so this adds no query of its own.
    No request or no matching site: no condition.
    """
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return Q()
    root_path = BasePage.objects.filter(pk=site.root_page_id).values("path")[:1]
    return Q(StartsWith(F(path_field), Subquery(root_path)))


def active_language_code():
    """The content language of the active language, as a Locale's language code."""
    try:
        return get_supported_content_language_variant(get_language())
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


class CachedBodyMixin:
    """A page whose body (``{% samverkan_cache samverkan_cache_key %}``) is cached."""

    #: The cache areas whose changes make the body stale (all when empty).
    cache_areas = ()

    def get_fragment_context(self, request, variant):
        """``samverkan_cache_key``: where the body is cached, or "" for no caching.

        Previews, pages that are not live and private pages are not cached.
        A cached body was public when it was stored, and a new view
        restriction makes it stale, so privacy is checked only on a miss.
        """
        key = cache.page_key(self, request, variant, areas=self.cache_areas)
        if key and cache.get(key) is None and is_private(self):
            key = None
        return {"samverkan_cache_key": key or ""}
