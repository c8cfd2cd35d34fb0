"""Reminders by e-mail about IOPs ending and follow-ups due, each sent once."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail_samverkan.core.conf import local_today, samverkan_settings

from . import attention
from .models import Reminder


def _edit_url(page_id):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("wagtailadmin_pages:edit", args=(page_id,))


def _recipient(owner):
    return samverkan_settings.REMINDER_EMAIL or (owner.email if owner else "")


def due_items(today=None):
    """``(key, due date, recipient, line)`` for every item a reminder is due for."""
    today = today or local_today()
    items = []
    for page in attention.ending_partnerships(None, today).select_related("owner"):
        items.append(
            (
                f"iop:{page.pk}",
                page.end_date,
                _recipient(page.owner),
                _("The IOP “%(title)s” ends %(date)s: %(url)s")
                % {
                    "title": page.title,
                    "date": date_filter(page.end_date, "j F Y"),
                    "url": _edit_url(page.pk),
                },
            )
        )
    follow_ups = attention.partnership_follow_ups(None, today).select_related(
        "page__owner"
    )
    for row in follow_ups:
        text = (
            _(
                "The follow-up “%(title)s” of the IOP “%(page)s” is overdue since %(date)s: %(url)s"
            )
            if row.is_overdue
            else _(
                "The follow-up “%(title)s” of the IOP “%(page)s” is due %(date)s: %(url)s"
            )
        )
        items.append(
            (
                f"follow-up:{row.pk}",
                row.date,
                _recipient(row.page.owner),
                text
                % {
                    "title": row.title,
                    "page": row.page.title,
                    "date": date_filter(row.date, "j F Y"),
                    "url": _edit_url(row.page_id),
                },
            )
        )
    agreement_rows = attention.agreement_follow_ups(None, today).select_related(
        "page__owner"
    )
    for row in agreement_rows:
        text = (
            _(
                "The follow-up “%(title)s” of the agreement “%(page)s” is overdue since %(date)s: %(url)s"
            )
            if row.is_overdue
            else _(
                "The follow-up “%(title)s” of the agreement “%(page)s” is due %(date)s: %(url)s"
            )
        )
        items.append(
            (
                f"agreement-follow-up:{row.pk}",
                row.date,
                _recipient(row.page.owner),
                text
                % {
                    "title": row.title,
                    "page": row.page.title,
                    "date": date_filter(row.date, "j F Y"),
                    "url": _edit_url(row.page_id),
                },
            )
        )
    return items


def send_reminders(today=None):
    """Mail each recipient the items not reminded of before; returns
    ``(mails sent, items without a recipient)``."""
    with translation.override(settings.LANGUAGE_CODE):
        items = due_items(today)
        sent = Reminder.objects.filter(
            key__in=[key for key, *_rest in items]
        ).values_list("key", "due_date")
        done = set(sent)
        by_recipient = defaultdict(list)
        unaddressed = 0
        for key, due, recipient, line in items:
            if (key, due) in done:
                continue
            if not recipient:
                unaddressed += 1
                continue
            by_recipient[recipient].append((key, due, line))
        mails = 0
        for recipient, found in sorted(by_recipient.items()):
            body = "\n\n".join(
                [
                    _("Hello,"),
                    _("These IOPs and follow-ups need your attention:"),
                    "\n".join(f"– {line}" for _key, _due, line in found),
                    _("This reminder is sent once for each date."),
                ]
            )
            try:
                # The rows first: a run that fails to mail sends again next time,
                # a run that meets a row another run just wrote sends nothing.
                with transaction.atomic():
                    Reminder.objects.bulk_create(
                        [
                            Reminder(key=key, due_date=due, recipient=recipient)
                            for key, due, _line in found
                        ]
                    )
                    send_mail(
                        _("Samverkan: reminders"),
                        body,
                        None,
                        [recipient],
                    )
            except IntegrityError:
                continue
            mails += 1
    return mails, unaddressed
