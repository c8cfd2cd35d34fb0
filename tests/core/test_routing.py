"""Routing to the children of the package's index pages.

The IOP register, the calendar and the agreement index read a child and its
own fields in one query; everything Wagtail's own routing does must still
hold: unknown and unpublished children are not found, the index's own routes
come first, and a child of another type is still served.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    create_calendar,
    create_event,
    make_partnership,
    make_register,
)
from tests.testapp.models import HostPage
from wagtail_samverkan.core.compat import get_base_page_model


def assert_found_in_one_query(client, url, slug, table, text):
    """The page at ``url`` is served and was read joined to ``table`` in one query."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert text in response.content.decode()
    sql = [q["sql"] for q in queries.captured_queries]
    lookups = [q for q in sql if '"slug" = ' in q and f"'{slug}'" in q]
    # One query, joined to the page type's own table: no second query for .specific.
    assert len(lookups) == 1
    assert f'"{table}"' in lookups[0]
    assert not [q for q in sql if f'WHERE "{table}"."page_ptr_id" =' in q]


def test_an_iop_is_read_with_its_own_fields_in_one_query(client, root_page):
    register = make_register(root_page)
    iop = make_partnership(register, title="Läxhjälp i Norrby", slug="laxhjalp")
    assert_found_in_one_query(
        client,
        iop.url,
        "laxhjalp",
        "wagtail_samverkan_partnershippage",
        "Läxhjälp i Norrby",
    )


def test_event_pages_are_found_the_same_way(client, root_page):
    calendar = create_calendar(root_page)
    event = create_event(calendar, title="Dialogmöte om bidrag", slug="bidrag")
    assert_found_in_one_query(
        client,
        event.url,
        "bidrag",
        "wagtail_samverkan_eventpage",
        "Dialogmöte om bidrag",
    )


def test_unknown_and_unpublished_children_are_not_found(client, root_page):
    register = make_register(root_page)
    draft = make_partnership(register, slug="utkast", publish=False)
    assert not draft.live
    assert client.get(register.url + "finns-inte/").status_code == 404
    assert client.get(register.url + "utkast/").status_code == 404
    # A path below an IOP page (which has no routes of its own) is not found either.
    live = make_partnership(register, slug="levande")
    assert client.get(live.url + "mer/").status_code == 404


def test_the_index_pages_own_routes_come_first(client, root_page):
    register = make_register(root_page)
    make_partnership(register, slug="export")
    response = client.get(register.url + "export/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


def test_a_child_of_another_type_is_still_served(client, root_page):
    register = make_register(root_page)
    # Moved or imported past the admin's page-type rules.
    stray = register.add_child(
        instance=HostPage(title="En annan sorts sida", slug="annan")
    )
    stray.save_revision().publish()
    response = client.get(register.url + "annan/")
    assert response.status_code == 200
    assert isinstance(response.context["page"], HostPage)
    assert "En annan sorts sida" in response.content.decode()


def test_the_parent_is_known_without_a_query(client, root_page):
    register = make_register(root_page)
    iop = make_partnership(register, slug="foralder")
    request = client.get(register.url).wsgi_request
    result = register.route(request, ["foralder"])
    page = result.page
    assert page.pk == iop.pk
    with CaptureQueriesContext(connection) as queries:
        parent = page.get_parent()
    assert parent.pk == register.pk
    assert len(queries.captured_queries) == 0
    assert get_base_page_model().objects.get(pk=page.pk).specific_class is type(page)
