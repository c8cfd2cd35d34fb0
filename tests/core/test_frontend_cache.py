"""A front-end cache in front of the site is purged of every listing a change shows in."""

import pytest

from tests.agreement.helpers import make_agreement, make_index
from tests.conftest import publish
from tests.factories import (
    create_calendar,
    create_event,
    make_partnership,
    make_register,
)
from tests.testapp.frontend_cache import PURGED

pytestmark = [pytest.mark.django_db, pytest.mark.cache]


@pytest.fixture
def purged():
    PURGED.clear()
    yield PURGED
    PURGED.clear()


def absolute(page, *paths):
    return {page.full_url + path for path in paths}


def test_publishing_an_iop_purges_its_register_and_the_exports(home_page, purged):
    register = make_register(home_page)
    iop = make_partnership(register, title="Läxhjälp")
    purged.clear()
    iop.title = "Läxhjälp och språkcafé"
    publish(iop)
    assert absolute(register, "", "export.csv", "export.json") <= set(purged)
    assert iop.full_url in purged


def test_unpublishing_or_deleting_an_iop_purges_its_register(home_page, purged):
    register = make_register(home_page)
    first = make_partnership(register, title="Första")
    second = make_partnership(register, title="Andra")
    purged.clear()
    first.unpublish()
    assert absolute(register, "", "export.csv", "export.json") <= set(purged)
    purged.clear()
    second.delete()
    assert absolute(register, "", "export.csv", "export.json") <= set(purged)


def test_publishing_an_event_purges_its_calendar_archive_and_feeds(home_page, purged):
    calendar = create_calendar(home_page)
    event = create_event(calendar, title="Dialogmöte")
    purged.clear()
    event.title = "Dialogmöte om lokaler"
    publish(event)
    assert absolute(calendar, "", "calendar.ics", "arkiv/") <= set(purged)
    assert absolute(event, "", "event.ics") <= set(purged)


def test_publishing_an_agreement_purges_its_easy_to_read_page(home_page, purged):
    agreement = make_agreement(make_index(home_page))
    purged.clear()
    publish(agreement)
    assert absolute(agreement, "", "lattlast/") <= set(purged)


def test_a_draft_purges_nothing(home_page, purged):
    register = make_register(home_page)
    iop = make_partnership(register, title="Läxhjälp")
    purged.clear()
    iop.title = "Ett utkast"
    iop.save_revision()
    assert purged == []
