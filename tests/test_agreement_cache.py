"""The agreement page's versions, status and cached page body.

The page body and the host-page blocks are cached; publishing, unpublishing
or deleting what they show must show at once.
"""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from tests.agreement_helpers import make_agreement, make_index
from wagtail_samverkan.models import AgreementPage, AgreementStatus

TODAY = datetime.date(2024, 6, 1)


@pytest.fixture
def index(home_page):
    return make_index(home_page)


def html(response):
    assert response.status_code == 200
    return response.content.decode()


# --- Private versions -------------------------------------------------------------


def test_a_private_successor_does_not_supersede(client, index):
    old = make_agreement(index, slug="v2016", valid_from=datetime.date(2016, 6, 1))
    new = make_agreement(index, supersedes=old)
    PageViewRestriction.objects.create(page=new, restriction_type="login")
    old = AgreementPage.objects.get(pk=old.pk)
    assert old.get_status(TODAY) == AgreementStatus.IN_FORCE
    assert "sv-status--in_force" in html(client.get(old.url))


def test_a_successor_in_a_private_section_does_not_supersede(client, home_page, index):
    old = make_agreement(index, slug="v2016", valid_from=datetime.date(2016, 6, 1))
    hidden_index = make_index(home_page, slug="intern")
    make_agreement(hidden_index, supersedes=old)
    PageViewRestriction.objects.create(page=hidden_index, restriction_type="login")
    old = AgreementPage.objects.get(pk=old.pk)
    assert old.get_status(TODAY) == AgreementStatus.IN_FORCE


def test_a_private_previous_version_is_not_linked(client, index):
    old = make_agreement(index, slug="v2016", valid_from=datetime.date(2016, 6, 1))
    new = make_agreement(index, supersedes=old)
    assert "Ersätter 2016 års version" in html(client.get(new.url))
    PageViewRestriction.objects.create(page=old, restriction_type="login")
    new = AgreementPage.objects.get(pk=new.pk)
    assert new.get_previous_version() is None
    assert "Ersätter" not in html(client.get(new.url))
