from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailSamverkanConfig(AppConfig):
    """App config for wagtail_samverkan."""

    name = "wagtail_samverkan"
    label = "wagtail_samverkan"
    verbose_name = _("Civil society cooperation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import cache, collation, signals  # noqa: F401

        collation.register()
        cache.connect_receivers()
