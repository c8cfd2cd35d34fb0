"""The one namespaced setting, ``WAGTAIL_SAMVERKAN``, read in one place.

Every key is optional; :data:`DEFAULTS` documents what an unset key means.
"""

from django.conf import settings
from django.core.signals import setting_changed

DEFAULTS = {
    # The template every public page of the package extends. It must define
    # the blocks ``title`` and ``content``, and should have ``extra_head`` or
    # ``extra_css`` in its <head> for the stylesheet (see ``core.host``).
    "BASE_TEMPLATE": "base.html",
    # Shown as the municipal party of the agreement, in feeds and in open data.
    "MUNICIPALITY_NAME": "",
    # Events without an explicit time zone are entered and shown in this zone.
    "TIME_ZONE": "Europe/Stockholm",
    # The municipality's organisation identifier in org-id.guide form:
    # "SE-ON-" and its organisation number, e.g. "SE-ON-2120001637". It names
    # the publisher in open data and starts every open-data id, so that ids
    # never depend on the site's address.
    "PUBLISHER_ID": "",
    # The contact point of the data catalogue (DCAT-AP-SE): an e-mail address
    # (without it the catalogue names no contact point), a name (defaults to
    # MUNICIPALITY_NAME), a telephone number and a postal address as a dict
    # with "street_address", "postal_code", "locality" and "country_name".
    "CONTACT_EMAIL": "",
    "CONTACT_NAME": "",
    "CONTACT_PHONE": "",
    "CONTACT_ADDRESS": {},
    # The licence of the open data, as the licence's address. CC0 by default.
    "OPEN_DATA_LICENSE": "http://creativecommons.org/publicdomain/zero/1.0/",
    # The area the data covers, as an address (URI): the municipality's GeoNames
    # address, e.g. "http://sws.geonames.org/2720501/". Sweden while unset.
    "SPATIAL_COVERAGE": "",
    # The right-hand side of iCal UIDs; defaults to the publisher id.
    "UID_DOMAIN": "",
    # Number of items per page in public listings.
    "PAGE_SIZE": 20,
    # Seconds a rendered fragment or feed may be kept in the cache at most;
    # publishing, unpublishing or deleting content renews it at once anyway.
    "CACHE_TIMEOUT": 3600,
    # The Django cache (a key of ``CACHES``) everything the package caches goes to.
    "CACHE_ALIAS": "default",
    # Position of the "Samverkan" admin menu among the other menu items.
    "ADMIN_MENU_ORDER": 250,
    # The admin home's cockpit and reports list IOPs that end, and follow-ups
    # and agreement revisions that fall due, within this many days.
    "ENDING_SOON_DAYS": 60,
    # Where ``samverkan_reminders`` mails every reminder; empty: to the owner
    # of each page, when the owner has an e-mail address.
    "REMINDER_EMAIL": "",
    # The areas a site uses. An area left out (a site with its own calendar,
    # or no agreement yet) offers no page types, blocks or menu items; its
    # tables stay, so it can be switched on again.
    "AREAS": ("agreement", "partnerships", "events"),
}

#: The areas that ``AREAS`` may name. The register is always on.
SWITCHABLE_AREAS = ("agreement", "partnerships", "events")


class SamverkanSettings:
    """Attribute access to ``WAGTAIL_SAMVERKAN`` with :data:`DEFAULTS` filled in."""

    def __init__(self):
        self._cache = None

    def _load(self):
        from django.core.exceptions import ImproperlyConfigured

        user = getattr(settings, "WAGTAIL_SAMVERKAN", {}) or {}
        unknown = set(user) - set(DEFAULTS)
        if unknown:
            raise ImproperlyConfigured(
                "Unknown key(s) in WAGTAIL_SAMVERKAN: " + ", ".join(sorted(unknown))
            )
        values = {**DEFAULTS, **user}
        aliases = getattr(settings, "CACHES", {}) or {}
        if values["CACHE_ALIAS"] not in aliases:
            raise ImproperlyConfigured(
                f"WAGTAIL_SAMVERKAN['CACHE_ALIAS'] is {values['CACHE_ALIAS']!r}, "
                "which is not a cache in CACHES (known: "
                + ", ".join(sorted(aliases) or ["none"])
                + ")"
            )
        unknown_areas = set(values["AREAS"]) - set(SWITCHABLE_AREAS)
        if isinstance(values["AREAS"], str) or unknown_areas:
            raise ImproperlyConfigured(
                f"WAGTAIL_SAMVERKAN['AREAS'] is {values['AREAS']!r}: give a list of "
                "the areas the site uses, of " + ", ".join(SWITCHABLE_AREAS)
            )
        return values

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if self._cache is None:
            self._cache = self._load()
        try:
            return self._cache[name]
        except KeyError:
            raise AttributeError(f"WAGTAIL_SAMVERKAN has no key {name!r}") from None

    def reload(self):
        self._cache = None


samverkan_settings = SamverkanSettings()


def _reload(*, setting, **kwargs):
    # The cache alias is checked against CACHES.
    if setting in ("WAGTAIL_SAMVERKAN", "CACHES"):
        samverkan_settings.reload()


setting_changed.connect(_reload)


def area_enabled(area):
    """Whether the site uses ``area`` (``WAGTAIL_SAMVERKAN["AREAS"]``); None: always."""
    return area is None or area in samverkan_settings.AREAS


def local_today():
    """Today's date in the package's time zone (``WAGTAIL_SAMVERKAN["TIME_ZONE"]``),
    the day every status and date the package shows is reckoned from."""
    import zoneinfo

    from django.utils import timezone

    zone = zoneinfo.ZoneInfo(samverkan_settings.TIME_ZONE)
    return timezone.now().astimezone(zone).date()
