"""Cross-cutting safety checks on everything the public can reach.

* Every public address of the demo content answers hostile query strings with
  a normal status (never a server error) and never echoes raw markup.
* Drafts, unpublished and view-restricted content (and draft principles) never
  leak into lists, exports, feeds, the sitemap, search, the API or blocks.
* Contact persons not marked public are never shown anywhere public.
* Register entries still in use cannot be deleted through the admin.

The demo content is loaded once for the whole module inside a transaction
that is rolled back at the end; each test runs in its own savepoint on top.
"""

import csv
import datetime
import io
import json
import re
from urllib.parse import quote_plus

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from wagtail.models import PageViewRestriction, Site
from wagtail.search.backends import get_search_backend

from tests.agreement.helpers import make_agreement
from tests.factories import (
    FocusAreaFactory,
    MunicipalBodyFactory,
    OrganisationFactory,
    PrincipleFactory,
    create_event,
    make_partnership,
    make_register,
)
from wagtail_samverkan.core.compat import get_base_page_model
from wagtail_samverkan.models import (
    AgreementIndexPage,
    AgreementPage,
    AgreementPrinciple,
    EventIndexPage,
    EventPage,
    FocusArea,
    MunicipalBody,
    Organisation,
    PartnershipContact,
    PartnershipIndexPage,
    PartnershipPage,
    Principle,
)

Page = get_base_page_model()

PAGE_TYPES = [
    "wagtail_samverkan.AgreementIndexPage",
    "wagtail_samverkan.AgreementPage",
    "wagtail_samverkan.EventIndexPage",
    "wagtail_samverkan.EventPage",
    "wagtail_samverkan.PartnershipIndexPage",
    "wagtail_samverkan.PartnershipPage",
]

# Extra addresses below each page type (its routes and files).
ROUTES = {
    AgreementIndexPage: [
        "agreements.json",
        "schema.json",
        "export/json/",
        "export/schema/",
    ],
    AgreementPage: ["lattlast/"],
    EventIndexPage: ["arkiv/", "calendar.ics"],
    EventPage: ["event.ics"],
    PartnershipIndexPage: [
        "export.csv",
        "export.json",
        "export.360giving.json",
        "schema.json",
        "export/csv/",
        "export/json/",
        "export/360giving/",
        "export/schema/",
    ],
}

SCRIPT = "<script>alert(1)</script>"
HOSTILE_QUERIES = {
    "page-negative": "page=-1",
    "page-huge": "page=999999",
    "page-text": "page=abc",
    "year-text": "year=abc",
    "year-huge": "year=99999999999999999999",
    "month-13": "month=13",
    "month-2026-13": "month=2026-13",
    "month-huge": "month=2024-99999999999999999999",
    "month-huge-year": "month=99999999999999999999-01",
    "q-quote": "q=%22",
    "q-operators": "q=%22a%22+OR+NOT+(b*+-c+%27d%27+%7E+%5E+%3A+%26+%7C",
    "kind-unknown": "kind=nope",
    "focus-script": "focus=%3Cscript%3Ealert(1)%3C/script%3E",
    "organisation-missing": "organisation=999999",
    "body-text": "body=x",
    "status-bogus": "status=bogus",
    "sort-dunder": "sort=__class__",
    "q-5000": "q=" + "a" * 5000,
    "nul-byte": "q=a%00b&focus=%00&organisation=1%00&body=%00&kind=%00"
    "&month=2026-01%00&year=2026%00&status=%00&sort=%00&page=%00",
    "ids-huge": "organisation=99999999999999999999&body=99999999999999999999"
    "&page=99999999999999999999&focus=" + "x" * 300,
    "repeated-keys": "kind=a&kind=b&status=active&status=planned&page=1&page=2",
    "unicode": "q=%C3%A5%C3%A4%C3%B6",
    "script-everywhere": "&".join(
        f"{key}=%3Cscript%3Ealert(1)%3C/script%3E"
        for key in ("q", "kind", "month", "year", "status", "sort", "body", "page")
    ),
}
# 400: a file route refuses a parameter it cannot honour, with the reason.
ALLOWED = (200, 301, 302, 400, 404)
# Wagtail's API answers unknown or malformed parameters with a clear 400 error.
ALLOWED_API = (*ALLOWED, 400)


