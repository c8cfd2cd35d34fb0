"""Editors: the principle snippet and the agreement page in the Wagtail admin."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from tests.agreement.helpers import make_agreement, make_index
from tests.factories import PrincipleFactory
from wagtail_samverkan.models import AgreementPage, AgreementPrinciple, Principle

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return make_index(home_page)


def principle_data(**overrides):
    data = {
        "number": "7",
        "name": "Delaktighet",
        "summary": "Alla som berörs får vara med.",
        "description": rich_text("<p>De som berörs tas med från början.</p>"),
        "source": "local",
    }
    data.update(overrides)
    return data


def test_principles_are_in_the_samverkan_menu(admin_client):
    PrincipleFactory(name="Dialog", number=2)
    PrincipleFactory(name="Självständighet och oberoende", number=1)
    response = admin_client.get(
        reverse("wagtailsnippets_wagtail_samverkan_principle:list")
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert content.index("Självständighet och oberoende") < content.index("Dialog")
    response = admin_client.get(
        reverse("wagtailsnippets_wagtail_samverkan_principle:list"), {"q": "Dialog"}
    )
    assert "Dialog" in response.content.decode()
    assert "Självständighet" not in response.content.decode()


def test_saving_a_principle_makes_a_draft_that_is_not_shown(
    admin_client, client, index
):
    url = reverse("wagtailsnippets_wagtail_samverkan_principle:add")
    response = admin_client.post(url, principle_data())
    assert response.status_code == 302
    principle = Principle.objects.get(name="Delaktighet")
    assert principle.live is False and principle.latest_revision is not None
    page = make_agreement(index, principles=0)
    AgreementPrinciple.objects.create(page=page, principle=principle)
    assert "Delaktighet" not in client.get(page.url).content.decode()
    # Publishing it in the admin puts it on the site.
    edit_url = reverse(
        "wagtailsnippets_wagtail_samverkan_principle:edit", args=[principle.pk]
    )
    response = admin_client.post(
        edit_url, principle_data(**{"action-publish": "publish"})
    )
    assert response.status_code == 302
    principle.refresh_from_db()
    assert principle.live is True
    assert "Delaktighet" in client.get(page.url).content.decode()


def test_principle_preview_renders(admin_client):
    principle = PrincipleFactory(name="Öppenhet och insyn")
    url = reverse(
        "wagtailsnippets_wagtail_samverkan_principle:preview_on_edit",
        args=[principle.pk],
    )
    response = admin_client.post(
        url, principle_data(name="Öppenhet och insyn, nytt utkast")
    )
    assert response.status_code == 200
    assert response.json()["is_valid"] is True
    response = admin_client.get(url)
    assert "Öppenhet och insyn, nytt utkast" in response.content.decode()


def agreement_form(**overrides):
    data = {
        "title": "Överenskommelse 2030",
        "slug": "overenskommelse-2030",
        "other_party": "",
        "intro": "",
        "body": streamfield([]),
        "easy_read_body": streamfield([]),
        "agreement_principles": inline_formset([]),
        "signatories": inline_formset([]),
        "milestones": inline_formset([]),
        "follow_ups": inline_formset([]),
        "comments": inline_formset([]),
        "decided_by": "",
        "decision_date": "",
        "registration_number": "",
        "valid_from": "",
        "valid_until": "",
        "supersedes": "",
        "signed_document": "",
        "signatory_count": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(index):
    return reverse(
        "wagtailadmin_pages:add", args=("wagtail_samverkan", "agreementpage", index.pk)
    )


def test_admin_adds_an_agreement_with_principles_and_milestones(admin_client, index):
    principle = PrincipleFactory(name="Dialog")
    data = agreement_form(
        agreement_principles=inline_formset(
            [
                {
                    "principle": principle.pk,
                    "elaboration": rich_text("<p>Vi träffas ofta.</p>"),
                    "municipality_commitments": rich_text("<p>Bjuda in.</p>"),
                    "organisations_commitments": rich_text("<p>Komma.</p>"),
                }
            ]
        ),
        milestones=inline_formset(
            [
                {
                    "date": "2011-01-01",
                    "precision": "year",
                    "title": "Motion",
                    "text": "",
                    "link_url": "",
                }
            ]
        ),
        valid_from="2030-01-01",
    )
    response = admin_client.post(add_url(index), data)
    assert response.status_code == 302, response.context["form"].errors
    page = AgreementPage.objects.get(slug="overenskommelse-2030")
    assert page.agreement_principles.get().principle == principle
    assert page.milestones.get().date == datetime.date(2011, 1, 1)


def test_admin_refuses_valid_until_before_valid_from(admin_client, index):
    data = agreement_form(valid_from="2030-01-01", valid_until="2029-12-31")
    response = admin_client.post(add_url(index), data)
    assert response.status_code == 200
    assert (
        "Överenskommelsen kan inte sluta gälla innan den börjar gälla."
        in response.content.decode()
    )
    assert not AgreementPage.objects.filter(slug="overenskommelse-2030").exists()


def test_admin_refuses_a_milestone_date_that_does_not_fit_its_precision(
    admin_client, index
):
    data = agreement_form(
        milestones=inline_formset(
            [
                {
                    "date": "2011-05-17",
                    "precision": "year",
                    "title": "Motion",
                    "text": "",
                    "link_url": "",
                }
            ]
        )
    )
    response = admin_client.post(add_url(index), data)
    assert response.status_code == 200
    assert (
        "Med precisionen ”år” ska du ange 1 januari det året"
        in response.content.decode()
    )
    assert not AgreementPage.objects.filter(slug="overenskommelse-2030").exists()


def test_admin_refuses_self_and_circular_supersedes(admin_client, index):
    first = make_agreement(index, slug="forsta")
    second = make_agreement(index, slug="andra", supersedes=first)
    edit_url = reverse("wagtailadmin_pages:edit", args=[first.pk])
    for target, message in (
        (first, "En överenskommelse kan inte ersätta sig själv."),
        (second, "Det skulle bli en cirkel"),
    ):
        data = agreement_form(title=first.title, slug=first.slug, supersedes=target.pk)
        response = admin_client.post(edit_url, data)
        assert response.status_code == 200
        assert message in response.content.decode()
    first.refresh_from_db()
    assert first.supersedes_id is None


def test_edit_view_has_the_tabs(admin_client, index):
    page = make_agreement(index)
    content = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[page.pk])
    ).content.decode()
    for tab in ("Lättläst", "Principer", "Beslut", "Historik och uppföljning"):
        assert tab in content


def test_preview_of_an_agreement_with_unsaved_principles(admin_client, index):
    existing = make_agreement(index, slug="annan")
    principle = PrincipleFactory(name="Förhandsvisad princip")
    data = agreement_form(
        agreement_principles=inline_formset(
            [
                {
                    "principle": principle.pk,
                    "elaboration": rich_text("<p>Ny lokal text.</p>"),
                    "municipality_commitments": rich_text("<p>Lova.</p>"),
                    "organisations_commitments": rich_text("<p>Hålla.</p>"),
                }
            ]
        ),
        milestones=inline_formset(
            [
                {
                    "date": "2015-03-26",
                    "precision": "day",
                    "title": "Frågan",
                    "text": "",
                    "link_url": "",
                }
            ]
        ),
    )
    for url in (
        reverse(
            "wagtailadmin_pages:preview_on_add",
            args=("wagtail_samverkan", "agreementpage", index.pk),
        ),
        reverse("wagtailadmin_pages:preview_on_edit", args=[existing.pk]),
    ):
        assert admin_client.post(url, data).json()["is_valid"] is True
        content = admin_client.get(url).content.decode()
        assert "Förhandsvisad princip" in content and "Ny lokal text." in content
        assert "26 mars 2015" in content
        assert "sv-status--superseded" not in content


def test_a_principle_in_use_cannot_be_deleted(admin_client, index):
    page = make_agreement(index)
    principle = page.agreement_principles.get().principle
    url = reverse(
        "wagtailsnippets_wagtail_samverkan_principle:delete", args=[principle.pk]
    )
    admin_client.post(url)
    assert Principle.objects.filter(pk=principle.pk).exists()
    unused = PrincipleFactory()
    url = reverse(
        "wagtailsnippets_wagtail_samverkan_principle:delete", args=[unused.pk]
    )
    admin_client.post(url)
    assert not Principle.objects.filter(pk=unused.pk).exists()
