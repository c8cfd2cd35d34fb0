"""Fixtures of the events' tests: a calendar, and a clock that stands still."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.factories import create_calendar

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def calendar(root_page):
    """A published calendar below the default site's root page."""
    return create_calendar(root_page)


@pytest.fixture
def frozen_now(monkeypatch):
    """Freeze ``timezone.now`` at 1 May 2030 12:00 in Stockholm."""
    moment = datetime.datetime(2030, 5, 1, 12, 0, tzinfo=STOCKHOLM)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment
