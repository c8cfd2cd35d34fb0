"""IOP register: cached key figures and option counts stay correct."""

import re

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import (
    FocusAreaFactory,
    OrganisationFactory,
    make_partnership,
    make_register,
)

pytestmark = [pytest.mark.django_db, pytest.mark.cache]


@pytest.fixture
def register(root_page):
    return make_register(root_page)


def figures(client, register, query=None):
    content = client.get(register.url, query or {}).content.decode()
    block = content[content.index("sv-key-figures") :]
    return [int(n) for n in re.findall(r"<dd[^>]*>\s*(\d+)", block)[:3]], content


def test_publishing_an_iop_updates_the_cached_figures_at_once(client, register):
    make_partnership(register, title="Första")
    before, _ = figures(client, register)
    second = make_partnership(register, title="Andra", publish=False)
    assert figures(client, register)[0] == before
    second.save_revision().publish()
    after, content = figures(client, register)
    assert after[1] == before[1] + 1
    assert "Andra" in content


def test_unpublishing_and_deleting_update_the_cached_figures(client, register):
    area = FocusAreaFactory(name="Kultur", slug="kultur")
    first = make_partnership(register, title="Första", focus_areas=[area])
    second = make_partnership(register, title="Andra", focus_areas=[area])
    start, content = figures(client, register)
    assert "Kultur" in content
    second.unpublish()
    after_unpublish, content = figures(client, register)
    assert after_unpublish[1] == start[1] - 1
    assert "Andra" not in content
    first.delete()
    after_delete, content = figures(client, register)
    assert after_delete[1] == start[1] - 2
    assert "Kultur" not in content


def test_a_private_iop_never_leaks_through_the_cache(client, register):
    make_partnership(register, title="Öppet")
    secret_organisation = OrganisationFactory(name="Hemliga föreningen")
    secret = make_partnership(register, title="Hemligt", partners=[secret_organisation])
    start, content = figures(client, register)
    assert "Hemliga föreningen" in content
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.LOGIN
    )
    after, content = figures(client, register)
    assert after[1] == start[1] - 1
    assert "Hemliga föreningen" not in content and "Hemligt" not in content


def test_renaming_an_organisation_updates_the_cached_options(client, register):
    organisation = OrganisationFactory(name="Gamla namnet")
    make_partnership(register, partners=[organisation])
    assert "Gamla namnet" in client.get(register.url).content.decode()
    organisation.name = "Nya namnet"
    organisation.save()
    content = client.get(register.url).content.decode()
    assert "Nya namnet" in content and "Gamla namnet" not in content


def test_filtered_views_have_their_own_cached_counts(client, register):
    culture = FocusAreaFactory(name="Kultur", slug="kultur")
    sport = FocusAreaFactory(name="Idrott", slug="idrott")
    make_partnership(register, focus_areas=[culture])
    make_partnership(register, focus_areas=[culture])
    make_partnership(register, focus_areas=[sport])
    everything, _ = figures(client, register)
    filtered, _ = figures(client, register, {"focus": "idrott"})
    # The key figures describe the whole register; the results are filtered.
    assert everything == filtered


def result_titles(client, register, query=None):
    content = client.get(register.url, query or {}).content.decode()
    return re.findall(r'class="sv-card-title"><a href="[^"]*">([^<]+)</a>', content)


def test_cached_result_cards_follow_edits_drafts_and_the_sort_order(client, register):
    first = make_partnership(register, title="Bokcirkel", summary="Läser böcker.")
    make_partnership(register, title="Änglakören")
    assert result_titles(client, register) == ["Bokcirkel", "Änglakören"]
    # A draft does not change the public cards …
    first.title = "Öppen bokcirkel"
    first.save_revision()
    assert result_titles(client, register) == ["Bokcirkel", "Änglakören"]
    # … publishing it does, and re-sorts them (Ä before Ö in Swedish).
    first.get_latest_revision().publish()
    assert result_titles(client, register) == ["Änglakören", "Öppen bokcirkel"]
    assert result_titles(client, register, {"sort": "title"}) == [
        "Änglakören",
        "Öppen bokcirkel",
    ]


def test_each_page_of_results_is_cached_on_its_own(client, register, settings):
    settings.WAGTAIL_SAMVERKAN = {**settings.WAGTAIL_SAMVERKAN, "PAGE_SIZE": 2}
    for title in ("Alfa", "Beta", "Gamma"):
        make_partnership(register, title=title)
    assert result_titles(client, register) == ["Alfa", "Beta"]
    assert result_titles(client, register, {"page": "2"}) == ["Gamma"]
    assert result_titles(client, register, {"page": "1"}) == ["Alfa", "Beta"]


# --- The IOP page's cached body ------------------------------------------------------


def body(response):
    assert response.status_code == 200
    content = response.content.decode()
    return content[content.index('<article class="sv-partnership">') :]


