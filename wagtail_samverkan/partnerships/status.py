"""The status of an IOP, derived from its dates and today's date.

The status is never typed: it follows from the start and end dates, an early
termination and today's date in the time zone of
``WAGTAIL_SAMVERKAN["TIME_ZONE"]``.
"""

import datetime
import functools

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Today's date in the package's time zone; imported from here by older code.
from wagtail_samverkan.core.conf import local_today

__all__ = ["Status", "active_during_year_q", "local_today", "once", "status_q"]


def once(func):
    """``func`` (without arguments) called at most once, when first needed."""
    return functools.cache(func)


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")
    TERMINATED = "terminated", _("Terminated early")


def status_q(status, today):
    """A filter selecting the IOPs that have ``status`` on the date ``today``.

    The start, end and termination dates are all days on which the IOP is
    still running: it is active from its start day up to and including its
    end day (or termination day), and ended or terminated from the day after.
    """
    if status == Status.PLANNED:
        return Q(start_date__gt=today)
    if status == Status.TERMINATED:
        return Q(terminated_on__isnull=False, terminated_on__lt=today)
    if status == Status.ENDED:
        return Q(terminated_on__isnull=True, end_date__lt=today)
    if status == Status.ACTIVE:
        running = Q(terminated_on__isnull=True) & (
            Q(end_date__isnull=True) | Q(end_date__gte=today)
        )
        return Q(start_date__lte=today) & (running | Q(terminated_on__gte=today))
    raise ValueError(status)


def active_during_year_q(year):
    """IOPs running on at least one day of ``year``."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    running_to = (
        Q(terminated_on__isnull=False, terminated_on__gte=first)
        | Q(terminated_on__isnull=True, end_date__isnull=True)
        | Q(terminated_on__isnull=True, end_date__gte=first)
    )
    return Q(start_date__lte=last) & running_to
