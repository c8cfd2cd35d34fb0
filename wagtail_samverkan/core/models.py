"""The core's one table: the cache generations every process reads."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CacheGeneration(models.Model):
    """The current generation of one cache area.

    It lives in the database, not in the cache, so that a change committed
    by any process (another server worker, ``publish_scheduled`` from cron,
    an import in a shell) is seen by every process on its next request,
    whatever cache the site has.
    """

    area = models.CharField(_("area"), max_length=64, primary_key=True)
    token = models.CharField(_("token"), max_length=32)

    class Meta:
        verbose_name = _("cache generation")
        verbose_name_plural = _("cache generations")

    def __str__(self):
        return f"{self.area}: {self.token}"
