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

pytestmark = pytest.mark.django_db


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
