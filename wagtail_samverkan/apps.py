from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailSamverkanConfig(AppConfig):
    """App config for wagtail_samverkan."""

    name = "wagtail_samverkan"
    label = "wagtail_samverkan"
    verbose_name = _("Civil society cooperation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks

        from wagtail_samverkan.agreement import caching as agreement_caching
        from wagtail_samverkan.agreement import dcat as agreement_dcat  # noqa: F401
        from wagtail_samverkan.core import cache, collation, frontend_cache, identifiers
        from wagtail_samverkan.core.host import check_base_template
        from wagtail_samverkan.events import caching as events_caching
        from wagtail_samverkan.events import dcat as events_dcat  # noqa: F401
        from wagtail_samverkan.events import signals as events_signals  # noqa: F401
        from wagtail_samverkan.partnerships import caching as partnerships_caching
        from wagtail_samverkan.partnerships import dcat as partnerships_dcat  # noqa: F401

        checks.register(check_base_template, checks.Tags.templates)
        checks.register(identifiers.check_publisher_id)
        checks.register(identifiers.check_site_hostnames, deploy=True)
        collation.register()
        cache.connect_receivers()
        frontend_cache.connect_receivers()
        # Importing each area's dcat module adds its datasets to the catalogue.
        # Each area says what makes its cached output stale.
        for area in (agreement_caching, events_caching, partnerships_caching):
            area.connect()
