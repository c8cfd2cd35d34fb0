"""The core's tables: the cache generations every process reads, and the record
of what the demo content created."""

from django.contrib.contenttypes.models import ContentType
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


class DemoRecord(models.Model):
    """One row or page that ``samverkan_demo`` created, under a stable key.

    The demo finds its own content only through these records, never by a
    name, number or slug, so it cannot take over a host's row that happens to
    look like demo content. The key (``"register:organisation:802400100"``)
    names the demo item, so a row an editor renamed is still found and updated.
    """

    key = models.CharField(_("key"), max_length=255, unique=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE
    )
    object_id = models.CharField(_("object id"), max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("demo record")
        verbose_name_plural = _("demo records")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                name="samverkan_demorecord_unique_object",
            )
        ]

    def __str__(self):
        return self.key
