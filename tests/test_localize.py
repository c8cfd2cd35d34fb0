"""Translating the package's pages and snippets with wagtail-localize.

Run with ``--ds=tests.settings_localize -m localize`` (skipped otherwise): an
editor submits the Swedish pages for translation in the admin, translates
their strings, publishes, and a visitor reads the English pages.
"""

import datetime
import re

import pytest
from django.urls import reverse
from wagtail.models import Locale

from tests.agreement.helpers import make_agreement, make_index
from tests.factories import (
    PrincipleFactory,
    create_calendar,
    create_event,
    make_partnership,
    make_register,
)
from wagtail_samverkan.models import (
    AgreementPage,
    EventPage,
    PartnershipPage,
    Principle,
)

pytestmark = [pytest.mark.localize, pytest.mark.django_db]

ENGLISH = {
    "Överenskommelsen": "The agreement",
    "overenskommelsen": "the-agreement",
    "Överenskommelse 2021": "Agreement 2021",
    "overenskommelse-2021": "agreement-2021",
    "Kalender": "Calendar",
    "kalender": "calendar",
    "Dialogmöte om överenskommelsen": "Dialogue on the agreement",
    "dialogmote": "dialogue",
    "IOP-registret": "IOP register",
    "iop": "iop-register",
    "Läxhjälp i Norrby": "Homework help in Norrby",
    "laxhjalp": "homework-help",
    "Dialog": "Dialogue",
    "Ett partnerskap för prov.": "A partnership for testing.",
}


def translate_strings(translation, words):
    """Translate every string of a translation as an editor would, then publish."""
    from wagtail_localize.models import StringSegment, StringTranslation

    segments = StringSegment.objects.filter(source=translation.source).select_related(
        "string", "context"
    )
    for segment in segments:
        text = segment.string.data
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={
                "data": words.get(text, text),
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    translation.save_target(publish=True)


def translate_all(words):
    from wagtail_localize.models import Translation

    # Parents before children: a page is published under its translated parent.
    for translation in sorted(
        Translation.objects.select_related("source"),
        key=lambda t: getattr(t.source.get_source_instance(), "depth", 0),
    ):
        translate_strings(translation, words)


@pytest.fixture
def english(db):
    return Locale.objects.create(language_code="en")


@pytest.fixture
def site_in_swedish(root_page, english):
    principle = PrincipleFactory(name="Dialog", number=1)
    index = make_index(root_page)
    agreement = make_agreement(index, principles=0)
    agreement.agreement_principles.create(
        principle=principle, elaboration="<p>Lokal utveckling.</p>"
    )
    agreement.save_revision().publish()
    calendar = create_calendar(root_page)
    event = create_event(
        calendar,
        title="Dialogmöte om överenskommelsen",
        slug="dialogmote",
        related=[agreement],
        start_date=datetime.date(2031, 3, 4),
        street_address="Stora torget 1",
        postal_code="503 30",
    )
    register = make_register(root_page)
    partnership = make_partnership(
        register,
        title="Läxhjälp i Norrby",
        slug="laxhjalp",
        principles=[principle],
        registration_number="KS 2021/123",
    )
    return {
        "principle": principle,
        "agreement": agreement,
        "event": event,
        "partnership": partnership,
        "home": root_page,
    }


@pytest.fixture
def translated(
    admin_client, site_in_swedish, english, django_capture_on_commit_callbacks
):
    """The editor submits the whole tree and the principle, translates, publishes."""
    home = site_in_swedish["home"]
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[home.pk]),
        {"locales": [english.pk], "include_subtree": "on"},
    )
    assert response.status_code == 302, response.content[:2000]
    principle = site_in_swedish["principle"]
    response = admin_client.post(
        reverse(
            "wagtail_localize:submit_snippet_translation",
            args=["wagtail_samverkan", "principle", principle.pk],
        ),
        {"locales": [english.pk]},
    )
    assert response.status_code == 302, response.content[:2000]
    # wagtail-localize publishes when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        translate_all(ENGLISH)
    return {
        name: obj.get_translation(english)
        for name, obj in site_in_swedish.items()
        if hasattr(obj, "get_translation")
    }


def html_lang(content):
    return re.search(r'<html lang="([^"]+)"', content).group(1)


def test_translation_copies_dates_and_numbers_and_translates_text(
    translated, site_in_swedish
):
    event = EventPage.objects.get(pk=translated["event"].pk)
    assert event.live
    assert event.title == "Dialogue on the agreement"
    assert event.start_date == datetime.date(2031, 3, 4)
    assert (event.street_address, event.postal_code) == ("Stora torget 1", "503 30")
    partnership = PartnershipPage.objects.get(pk=translated["partnership"].pk)
    assert partnership.title == "Homework help in Norrby"
    assert partnership.registration_number == "KS 2021/123"
    assert partnership.start_date == site_in_swedish["partnership"].start_date
    principle = Principle.objects.get(pk=translated["principle"].pk)
    assert (principle.name, principle.number) == ("Dialogue", 1)


