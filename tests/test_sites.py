"""A multi-site install: each site's blocks list that site's pages only."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Site

from tests.factories import (
    create_calendar,
    create_event,
    make_partnership,
    make_register,
)
from wagtail_samverkan.core.compat import get_base_page_model

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2030, 5, 1, 9, 0, tzinfo=datetime.UTC)


def blocks(calendar=None):
    return [
        (
            "partnership_list",
            {
                "heading": "IOP",
                "sort": "-start",
                "limit": 10,
                "show_register_link": True,
            },
        ),
        (
            "next_events",
            {"heading": "Möten", "count": 10, "kind": "", "calendar": calendar},
        ),
    ]


@pytest.fixture
def two_sites(root_page, monkeypatch):
    from tests.testapp.models import HostPage

    monkeypatch.setattr(timezone, "now", lambda: NOW)
    tree_root = get_base_page_model().get_first_root_node()
    other_root = tree_root.add_child(
        instance=HostPage(title="Grannkommunen", slug="granne")
    )
    other_root.save_revision().publish()
    Site.objects.create(hostname="granne.example", port=80, root_page=other_root)
    pages = {}
    for name, root in (("here", root_page), ("there", other_root)):
        register = make_register(root, slug=f"iop-{name}")
        make_partnership(register, title=f"IOP {name}")
        calendar = create_calendar(root, slug=f"kalender-{name}")
        create_event(
            calendar, title=f"Möte {name}", start_date=datetime.date(2030, 5, 14)
        )
        host = root.add_child(
            instance=HostPage(title="Block", slug=f"block-{name}", body=blocks())
        )
        host.save_revision().publish()
        pages[name] = {"register": register, "host": host}
    return pages


def test_blocks_list_only_their_own_sites_iops_and_meetings(client, two_sites):
    here = client.get(two_sites["here"]["host"].url).content.decode()
    assert "IOP here" in here and "Möte here" in here
    assert "IOP there" not in here and "Möte there" not in here
    assert "granne.example" not in here
    assert "/iop-here/?" in here and "/iop-there/" not in here

    there = client.get("/block-there/", HTTP_HOST="granne.example").content.decode()
    assert "IOP there" in there and "Möte there" in there
    assert "IOP here" not in there and "Möte here" not in there
    assert "/iop-there/?" in there and "/iop-here/" not in there