def test_the_iop_page_shows_edits_and_renamed_names_but_not_drafts(client, register):
    organisation = OrganisationFactory(name="Gamla föreningen")
    area = FocusAreaFactory(name="Gammalt område", slug="omrade")
    page = make_partnership(
        register, partners=[organisation], focus_areas=[area], summary="Första."
    )
    assert "Gamla föreningen" in body(client.get(page.url))
    page.summary = "Ett utkast."
    page.save_revision()
    assert "Ett utkast." not in body(client.get(page.url))
    page.get_latest_revision().publish()
    assert "Ett utkast." in body(client.get(page.url))
    organisation.name = "Nya föreningen"
    organisation.save()
    area.name = "Nytt område"
    area.save()
    content = body(client.get(page.url))
    assert "Nya föreningen" in content and "Nytt område" in content
    assert "Gamla föreningen" not in content and "Gammalt område" not in content


def test_a_private_iop_page_is_never_cached(admin_client, register):
    from django.test import Client

    client = Client()
    page = make_partnership(register, summary="Hemlig sammanfattning.")
    assert "Hemlig sammanfattning." in body(client.get(page.url))
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(page.url)
    assert response.status_code == 302
    assert "Hemlig sammanfattning." not in response.content.decode()
    # Logged-in readers see it; nothing they are shown is left for others.
    assert "Hemlig sammanfattning." in body(admin_client.get(page.url))
    assert client.get(page.url).status_code == 302


def test_an_iop_preview_is_never_cached(admin_client, register):
    from django.test import Client
    from django.urls import reverse

    client = Client()
    page = make_partnership(register, summary="Den publicerade texten.")
    assert "Den publicerade texten." in body(client.get(page.url))
    page.summary = "Texten i förhandsgranskningen."
    page.save_revision()
    preview = reverse("wagtailadmin_pages:view_draft", args=[page.pk])
    assert "Texten i förhandsgranskningen." in body(admin_client.get(preview))
    content = body(client.get(page.url))
    assert "Den publicerade texten." in content
    assert "förhandsgranskningen" not in content


def test_a_new_wording_of_a_principle_shows_on_the_iop_page_at_once(client, register):
    from tests.factories import PrincipleFactory

    principle = PrincipleFactory(name="Dialog")
    page = make_partnership(register, principles=[principle])
    assert "Dialog" in body(client.get(page.url))
    principle.name = "Dialog på lika villkor"
    principle.save_revision()  # a draft changes nothing
    assert "Dialog på lika villkor" not in body(client.get(page.url))
    principle.save_revision().publish()
    assert "Dialog på lika villkor" in body(client.get(page.url))


def test_links_in_cached_cards_follow_a_renamed_ancestor(
    client, root_page, django_capture_on_commit_callbacks
):
    from wagtail_samverkan.core.compat import get_base_page_model

    section = get_base_page_model()(title="Samverkan", slug="samverkan")
    root_page.add_child(instance=section)
    section.save_revision().publish()
    register = make_register(section)
    page = make_partnership(register, title="Läxhjälp", slug="laxhjalp")
    assert "/samverkan/iop/laxhjalp/" in client.get(register.url).content.decode()
    section = get_base_page_model().objects.get(pk=section.pk)
    section.slug = "civilsamhallet"
    # Wagtail announces a changed slug once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision().publish()
    register.refresh_from_db()
    content = client.get(register.url).content.decode()
    assert "/civilsamhallet/iop/laxhjalp/" in content
    assert "/samverkan/iop/" not in content
    page.refresh_from_db()
    assert 'href="/civilsamhallet/iop/"' in body(client.get(page.url))


def test_one_search_spelling_is_one_short_lived_entry(client, register, monkeypatch):
    from wagtail_samverkan.core import cache as samverkan_cache
    from wagtail_samverkan.partnerships.filters import SEARCH_CACHE_SECONDS

    make_partnership(register, title="Läxhjälp i Norrby")
    stored = []
    original = samverkan_cache.set

    def recording_set(key, value, seconds=None):
        stored.append((key, seconds))
        original(key, value, seconds)

    monkeypatch.setattr(samverkan_cache, "set", recording_set)
    first = client.get(register.url, {"q": "Läxhjälp  Norrby"}).content.decode()
    assert "Läxhjälp i Norrby" in first
    assert stored and all(seconds == SEARCH_CACHE_SECONDS for _, seconds in stored)
    entries = len(stored)
    again = client.get(register.url, {"q": " läxhjälp norrby "}).content.decode()
    assert "Läxhjälp i Norrby" in again
    assert len(stored) == entries  # the same entries, read from the cache
    # Browsing without a search keeps the ordinary lifetime.
    client.get(register.url)
    assert any(seconds is None for _, seconds in stored[entries:])


def test_an_iop_page_follows_a_renamed_page_it_links_to(
    client, register, root_page, django_capture_on_commit_callbacks
):
    from wagtail_samverkan.core.compat import get_base_page_model

    Page = get_base_page_model()
    target = Page(title="Stödet", slug="stodet")
    root_page.add_child(instance=target)
    target.save_revision().publish()
    page = make_partnership(
        register,
        body=[
            (
                "paragraph",
                f'<p>Läs om <a linktype="page" id="{target.pk}">stödet</a>.</p>',
            )
        ],
    )
    assert 'href="/stodet/"' in body(client.get(page.url))
    target = Page.objects.get(pk=target.pk)
    target.slug = "bidrag"
    # Wagtail announces a changed slug once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        target.save_revision().publish()
    content = body(client.get(page.url))
    assert 'href="/bidrag/"' in content and "/stodet/" not in content