def test_english_agreement_is_english(client, translated, site_in_swedish):
    agreement = translated["agreement"]
    assert agreement.url.startswith("/en/")
    response = client.get(agreement.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert html_lang(content) == "en"
    assert "Agreement 2021" in content
    assert "Överenskommelse 2021" not in content
    # The principle in English.
    assert "Dialogue" in content
    # hreflang alternates for both languages, and a switcher to the Swedish page.
    swedish_url = site_in_swedish["agreement"].url
    alternates = dict(
        re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', content)
    )
    assert alternates["sv"].endswith(swedish_url)
    assert alternates["en"].endswith(agreement.url)
    assert alternates["sv"].startswith("http")
    assert f'<a href="{swedish_url}" hreflang="sv" lang="sv">' in content


def test_swedish_page_offers_english(client, translated, site_in_swedish):
    content = client.get(site_in_swedish["agreement"].url).content.decode()
    assert html_lang(content) == "sv"
    assert f'<a href="{translated["agreement"].url}" hreflang="en" lang="en">' in (
        content
    )


def test_english_event_links_stay_in_english(client, translated):
    response = client.get(translated["event"].url)
    assert response.status_code == 200
    content = response.content.decode()
    assert html_lang(content) == "en"
    assert "Dialogue on the agreement" in content
    assert f'href="{translated["agreement"].url}"' in content
    assert 'href="/overenskommelsen/' not in content


def test_english_calendar_lists_the_english_event(client, translated):
    calendar = translated["event"].get_parent()
    content = client.get(calendar.url).content.decode()
    assert f'href="{translated["event"].url}"' in content
    assert "Dialogue on the agreement" in content
    assert "Dialogmöte" not in content


def test_english_partnership_names_the_english_principle(client, translated):
    content = client.get(translated["partnership"].url).content.decode()
    assert html_lang(content) == "en"
    assert "Homework help in Norrby" in content
    assert "1. Dialogue" in content


def test_english_agreement_replaces_the_english_earlier_version(
    translated, site_in_swedish, english
):
    """A translated later version replaces the translated earlier one."""
    index = site_in_swedish["agreement"].get_parent()
    later = make_agreement(
        index,
        slug="overenskommelse-2025",
        title="Överenskommelse 2025",
        principles=0,
        decision_date=datetime.date(2024, 12, 1),
        valid_from=datetime.date(2025, 1, 1),
        supersedes=site_in_swedish["agreement"],
    )
    later_english = later.copy_for_translation(english)
    later_english.save_revision().publish()
    later_english = AgreementPage.objects.get(pk=later_english.pk)
    assert later_english.supersedes_id == translated["agreement"].pk
    earlier = AgreementPage.objects.get(pk=translated["agreement"].pk)
    assert earlier.get_superseding_agreement() == later_english


def test_untranslated_page_has_no_switcher(client, translated, site_in_swedish):
    register = site_in_swedish["partnership"].get_parent()
    lonely = make_partnership(register, title="Bara på svenska", slug="bara")
    content = client.get(lonely.url).content.decode()
    assert html_lang(content) == "sv"
    assert "hreflang" not in content


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_english_pages_read_links_in_constant_queries(
    client, translated, site_in_swedish, english, warm_site_root_paths
):
    """An English IOP with one principle and one with four, an English
    meeting with one link and one with three: the same number of queries."""
    principles = [PrincipleFactory(number=n) for n in (2, 3, 4)]
    for principle in principles:
        principle.copy_for_translation(english).save()
    register = site_in_swedish["partnership"].get_parent()
    many = make_partnership(
        register,
        slug="manga",
        principles=[site_in_swedish["principle"], *principles],
        registration_number="KS 2021/124",
    )
    many_english = many.copy_for_translation(english)
    many_english.save_revision().publish()
    one_url = translated["partnership"].url
    many_url = PartnershipPage.objects.get(pk=many_english.pk).url
    count_queries(client, one_url)
    count_queries(client, many_url)
    assert count_queries(client, one_url) == count_queries(client, many_url)

    calendar = site_in_swedish["event"].get_parent()
    others = [site_in_swedish["agreement"], site_in_swedish["partnership"], many]
    event = create_event(calendar, slug="tre-lankar", related=others)
    event_english = event.copy_for_translation(english)
    event_english.save_revision().publish()
    many_links_url = EventPage.objects.get(pk=event_english.pk).url
    one_link_url = translated["event"].url
    count_queries(client, one_link_url)
    count_queries(client, many_links_url)
    assert count_queries(client, one_link_url) == count_queries(client, many_links_url)
