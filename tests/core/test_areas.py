"""A site turns off the areas it does not use; the others keep working."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from tests.agreement.helpers import make_agreement, make_index
from tests.factories import (
    create_calendar,
    create_event,
    make_partnership,
    make_register,
)
from wagtail_samverkan.blocks import samverkan_blocks
from wagtail_samverkan.core.conf import samverkan_settings
from wagtail_samverkan.models import (
    AgreementIndexPage,
    AgreementPage,
    EventIndexPage,
    EventPage,
    PartnershipIndexPage,
    PartnershipPage,
)

AREA_PAGES = {
    "agreement": (AgreementIndexPage, AgreementPage),
    "partnerships": (PartnershipIndexPage, PartnershipPage),
    "events": (EventIndexPage, EventPage),
}
AREA_BLOCKS = {
    "agreement": {"agreement_principles", "agreement_summary"},
    "partnerships": {"partnership_list"},
    "events": {"next_events"},
}


def without(area):
    areas = [name for name in AREA_PAGES if name != area]
    return override_settings(
        WAGTAIL_SAMVERKAN={**settings.WAGTAIL_SAMVERKAN, "AREAS": areas}
    )


def addable(admin_client, page):
    response = admin_client.get(f"/admin/pages/{page.pk}/add_subpage/")
    assert response.status_code == 200
    return response.content.decode()


def add_link(model, parent):
    return f"/admin/pages/add/wagtail_samverkan/{model._meta.model_name}/{parent.pk}/"


def build_each_area(home_page):
    agreement = make_agreement(make_index(home_page))
    iop = make_partnership(make_register(home_page), title="Läxhjälp")
    event = create_event(create_calendar(home_page), title="Dialogmöte")
    return {"agreement": agreement, "partnerships": iop, "events": event}


@pytest.mark.django_db
@pytest.mark.parametrize("area", list(AREA_PAGES))
def test_an_area_turned_off_offers_no_page_types_blocks_or_menu_items(
    area, admin_client, home_page
):
    pages = build_each_area(home_page)
    index_model, page_model = AREA_PAGES[area]
    assert index_model.can_create_at(home_page)
    assert add_link(index_model, home_page) in addable(admin_client, home_page)
    with without(area):
        assert not index_model.can_create_at(home_page)
        parent = pages[area].get_parent().specific
        assert not page_model.can_create_at(parent)
        assert add_link(index_model, home_page) not in addable(admin_client, home_page)
        names = {name for name, _block in samverkan_blocks()}
        assert not names & AREA_BLOCKS[area]
        assert names == set().union(
            *(blocks for other, blocks in AREA_BLOCKS.items() if other != area)
        )
        dashboard = admin_client.get("/admin/").content.decode()
        # The other areas' pages can still be made and are still served.
        for other, page in pages.items():
            if other == area:
                continue
            other_index, _other_page = AREA_PAGES[other]
            assert other_index.can_create_at(home_page)
            assert admin_client.get(page.url).status_code == 200
    principles = "/admin/snippets/wagtail_samverkan/principle/"
    assert (principles in dashboard) == (area != "agreement")
    assert principles in admin_client.get("/admin/").content.decode()


def test_an_unknown_area_is_refused_with_the_known_ones():
    with (
        override_settings(
            WAGTAIL_SAMVERKAN={**settings.WAGTAIL_SAMVERKAN, "AREAS": ["kalender"]}
        ),
        pytest.raises(ImproperlyConfigured, match="agreement, partnerships, events"),
    ):
        _ = samverkan_settings.AREAS
    with (
        override_settings(
            WAGTAIL_SAMVERKAN={**settings.WAGTAIL_SAMVERKAN, "AREAS": "events"}
        ),
        pytest.raises(ImproperlyConfigured, match="a list"),
    ):
        _ = samverkan_settings.AREAS