def _site_urls():
    """The public addresses of the live, public pages of the default site.

    ``urls`` and ``api`` list all of them; ``sample`` has every address of
    the first page of each type (and of every page that is not a detail page),
    which is what the hostile query strings are tried on.
    """
    site = Site.objects.get(is_default_site=True)
    urls, api, sample = ["/sitemap.xml"], [], ["/sitemap.xml"]
    seen = set()
    for page in (
        Page.objects.live().public().descendant_of(site.root_page, inclusive=True)
    ).specific():
        url = page.get_url()
        if not url:
            continue
        addresses = [url]
        for model, routes in ROUTES.items():
            if isinstance(page, model):
                addresses.extend(url + route for route in routes)
        addresses.append(f"/api/v2/pages/{page.pk}/")
        urls.extend(address for address in addresses if "/api/" not in address)
        api.append(addresses[-1])
        detail = isinstance(page, (AgreementPage, EventPage, PartnershipPage))
        if not detail or type(page) not in seen:
            sample.extend(addresses)
            seen.add(type(page))
    for page_type in PAGE_TYPES:
        listing = f"/api/v2/pages/?type={page_type}&fields=*"
        api.append(listing)
        sample.append(listing)
    return {"urls": urls, "api": api, "sample": sample}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once for the module and rolled back afterwards."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("samverkan_demo", stdout=io.StringIO())
            yield _site_urls()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def text(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def with_query(url, query):
    return f"{url}{'&' if '?' in url else '?'}{query}"


# --- 1. A crawl with hostile query strings --------------------------------------


def test_crawl_covers_every_kind_of_public_address(db, demo, client):
    urls, api = demo["urls"], demo["api"]
    for model in (
        AgreementIndexPage,
        AgreementPage,
        EventIndexPage,
        EventPage,
        PartnershipIndexPage,
        PartnershipPage,
    ):
        assert model.objects.live().public().exists(), model
    for ending in ("lattlast/", "arkiv/", "calendar.ics", "event.ics", "export.csv"):
        assert any(url.endswith(ending) for url in urls), ending
    failures = []
    for url in urls + api:
        response = client.get(url)
        if response.status_code != 200:
            failures.append((url, response.status_code))
        text(response)
    assert failures == []


@pytest.mark.parametrize("query", HOSTILE_QUERIES.values(), ids=HOSTILE_QUERIES.keys())
def test_hostile_query_strings_never_give_a_server_error(db, demo, client, query):
    client.raise_request_exception = False
    failures = []
    for url in demo["sample"]:
        address = with_query(url, query)
        response = client.get(address)
        allowed = ALLOWED_API if url.startswith("/api/") else ALLOWED
        if response.status_code not in allowed:
            failures.append((address[:120], response.status_code))
            continue
        content = text(response)
        if "html" in response.get("Content-Type", "") and SCRIPT in content:
            failures.append((address[:120], "echoes raw <script>"))
    assert failures == []


def test_file_routes_on_wrong_or_missing_pages_give_404(db, demo, client):
    register = PartnershipIndexPage.objects.live().get().url
    calendar = EventIndexPage.objects.live().get().url
    agreements = AgreementIndexPage.objects.live().get().url
    for address in (
        "/finns-inte/export.csv",
        "/finns-inte/calendar.ics",
        calendar + "finns-inte/event.ics",
        register + "event.ics",
        register + "calendar.ics",
        calendar + "export.csv",
        agreements + "export.json",
        agreements + "calendar.ics",
        register + "finns-inte/schema.json",
        "/export.csv",
        "/event.ics",
    ):
        assert client.get(address).status_code == 404, address


# --- 2. Unpublished, draft and private content never leaks ----------------------


MARKERS = {
    "draft_iop": "Zyxdraftiop",
    "private_iop": "Zyxprivateiop",
    "unpublished_event": "Zyxunpubevent",
    "private_event": "Zyxprivateevent",
    "login_event": "Zyxloginevent",
    "private_agreement": "Zyxprivateagreement",
    "draft_agreement": "Zyxdraftagreement",
    "draft_principle": "Zyxdraftprinciple",
    "private_register": "Zyxprivateregister",
}


@pytest.fixture
def demo_pages(db, demo):
    return {
        "register": PartnershipIndexPage.objects.live().get(),
        "calendar": EventIndexPage.objects.live().get(),
        "agreements": AgreementIndexPage.objects.live().get(),
    }


def restrict(page, kind="password"):
    if kind == "password":
        PageViewRestriction.objects.create(
            page=page, restriction_type="password", password="hemligt"
        )
    else:
        PageViewRestriction.objects.create(page=page, restriction_type="login")


@pytest.fixture
def hidden(demo_pages):
    """One hidden thing of every kind, each with its own marker word."""
    register = demo_pages["register"]
    calendar = demo_pages["calendar"]
    agreements = demo_pages["agreements"]
    pages = {}

    def iop(marker, **kwargs):
        return make_partnership(
            register,
            title=f"IOP {marker}",
            slug=f"dold-iop-{len(pages)}",
            summary=f"Sammanfattning {marker}.",
            target_group=f"Målgrupp {marker}",
            focus_areas=[FocusArea.objects.first()],
            **kwargs,
        )

    pages["draft_iop"] = iop(MARKERS["draft_iop"], publish=False)
    # A live IOP in a register only for logged-in users.
    closed = make_register(
        Site.objects.get(is_default_site=True).root_page,
        title="Internt register",
        slug="internt-register",
    )
    restrict(closed, "login")
    pages["closed_register"] = closed
    pages["private_register"] = make_partnership(
        closed,
        title=f"IOP {MARKERS['private_register']}",
        slug="internt-iop",
        summary=f"Sammanfattning {MARKERS['private_register']}.",
    )
    pages["private_iop"] = iop(MARKERS["private_iop"])
    restrict(pages["private_iop"])

    def event(marker, **kwargs):
        return create_event(
            calendar,
            title=f"Möte {marker}",
            slug=f"dolt-mote-{len(pages)}",
            start_date=datetime.date.today() + datetime.timedelta(days=10),
            **kwargs,
        )

    pages["unpublished_event"] = event(MARKERS["unpublished_event"])
    pages["unpublished_event"].unpublish()
    pages["private_event"] = event(MARKERS["private_event"])
    restrict(pages["private_event"])
    pages["login_event"] = event(MARKERS["login_event"])
    restrict(pages["login_event"], "login")

    pages["private_agreement"] = make_agreement(
        agreements,
        slug="dold-overenskommelse",
        title=f"Överenskommelse {MARKERS['private_agreement']}",
        intro=f"<p>Inledning {MARKERS['private_agreement']}.</p>",
    )
    restrict(pages["private_agreement"])
    pages["draft_agreement"] = make_agreement(
        agreements,
        slug="utkast-till-overenskommelse",
        title=f"Överenskommelse {MARKERS['draft_agreement']}",
        live=False,
    )

    # A draft principle attached to the agreement in force.
    marker = MARKERS["draft_principle"]
    principle = PrincipleFactory(
        name=f"Princip {marker}",
        summary=f"Sammanfattning {marker}.",
        description=f"<p>Beskrivning {marker}.</p>",
        live=False,
    )
    agreement = AgreementPage.objects.live().public().child_of(agreements).first()
    agreement.agreement_principles.add(
        AgreementPrinciple(
            principle=principle,
            elaboration=f"<p>Lokal text {marker}.</p>",
            municipality_commitments=f"<p>Kommunen {marker}.</p>",
        )
    )
    agreement.save_revision().publish()
    pages["live_agreement"] = AgreementPage.objects.get(pk=agreement.pk)
    pages["draft_principle"] = principle
    return pages


def host_page(parent, hidden):
    from tests.testapp.models import HostPage

    host = HostPage(
        title="Värdsida",
        slug="vardsida",
        body=[
            (
                "partnership_list",
                {"heading": "Alla IOP", "sort": "title", "limit": 50},
            ),
            (
                "next_events",
                {"heading": "Möten", "count": 50, "kind": "", "calendar": None},
            ),
            (
                "agreement_principles",
                {
                    "heading": "Principer",
                    "agreement": hidden["private_agreement"],
                    "principles": [],
                    "show_commitments": True,
                },
            ),
            (
                "agreement_principles",
                {
                    "heading": "Principer",
                    "agreement": hidden["live_agreement"],
                    "principles": [],
                    "show_commitments": True,
                },
            ),
            (
                "agreement_principles",
                {
                    "heading": "Valda principer",
                    "agreement": None,
                    "principles": [hidden["draft_principle"]],
                    "show_commitments": True,
                },
            ),
            (
                "agreement_summary",
                {"agreement": hidden["private_agreement"], "text": ""},
            ),
            (
                "agreement_summary",
                {"agreement": hidden["draft_agreement"], "text": ""},
            ),
        ],
    )
    parent.add_child(instance=host)
    host.save_revision().publish()
    host.refresh_from_db()
    return host


def public_outputs(client, demo_pages, hidden):
    """(address, text) of every public list, file, feed and block."""
    register = demo_pages["register"].url
    calendar = demo_pages["calendar"].url
    agreements = demo_pages["agreements"].url
    live_agreement = hidden["live_agreement"].url
    host = host_page(Site.objects.get(is_default_site=True).root_page, hidden)
    addresses = [
        register,
        register + "export.csv",
        register + "export.json",
        register + "export.360giving.json",
        register + "export/csv/",
        register + "export/json/",
        calendar,
        calendar + "arkiv/",
        calendar + "calendar.ics",
        agreements,
        agreements + "agreements.json",
        agreements + "export/json/",
        live_agreement,
        live_agreement + "lattlast/",
        host.url,
        "/samverkan/dcat.ttl",
        "/samverkan/dcat.jsonld",
        "/sitemap.xml",
    ]
    for page_type in PAGE_TYPES:
        addresses.append(f"/api/v2/pages/?type={page_type}&fields=*&limit=20")
    addresses.append(f"/api/v2/pages/{hidden['live_agreement'].pk}/")
    outputs = []
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        outputs.append((address, text(response)))
    return outputs


NONSENSE = "Qwvnothingmatches"
GENERATED = re.compile(r'"generated_at": "[^"]*"')


def same_but_for(client, address, word):
    """True when ``address`` gives the same text as when ``word`` is nonsense.

    A search form echoes what was searched for; the results must not differ.
    """
    encoded = quote_plus(word)
    found = text(client.get(address)).replace(word, "@@").replace(encoded, "@@")
    nothing = text(client.get(address.replace(encoded, NONSENSE)))
    nothing = nothing.replace(NONSENSE, "@@")
    return GENERATED.sub("", found) == GENERATED.sub("", nothing)


def test_hidden_content_never_appears_in_public_lists_feeds_or_blocks(
    client, demo_pages, hidden
):
    outputs = public_outputs(client, demo_pages, hidden)
    leaks = [
        (address[:100], name)
        for address, content in outputs
        for name, marker in MARKERS.items()
        if marker.lower() in content.lower()
    ]
    assert leaks == []
    # The checks can fail: the live content is there.
    everything = "\n".join(content for _address, content in outputs)
    assert hidden["live_agreement"].title in everything
    assert "BEGIN:VEVENT" in everything
    # Searching the register and filtering the exports finds none of them.
    register = demo_pages["register"].url
    for marker in MARKERS.values():
        for base in (register, register + "export.csv", register + "export.json"):
            address = with_query(base, f"q={quote_plus(marker)}")
            assert client.get(address).status_code == 200
            assert same_but_for(client, address, marker), address


def test_hidden_pages_are_not_served_to_visitors(client, hidden):
    for name in (
        "draft_iop",
        "unpublished_event",
        "draft_agreement",
    ):
        page = Page.objects.get(pk=hidden[name].pk)
        url = page.get_url() or "/" + page.slug + "/"
        assert client.get(url).status_code == 404, name
    for name in ("private_iop", "private_event", "private_agreement"):
        page = hidden[name]
        response = client.get(page.url)
        assert response.status_code == 200  # Wagtail's password form
        assert MARKERS[name].lower() not in text(response).lower()
    assert client.get(hidden["login_event"].url).status_code == 302
    closed = hidden["closed_register"].url
    for address in (
        closed,
        closed + "export.csv",
        closed + "export.json",
        closed + "export/csv/",
        hidden["private_register"].url,
    ):
        response = client.get(address)
        assert response.status_code == 302, address  # to the login page
        assert MARKERS["private_register"] not in text(response)
    for name in ("private_event", "login_event"):
        response = client.get(hidden[name].url + "event.ics")
        assert response.status_code in (200, 302, 404)
        assert MARKERS[name].lower() not in text(response).lower()
    assert client.get(hidden["unpublished_event"].url + "event.ics").status_code == 404
    assert client.get(hidden["private_agreement"].url + "lattlast/").status_code in (
        200,
        302,
    )
    easy = text(client.get(hidden["private_agreement"].url + "lattlast/"))
    assert MARKERS["private_agreement"].lower() not in easy.lower()


def test_event_page_does_not_link_to_private_pages(client, demo_pages, hidden):
    """An event's related links leave out pages visitors may not see."""
    event = create_event(
        demo_pages["calendar"],
        title="Länkande möte",
        slug="lankande-mote",
        start_date=datetime.date.today() + datetime.timedelta(days=12),
        related=[
            hidden["live_agreement"],
            hidden["private_agreement"],
            hidden["private_iop"],
            hidden["login_event"],
        ],
    )
    response = client.get(event.url)
    assert response.status_code == 200
    content = text(response)
    assert hidden["live_agreement"].title in content
    leaks = [
        name
        for name in ("private_agreement", "private_iop", "login_event")
        if MARKERS[name] in content
    ]
    assert leaks == []


def test_hidden_content_is_not_in_wagtail_search(demo_pages, hidden):
    for name, marker in MARKERS.items():
        if name == "draft_principle":
            continue
        found = Page.objects.live().public().search(marker)
        assert [page.title for page in found] == [], name
    # Drafts of principles are found by no public search either.
    backend = get_search_backend()
    found = backend.search(
        MARKERS["draft_principle"], Principle.objects.filter(live=True)
    )
    assert list(found) == []
    assert list(backend.search(MARKERS["draft_principle"], Principle)) != []
    # The search can find things: a live IOP is found.
    live = PartnershipPage.objects.live().public().first()
    assert live.pk in [
        page.pk for page in Page.objects.live().public().search(live.title)
    ]


def test_hidden_content_is_not_in_the_api(client, hidden):
    for name, marker in MARKERS.items():
        if name == "draft_principle":
            continue
        response = client.get("/api/v2/pages/", {"search": marker})
        assert response.status_code == 200
        assert response.json()["items"] == [], name
        detail = client.get(f"/api/v2/pages/{hidden[name].pk}/")
        assert detail.status_code == 404, name
    detail = client.get(f"/api/v2/pages/{hidden['live_agreement'].pk}/")
    assert detail.status_code == 200
    assert MARKERS["draft_principle"].lower() not in detail.content.decode().lower()


# --- 3. Contact persons -------------------------------------------------------


def test_contacts_not_marked_public_appear_nowhere_public(client, demo_pages):
    register = demo_pages["register"]
    hidden = list(PartnershipContact.objects.filter(show_publicly=False))
    shown = list(
        PartnershipContact.objects.filter(
            show_publicly=True, page__in=register.partnerships()
        )
    )
    assert hidden and shown
    addresses = [
        register.url,
        register.url + "export.csv",
        register.url + "export.json",
        "/api/v2/pages/?type=wagtail_samverkan.PartnershipPage&fields=*&limit=20",
        "/sitemap.xml",
    ]
    for page in register.partnerships():
        addresses += [page.url, f"/api/v2/pages/{page.pk}/"]
    outputs = {}
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        outputs[address] = text(response)
    everything = "\n".join(outputs.values())
    for contact in hidden:
        assert contact.name not in everything
        if contact.email:
            assert contact.email not in everything
        if contact.phone:
            assert contact.phone not in everything
        address = with_query(register.url, f"q={quote_plus(contact.name)}")
        assert same_but_for(client, address, contact.name), address
        api = client.get("/api/v2/pages/", {"search": contact.name})
        assert contact.name not in api.content.decode()
    # Public contacts are on their IOP's page and in the JSON export (the CSV
    # file is one flat row per IOP and has no contact columns).
    exported_csv = outputs[register.url + "export.csv"]
    exported = json.loads(outputs[register.url + "export.json"])
    exported_names = {
        contact["name"]
        for item in exported["partnerships"]
        for contact in item.get("contacts", [])
    }
    rows = list(csv.reader(io.StringIO(exported_csv.lstrip("\ufeff")), delimiter=","))
    assert len(rows) > 1
    for contact in shown:
        assert contact.name in outputs[contact.page.url]
        assert contact.name in exported_names


# --- 4. Deleting register entries in use --------------------------------------


def delete_url(model, pk):
    return reverse(
        f"wagtailsnippets_wagtail_samverkan_{model._meta.model_name}:delete",
        args=[pk],
    )


def assert_delete_refused(admin_client, obj, user_title):
    """The admin explains why ``obj`` cannot go, and it stays."""
    model = type(obj)
    name = model._meta.model_name
    url = delete_url(model, obj.pk)
    confirm = admin_client.get(url)
    assert confirm.status_code == 200
    # Wagtail's confirmation page says the object is referenced and offers no
    # delete button; its usage page names what refers to it.
    assert confirm.context["is_protected"] is True
    assert "refererad" in confirm.content.decode()
    usage = admin_client.get(
        reverse(f"wagtailsnippets_wagtail_samverkan_{name}:usage", args=[obj.pk])
    )
    assert usage.status_code == 200
    assert user_title in usage.content.decode()
    # Posting anyway is refused with a message, and nothing is deleted.
    response = admin_client.post(url, follow=True)
    assert model.objects.filter(pk=obj.pk).exists()
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert messages, "the refusal is not explained"


def test_organisation_partner_of_an_iop_cannot_be_deleted(admin_client, demo_pages):
    organisation = OrganisationFactory(name="Föreningen Partnern")
    make_partnership(
        demo_pages["register"], partners=[organisation], title="IOP med partnern"
    )
    assert_delete_refused(admin_client, organisation, "IOP med partnern")


def test_organisation_organising_an_event_cannot_be_deleted(admin_client, demo_pages):
    organisation = OrganisationFactory(name="Föreningen Arrangören")
    create_event(
        demo_pages["calendar"],
        title="Möte hos arrangören",
        organiser_organisation=organisation,
    )
    assert_delete_refused(admin_client, organisation, "Möte hos arrangören")


def test_body_responsible_for_an_iop_cannot_be_deleted(admin_client, demo_pages):
    body = MunicipalBodyFactory(name="Ansvariga nämnden")
    make_partnership(
        demo_pages["register"], responsible_body=body, title="IOP med nämnden"
    )
    assert_delete_refused(admin_client, body, "IOP med nämnden")


def test_body_organising_an_event_cannot_be_deleted(admin_client, demo_pages):
    body = MunicipalBodyFactory(name="Arrangerande nämnden")
    create_event(demo_pages["calendar"], title="Nämndens möte", organiser_body=body)
    assert_delete_refused(admin_client, body, "Nämndens möte")


def test_focus_area_used_by_an_iop_cannot_be_deleted(admin_client, demo_pages):
    area = FocusAreaFactory(name="Använt område", slug="anvant-omrade")
    make_partnership(
        demo_pages["register"], focus_areas=[area], title="IOP inom området"
    )
    assert_delete_refused(admin_client, area, "IOP inom området")


def test_principle_used_by_an_agreement_cannot_be_deleted(admin_client, demo_pages):
    page = make_agreement(
        demo_pages["agreements"], slug="med-princip", title="Avtal med princip"
    )
    principle = page.agreement_principles.get().principle
    assert_delete_refused(admin_client, principle, "Avtal med princip")


def test_unused_register_entries_can_still_be_deleted(admin_client, demo_pages):
    """The refusals above are about use, not about the models."""
    for obj in (
        OrganisationFactory(),
        MunicipalBodyFactory(),
        FocusAreaFactory(),
        PrincipleFactory(),
    ):
        model = type(obj)
        response = admin_client.post(delete_url(model, obj.pk))
        assert response.status_code == 302
        assert not model.objects.filter(pk=obj.pk).exists()
    assert Organisation.objects.exists() and MunicipalBody.objects.exists()
