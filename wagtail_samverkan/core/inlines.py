"""Abstract inline rows that several areas' pages share."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string
from wagtail.models import Orderable


class InlineRow(Orderable):
    """An ordered inline row of a page.

    Rows made in code (the demo, imports, ``bulk_create``) have no sort
    order, so the primary key keeps their order the same on every database.
    """

    class Meta(Orderable.Meta):
        abstract = True
        ordering = ["sort_order", "pk"]


class FollowUpBase(InlineRow):
    """A follow-up (uppföljning) of a page: a report or an evaluation.

    A subclass adds the page it belongs to, its title and when it was made.
    """

    summary = models.TextField(_("summary"), blank=True, max_length=2000)
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(InlineRow.Meta):
        abstract = True
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
