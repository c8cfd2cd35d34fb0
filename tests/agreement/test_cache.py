"""The agreement page's versions, status and cached page body.

The page body and the host-page blocks are cached; publishing, unpublishing
or deleting what they show must show at once.
"""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.agreement.helpers import make_agreement, make_index
from tests.agreement.test_data import CACHED_PAGE_QUERIES
from tests.conftest import publish
from tests.factories import OrganisationFactory
from wagtail_samverkan.models import AgreementPage, AgreementSignatory, AgreementStatus

pytestmark = pytest.mark.cache

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


# --- The cached page body ---------------------------------------------------------


def test_the_page_body_is_cached_and_the_same(client, index, django_assert_num_queries):
    page = make_agreement(index, easy_read_body=[("paragraph", "<p>Lätt.</p>")])
    first = html(client.get(page.url))
    first_easy = html(client.get(page.url + "lattlast/"))
    with django_assert_num_queries(CACHED_PAGE_QUERIES):
        assert html(client.get(page.url)) == first
    with django_assert_num_queries(CACHED_PAGE_QUERIES):
        assert html(client.get(page.url + "lattlast/")) == first_easy
    assert first != first_easy


def test_an_edit_of_the_page_shows_at_once(client, index):
    page = make_agreement(index, intro="Den gamla inledningen.")
    assert "Den gamla inledningen." in html(client.get(page.url))
    page = AgreementPage.objects.get(pk=page.pk)
    page.intro = "Den nya inledningen."
    publish(page)
    content = html(client.get(page.url))
    assert "Den nya inledningen." in content and "gamla" not in content


def test_a_draft_of_the_page_is_not_shown(client, index):
    page = make_agreement(index, intro="Den publicerade inledningen.")
    assert "Den publicerade inledningen." in html(client.get(page.url))
    page = AgreementPage.objects.get(pk=page.pk)
    page.intro = "Ett utkast."
    page.save_revision()
    content = html(client.get(page.url))
    assert "Den publicerade inledningen." in content and "Ett utkast." not in content


def test_a_new_wording_of_a_principle_shows_at_once(client, index):
    page = make_agreement(index)
    principle = page.agreement_principles.get().principle
    assert principle.name in html(client.get(page.url))
    principle.name = "Dialog på lika villkor"
    principle.save_revision()  # a draft changes nothing
    assert "Dialog på lika villkor" not in html(client.get(page.url))
    principle.save_revision().publish()
    assert "Dialog på lika villkor" in html(client.get(page.url))
    principle.unpublish()
    assert "Dialog på lika villkor" not in html(client.get(page.url))


def test_a_superseding_version_switches_the_status(client, index):
    old = make_agreement(index, slug="v2016", valid_from=datetime.date(2016, 6, 1))
    assert "sv-status--in_force" in html(client.get(old.url))
    new = make_agreement(index, supersedes=old, valid_from=datetime.date(2022, 1, 1))
    content = html(client.get(old.url))
    assert "sv-status--superseded" in content and f'href="{new.url}"' in content
    new.unpublish()
    assert "sv-status--in_force" in html(client.get(old.url))
    publish(new)
    assert "sv-status--superseded" in html(client.get(old.url))
    new.delete()
    assert "sv-status--in_force" in html(client.get(old.url))


def test_the_status_follows_the_date(client, index, monkeypatch):
    from django.utils import timezone

    from wagtail_samverkan.core.conf import local_today

    today = local_today()
    old = make_agreement(index, slug="v2016", valid_from=datetime.date(2016, 6, 1))
    make_agreement(index, supersedes=old, valid_from=today + datetime.timedelta(1))
    assert "sv-status--in_force" in html(client.get(old.url))
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    assert "sv-status--superseded" in html(client.get(old.url))


def test_a_renamed_signatory_shows_at_once(client, index):
    page = make_agreement(index)
    organisation = OrganisationFactory(name="Föreningen Gamla namnet")
    AgreementSignatory.objects.create(page=page, organisation=organisation)
    assert "Föreningen Gamla namnet" in html(client.get(page.url))
    organisation.name = "Föreningen Nya namnet"
    organisation.save()
    assert "Föreningen Nya namnet" in html(client.get(page.url))


def test_a_page_made_private_is_not_cached(admin_client, index, monkeypatch):
    from wagtail_samverkan.core import cache as fragment_cache

    page = make_agreement(index)
    stored = []
    original_set = fragment_cache.set
    monkeypatch.setattr(
        fragment_cache,
        "set",
        lambda key, value: stored.append(key) or original_set(key, value),
    )
    html(admin_client.get(page.url))
    assert len(stored) == 1
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    stored.clear()
    html(admin_client.get(page.url))
    html(admin_client.get(page.url))
    assert stored == []


def test_a_preview_is_never_cached(admin_client, client, index):
    page = make_agreement(index, intro="Den publicerade inledningen.")
    assert "Den publicerade inledningen." in html(client.get(page.url))
    page = AgreementPage.objects.get(pk=page.pk)
    page.intro = "Inledningen i förhandsgranskningen."
    page.save_revision()
    preview = reverse("wagtailadmin_pages:view_draft", args=[page.pk])
    assert "Inledningen i förhandsgranskningen." in html(admin_client.get(preview))
    content = html(client.get(page.url))
    assert "Den publicerade inledningen." in content
    assert "förhandsgranskningen" not in content


def test_the_index_shows_a_new_version_at_once(client, index):
    old = make_agreement(index, slug="v2016", title="Överenskommelse 2016")
    content = html(client.get(index.url))
    assert "Överenskommelse 2016" in content and "sv-status--in_force" in content
    make_agreement(index, supersedes=old, valid_from=datetime.date(2022, 1, 1))
    content = html(client.get(index.url))
    assert "Överenskommelse 2021" in content and "sv-status--superseded" in content


# --- The cached blocks ----------------------------------------------------------


def test_blocks_show_a_new_wording_and_a_new_status_at_once(client, home_page, index):
    from tests.testapp.models import HostPage

    old = make_agreement(index, slug="v2016", valid_from=datetime.date(2016, 6, 1))
    principle = old.agreement_principles.get().principle
    host = HostPage(
        title="Samverkan",
        slug="samverkan",
        body=[
            (
                "agreement_principles",
                {
                    "heading": "Principerna",
                    "agreement": old,
                    "principles": [],
                    "show_commitments": True,
                },
            ),
            ("agreement_summary", {"agreement": old, "text": ""}),
        ],
    )
    home_page.add_child(instance=host)
    host = publish(host)
    content = html(client.get(host.url))
    assert principle.name in content and "sv-status--in_force" in content
    assert html(client.get(host.url)) == content
    principle.name = "Mångfald för alla"
    principle.save_revision().publish()
    make_agreement(index, supersedes=old, valid_from=datetime.date(2022, 1, 1))
    content = html(client.get(host.url))
    assert "Mångfald för alla" in content and "sv-status--superseded" in content
    old.unpublish()
    content = html(client.get(host.url))
    assert "Mångfald för alla" not in content and "sv-status" not in content
