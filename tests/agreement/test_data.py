"""The agreement in Wagtail's API, in search, in host-page blocks, and its query counts."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from tests.agreement.helpers import make_agreement, make_document, make_index
from tests.conftest import publish
from tests.factories import PrincipleFactory
from tests.testapp.models import HostPage
from wagtail_samverkan.core import cache as fragment_cache
from wagtail_samverkan.core.conf import local_today
from wagtail_samverkan.models import (
    AgreementMilestone,
    AgreementPage,
    AgreementPrinciple,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return make_index(home_page)


# --- Wagtail's API -------------------------------------------------------------


def test_api_exposes_principles_commitments_and_milestones(client, index):
    page = make_agreement(index, principles=2, milestones=0)
    AgreementMilestone.objects.create(
        page=page, date=datetime.date(2013, 5, 1), precision="month", title="Bifall"
    )
    draft = PrincipleFactory(name="Utkastprincip", live=False)
    AgreementPrinciple.objects.create(page=page, principle=draft)
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "in_force"
    assert [p["name"] for p in data["principles"]] == [
        "Princip nummer 1",
        "Princip nummer 2",
    ]
    assert data["principles"][0]["commitments"] == {
        "municipality": "<p>Kommunen lovar 1.</p>",
        "organisations": "<p>Föreningarna lovar 1.</p>",
    }
    assert data["milestones"] == [
        {
            "date": "2013-05",
            "precision": "month",
            "title": "Bifall",
            "text": "",
            "link": "",
        }
    ]
    assert data["follow_ups"][0]["title"] == "Uppföljning 1"
    assert "Utkastprincip" not in response.content.decode()


def test_api_lists_only_live_public_agreements(client, index):
    make_agreement(index, slug="publicerad", title="Publicerad")
    make_agreement(index, slug="utkast", title="Utkast", live=False)
    private = make_agreement(index, slug="privat", title="Privat")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    response = client.get(
        "/api/v2/pages/",
        {"type": "wagtail_samverkan.AgreementPage", "fields": "principles,milestones"},
    )
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert titles == ["Publicerad"]
    assert response.json()["items"][0]["principles"][0]["name"] == "Princip nummer 1"


# --- Search --------------------------------------------------------------------


def test_search_finds_published_principles_but_not_drafts(index):
    page = make_agreement(index, principles=0)
    AgreementPrinciple.objects.create(
        page=page, principle=PrincipleFactory(name="Långsiktighetsprincipen")
    )
    AgreementPrinciple.objects.create(
        page=page, principle=PrincipleFactory(name="Hemligutkastet", live=False)
    )
    publish(page)  # indexes the page with its principles
    assert list(AgreementPage.objects.live().search("Långsiktighetsprincipen")) == [
        page
    ]
    assert list(AgreementPage.objects.live().search("Hemligutkastet")) == []


# --- Blocks on a host page -----------------------------------------------------


def make_host(home_page, body):
    host = HostPage(title="Samverkan i Testkommunen", slug="samverkan", body=body)
    home_page.add_child(instance=host)
    return publish(host)


def test_principles_block_with_an_agreement(client, home_page, index):
    agreement = make_agreement(index, principles=2)
    AgreementPrinciple.objects.create(
        page=agreement, principle=PrincipleFactory(name="Utkastet", live=False)
    )
    host = make_host(
        home_page,
        [
            (
                "agreement_principles",
                {
                    "heading": "Våra principer",
                    "agreement": agreement,
                    "principles": [],
                    "show_commitments": True,
                },
            )
        ],
    )
    content = client.get(host.url).content.decode()
    assert "Våra principer" in content
    assert "Princip nummer 2" in content and "Kommunen lovar 2." in content
    assert "Utkastet" not in content
    assert f'href="{agreement.url}"' in content


def test_principles_block_with_chosen_principles(client, home_page):
    chosen = PrincipleFactory(name="Mångfald", number=6, summary="Alla får vara med.")
    draft = PrincipleFactory(name="Ännu inte publicerad", live=False)
    host = make_host(
        home_page,
        [
            (
                "agreement_principles",
                {
                    "heading": "",
                    "agreement": None,
                    "principles": [chosen, draft],
                    "show_commitments": True,
                },
            )
        ],
    )
    content = client.get(host.url).content.decode()
    assert '<li value="6"><strong>Mångfald</strong>: Alla får vara med.</li>' in content
    assert "Ännu inte publicerad" not in content


def test_agreement_summary_block(client, home_page, index):
    old = make_agreement(
        index,
        slug="v2016",
        title="Överenskommelse 2016",
        valid_from=datetime.date(2016, 6, 1),
        decision_date=datetime.date(2016, 5, 19),
        intro="Den första.",
    )
    make_agreement(index, supersedes=old)
    host = make_host(home_page, [("agreement_summary", {"agreement": old, "text": ""})])
    content = client.get(host.url).content.decode()
    assert f'<a href="{old.url}">Överenskommelse 2016</a>' in content
    assert "sv-status--superseded" in content and "Ersatt" in content
    assert '<time datetime="2016-05-19">19 maj 2016</time>' in content
    assert "Den första." in content


def test_agreement_summary_block_hides_unpublished_agreement(client, home_page, index):
    agreement = make_agreement(index, title="Snart upphävd")
    host = make_host(
        home_page, [("agreement_summary", {"agreement": agreement, "text": ""})]
    )
    agreement.unpublish()
    response = client.get(host.url)
    assert response.status_code == 200
    assert "Snart upphävd" not in response.content.decode()


# --- Query counts ----------------------------------------------------------------


def full_agreement(index, **counts):
    return make_agreement(
        index,
        signed_document=make_document(),
        body=[("heading", "Bakgrund"), ("paragraph", "<p>Text.</p>")],
        easy_read_body=[("paragraph", "<p>Lätt.</p>")],
        **counts,
    )


AGREEMENT_PAGE_QUERIES = 16
# With the page body in the cache: only Wagtail's routing and the host's template.
CACHED_PAGE_QUERIES = 8


@pytest.mark.parametrize(
    "counts",
    [
        {"principles": 1, "milestones": 1},
        {"principles": 12, "milestones": 1},
        {"principles": 1, "milestones": 30},
        {"principles": 12, "milestones": 30, "follow_ups": 5},
    ],
)
def test_agreement_page_query_count_is_constant(
    client, index, django_assert_num_queries, counts
):
    old = make_agreement(
        index,
        slug="v2016",
        valid_from=datetime.date(2016, 1, 1),
        principles=0,
        milestones=0,
    )
    page = full_agreement(index, supersedes=old, **counts)
    client.get(page.url)  # warm the site root cache, as in production
    fragment_cache.invalidate()  # the page body is rendered anew
    with django_assert_num_queries(AGREEMENT_PAGE_QUERIES):
        assert client.get(page.url).status_code == 200
    with django_assert_num_queries(CACHED_PAGE_QUERIES):
        assert client.get(page.url).status_code == 200


@pytest.mark.parametrize("count", [1, 12])
def test_superseded_page_and_easy_read_query_counts(
    client, index, django_assert_num_queries, count
):
    old = full_agreement(index, principles=count, milestones=count)
    make_agreement(
        index, slug="ny", supersedes=old, valid_from=datetime.date(2022, 1, 1)
    )
    client.get(old.url)
    fragment_cache.invalidate()
    with django_assert_num_queries(SUPERSEDED_PAGE_QUERIES):
        assert client.get(old.url).status_code == 200
    with django_assert_num_queries(EASY_READ_QUERIES):
        assert client.get(old.url + "lattlast/").status_code == 200
    with django_assert_num_queries(CACHED_PAGE_QUERIES):
        assert client.get(old.url).status_code == 200
    with django_assert_num_queries(CACHED_PAGE_QUERIES):
        assert client.get(old.url + "lattlast/").status_code == 200


SUPERSEDED_PAGE_QUERIES = 17
EASY_READ_QUERIES = 11


@pytest.mark.parametrize("count", [1, 8])
def test_index_page_query_count_is_constant(
    client, index, django_assert_num_queries, count
):
    previous = None
    for n in range(count):
        previous = make_agreement(
            index,
            slug=f"v{n}",
            valid_from=datetime.date(2000 + n, 1, 1),
            supersedes=previous,
        )
    client.get(index.url)
    fragment_cache.invalidate()
    with django_assert_num_queries(INDEX_QUERIES):
        assert client.get(index.url).status_code == 200
    with django_assert_num_queries(CACHED_INDEX_QUERIES):
        assert client.get(index.url).status_code == 200


INDEX_QUERIES = 11
CACHED_INDEX_QUERIES = 7


# --- Demo content ----------------------------------------------------------------


def test_demo_agreements_are_idempotent_and_tell_the_history(client):
    import io

    from django.core.management import call_command

    from wagtail_samverkan.models import AgreementIndexPage, AgreementStatus, Principle

    call_command("samverkan_demo", stdout=io.StringIO())
    call_command("samverkan_demo", stdout=io.StringIO())
    assert AgreementIndexPage.objects.count() == 1
    old, new = AgreementPage.objects.order_by("valid_from")
    assert Principle.objects.filter(live=True).count() == 6
    assert old.get_status() == AgreementStatus.SUPERSEDED
    assert new.get_status() == AgreementStatus.IN_FORCE
    assert new.supersedes_id == old.pk
    assert new.agreement_principles.count() == 6 and new.milestones.count() == 7
    # Two made, and the next one planned, due within the editors' window.
    assert new.follow_ups.count() == 3
    planned = new.follow_ups.get(due_date__isnull=False)
    assert planned.summary == "" and planned.document is None
    assert 0 < (planned.due_date - local_today()).days <= 60
    assert new.follow_ups.filter(due_date__isnull=True).exclude(summary="").count() == 2
    content = client.get(new.url).content.decode()
    assert '<time class="sv-timeline__date" datetime="2011">2011</time>' in content
    assert (
        '<time class="sv-timeline__date" datetime="2015-03-26">26 mars 2015</time>'
        in content
    )
    assert "Ersätter 2016 års version" in content
    assert client.get(new.url + "lattlast/").status_code == 200
    for page in (old, new):
        page.full_clean()
    from tests.factories import PrincipleFactory as OwnPrinciple
    from wagtail_samverkan.demo import remove_demo

    own = OwnPrinciple(name="Egen lokal princip", source="local")
    remove_demo()
    assert (
        not AgreementPage.objects.exists() and not AgreementIndexPage.objects.exists()
    )
    assert list(Principle.objects.all()) == [own]


@pytest.mark.parametrize("count", [1, 6])
def test_host_page_blocks_query_count_is_constant(
    client, home_page, index, django_assert_num_queries, count
):
    agreement = make_agreement(index, principles=count)
    chosen = [PrincipleFactory() for _ in range(count)]
    host = make_host(
        home_page,
        [
            (
                "agreement_principles",
                {
                    "heading": "",
                    "agreement": agreement,
                    "principles": [],
                    "show_commitments": True,
                },
            ),
            (
                "agreement_principles",
                {
                    "heading": "",
                    "agreement": None,
                    "principles": chosen,
                    "show_commitments": False,
                },
            ),
            ("agreement_summary", {"agreement": agreement, "text": ""}),
        ],
    )
    client.get(host.url)
    fragment_cache.invalidate()  # the blocks are rendered anew
    with django_assert_num_queries(HOST_PAGE_QUERIES):
        assert client.get(host.url).status_code == 200
    with django_assert_num_queries(CACHED_HOST_PAGE_QUERIES):
        assert client.get(host.url).status_code == 200


HOST_PAGE_QUERIES = 16
# With the blocks in the cache: the host page and the values of its blocks.
CACHED_HOST_PAGE_QUERIES = 10
