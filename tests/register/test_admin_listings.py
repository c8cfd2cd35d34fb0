"""The register's admin listings: a constant number of queries, with the Translate action."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from tests.factories import FocusAreaFactory, MunicipalBodyFactory, PrincipleFactory


def translate_url(obj):
    return reverse(
        "simple_translation:submit_snippet_translation",
        args=["wagtail_samverkan", obj._meta.model_name, obj.pk],
    )


@pytest.mark.parametrize(
    "factory", [MunicipalBodyFactory, FocusAreaFactory, PrincipleFactory]
)
def test_translate_action_is_offered_while_a_locale_is_missing(admin_client, factory):
    english = Locale.objects.create(language_code="en")
    first, second = factory(), factory()
    url = reverse(f"wagtailsnippets_wagtail_samverkan_{first._meta.model_name}:list")
    content = admin_client.get(url).content.decode()
    assert translate_url(first) in content and translate_url(second) in content
    first.copy_for_translation(english).save()
    content = admin_client.get(url).content.decode()
    assert translate_url(first) not in content
    assert translate_url(second) in content


def test_no_translate_action_with_one_locale(admin_client):
    body = MunicipalBodyFactory()
    url = reverse("wagtailsnippets_wagtail_samverkan_municipalbody:list")
    content = admin_client.get(url).content.decode()
    assert (
        reverse("wagtailsnippets_wagtail_samverkan_municipalbody:edit", args=[body.pk])
        in content
    )
    assert translate_url(body) not in content


LISTING_QUERIES = {"municipalbody": 11, "focusarea": 10}


@pytest.mark.parametrize("count", [1, 30])
@pytest.mark.parametrize(
    "factory,model_name",
    [(MunicipalBodyFactory, "municipalbody"), (FocusAreaFactory, "focusarea")],
)
def test_listing_query_count_does_not_grow_with_rows(
    admin_client, django_assert_num_queries, factory, model_name, count
):
    Locale.objects.create(language_code="en")
    for _ in range(count):
        factory()
    url = reverse(f"wagtailsnippets_wagtail_samverkan_{model_name}:list")
    admin_client.get(url)
    with django_assert_num_queries(LISTING_QUERIES[model_name]):
        response = admin_client.get(url)
    assert response.content.decode().count("submit/snippet/wagtail_samverkan") == count


def test_principle_rows_link_to_their_edit_view(admin_client):
    principle = PrincipleFactory(name="Dialog")
    url = reverse("wagtailsnippets_wagtail_samverkan_principle:list")
    content = admin_client.get(url).content.decode()
    edit = reverse(
        "wagtailsnippets_wagtail_samverkan_principle:edit", args=[principle.pk]
    )
    assert f'href="{edit}"' in content


def test_municipal_bodies_have_one_name_in_menu_listing_and_chooser(admin_client):
    """The glossary's word everywhere: "nämnd eller förvaltning"."""
    from wagtail.snippets.widgets import AdminSnippetChooser

    from wagtail_samverkan.models import MunicipalBody
    from wagtail_samverkan.register.viewsets import MunicipalBodyViewSet

    MunicipalBodyFactory(name="Socialnämnden")
    listing = admin_client.get(
        reverse("wagtailsnippets_wagtail_samverkan_municipalbody:list")
    ).content.decode()
    assert "Nämnder och förvaltningar" in listing
    assert "ommunal organisation" not in listing
    assert "ommunala organisation" not in listing
    assert str(MunicipalBodyViewSet.menu_label) == "Nämnder och förvaltningar"
    chooser = AdminSnippetChooser(MunicipalBody)
    assert chooser.choose_one_text == "Välj nämnd eller förvaltning"
