"""The editors' one table: which reminders have been sent."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Reminder(models.Model):
    """A reminder mailed about one item and its due date.

    ``samverkan_reminders`` sends a reminder only when no row has its key and
    date, so running it again sends nothing twice; a new date (an IOP's end
    date moved) is worth a new reminder.
    """

    key = models.CharField(
        _("item"),
        max_length=64,
        help_text="What the reminder is about: iop:<page id> or follow-up:<row id>.",
    )
    due_date = models.DateField(_("due date"))
    recipient = models.EmailField(_("recipient"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "due_date"], name="samverkan_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.key} ({self.due_date})"
