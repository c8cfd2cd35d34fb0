"""IOP partnerships: status, validation, the admin and the IOP page."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.factories import (
    FocusAreaFactory,
    MunicipalBodyFactory,
    OrganisationFactory,
    make_partnership,
    make_register,
)
from wagtail_samverkan.core import cache as samverkan_cache
from wagtail_samverkan.models import PartnershipIndexPage, PartnershipPage
from wagtail_samverkan.partnerships.models import Status, local_today, status_q
from wagtail_samverkan.register.demo import with_check_digit

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def register(root_page):
    return make_register(root_page)


def freeze(monkeypatch, when):
    """Makes ``timezone.now()`` return ``when`` (an aware datetime)."""
    monkeypatch.setattr(timezone, "now", lambda: when)


# --- Status ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "terminated", "today", "expected"),
    [
        (D(2024, 3, 1), D(2026, 2, 28), None, D(2024, 2, 29), Status.PLANNED),
        (
            D(2024, 3, 1),
            D(2026, 2, 28),
            None,
            D(2024, 3, 1),
            Status.ACTIVE,
        ),  # start day
        (D(2024, 3, 1), D(2026, 2, 28), None, D(2026, 2, 28), Status.ACTIVE),  # end day
        (D(2024, 3, 1), D(2026, 2, 28), None, D(2026, 3, 1), Status.ENDED),  # day after
        (D(2024, 3, 1), None, None, D(2099, 1, 1), Status.ACTIVE),  # open-ended
        (D(2024, 3, 1), None, None, D(2024, 2, 1), Status.PLANNED),
        (D(2024, 3, 1), D(2026, 2, 28), D(2025, 6, 30), D(2025, 6, 30), Status.ACTIVE),
        (
            D(2024, 3, 1),
            D(2026, 2, 28),
            D(2025, 6, 30),
            D(2025, 7, 1),
            Status.TERMINATED,
        ),
        (D(2024, 3, 1), None, D(2025, 6, 30), D(2025, 7, 1), Status.TERMINATED),
        (
            D(2024, 3, 1),
            D(2026, 2, 28),
            D(2025, 6, 30),
            D(2027, 1, 1),
            Status.TERMINATED,
        ),
    ],
)
def test_status_at_the_boundaries(register, start, end, terminated, today, expected):
    page = make_partnership(
        register, start_date=start, end_date=end, terminated_on=terminated
    )
    assert page.status_on(today) == expected
    # The database filter agrees with the Python property.
    matching = [
        status
        for status in Status.values
        if PartnershipPage.objects.filter(status_q(status, today), pk=page.pk).exists()
    ]
    assert matching == [expected]


def test_today_is_taken_in_the_site_time_zone(monkeypatch):
    # 23:30 UTC on New Year's Eve is already New Year's Day in Stockholm.
    freeze(monkeypatch, datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC))
    assert local_today() == D(2027, 1, 1)


def test_status_property_uses_local_today(register, monkeypatch):
    page = make_partnership(register, start_date=D(2027, 1, 1))
    freeze(monkeypatch, datetime.datetime(2026, 12, 31, 22, 59, tzinfo=datetime.UTC))
    assert page.status == Status.PLANNED
    freeze(monkeypatch, datetime.datetime(2026, 12, 31, 23, 0, tzinfo=datetime.UTC))
    assert page.status == Status.ACTIVE


# --- Model validation --------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"start_date": D(2024, 1, 1), "end_date": D(2023, 12, 31)}, "end_date"),
        (
            {
                "start_date": D(2024, 1, 1),
                "end_date": D(2025, 1, 1),
                "terminated_on": D(2023, 1, 1),
            },
            "terminated_on",
        ),
        (
            {
                "start_date": D(2024, 1, 1),
                "end_date": D(2025, 1, 1),
                "terminated_on": D(2025, 2, 1),
            },
            "terminated_on",
        ),
        (
            {"start_date": D(2024, 1, 1), "termination_reason": "Slut på pengar"},
            "terminated_on",
        ),
    ],
)
def test_model_refuses_impossible_dates(fields, field):
    page = PartnershipPage(title="X", slug="x", summary="Y", **fields)
    with pytest.raises(ValidationError) as raised:
        page.clean()
    assert field in raised.value.message_dict


# --- The admin ---------------------------------------------------------------------


def add_url(register):
    return reverse(
        "wagtailadmin_pages:add",
        args=("wagtail_samverkan", "partnershippage", register.pk),
    )


def form_data(*, partners, funding=(), contacts=(), publish=True, **fields):
    data = {
        "title": "Läxhjälp i Norrby",
        "slug": "laxhjalp-i-norrby",
        "summary": "Läxhjälp för barn i årskurs 4–9.",
        "body": streamfield([]),
        "target_group": "",
        "responsible_body": MunicipalBodyFactory().pk,
        "start_date": "2024-01-01",
        "end_date": "2026-12-31",
        "notice_period": "",
        "termination_reason": "",
        "registration_number": "",
        "partners": inline_formset(list(partners)),
        "funding_rows": inline_formset(list(funding)),
        "follow_ups": inline_formset([]),
        "contacts": inline_formset(list(contacts)),
        "documents": inline_formset([]),
        "focus_area_links": inline_formset([]),
        "principle_links": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(fields)
    if publish:
        data["action-publish"] = "action-publish"
    return nested_form_data(data)


def funding_row(year, municipal=100_000, organisations=0):
    return {
        "year": year,
        "municipal_amount": municipal,
        "organisation_amount": organisations,
        "in_kind_description": "",
    }


def post(admin_client, register, **kwargs):
    return admin_client.post(add_url(register), form_data(**kwargs))


def test_admin_creates_and_publishes_a_valid_iop(admin_client, register):
    organisation = OrganisationFactory()
    response = post(
        admin_client,
        register,
        partners=[{"organisation": organisation.pk, "role": "lead"}],
        funding=[funding_row(2024), funding_row(2025)],
        contacts=[
            {
                "name": "Karin Ek",
                "role": "",
                "affiliation": "",
                "email": "",
                "phone": "",
            }
        ],
    )
    assert response.status_code == 302, response.context["form"].errors
    page = PartnershipPage.objects.get(slug="laxhjalp-i-norrby")
    assert page.live
    assert [p.organisation for p in page.partners.all()] == [organisation]
    # "Show publicly" is off unless the editor ticks it.
    assert page.contacts.get().show_publicly is False


def test_admin_tabs_follow_the_agreement(admin_client, register):
    content = admin_client.get(add_url(register)).content.decode()
    tabs = [
        "Översikt",
        "Överenskommelse",
        "Period",
        "Finansiering",
        "Beslut och dokument",
    ]
    positions = [content.find(tab) for tab in tabs]
    assert -1 not in positions, positions
    assert positions == sorted(positions)


def errors_of(response):
    form = response.context["form"]
    errors = {key: [str(e) for e in value] for key, value in form.errors.items()}
    for name, formset in form.formsets.items():
        for index, subform in enumerate(formset.forms):
            for key, value in subform.errors.items():
                errors[f"{name}-{index}-{key}"] = [str(e) for e in value]
    return errors


def test_admin_refuses_end_before_start(admin_client, register):
    response = post(
        admin_client,
        register,
        partners=[{"organisation": OrganisationFactory().pk, "role": "lead"}],
        start_date="2024-01-01",
        end_date="2023-06-30",
    )
    assert response.status_code == 200
    assert "end_date" in errors_of(response)


@pytest.mark.parametrize("terminated_on", ["2023-12-31", "2027-01-01"])
def test_admin_refuses_termination_outside_the_period(
    admin_client, register, terminated_on
):
    response = post(
        admin_client,
        register,
        partners=[{"organisation": OrganisationFactory().pk, "role": "lead"}],
        terminated_on=terminated_on,
    )
    assert response.status_code == 200
    assert "terminated_on" in errors_of(response)


def test_admin_refuses_negative_amounts(admin_client, register):
    response = post(
        admin_client,
        register,
        partners=[{"organisation": OrganisationFactory().pk, "role": "lead"}],
        funding=[funding_row(2024, municipal=-5)],
    )
    assert response.status_code == 200
    assert errors_of(response)["funding_rows-0-municipal_amount"] == [
        "Ett belopp kan inte vara negativt."
    ] or "funding_rows-0-municipal_amount" in errors_of(response)


def test_admin_allows_a_funding_year_just_outside_but_not_further(
    admin_client, register
):
    organisation = OrganisationFactory()
    # The period is 2024–2026: 2023 and 2027 are tolerated (preparation, final report).
    ok = post(
        admin_client,
        register,
        partners=[{"organisation": organisation.pk, "role": "lead"}],
        funding=[funding_row(2023), funding_row(2027)],
    )
    assert ok.status_code == 302
    too_early = post(
        admin_client,
        register,
        slug="for-tidigt",
        partners=[{"organisation": organisation.pk, "role": "lead"}],
        funding=[funding_row(2022)],
    )
    assert "funding_rows-0-year" in errors_of(too_early)
    too_late = post(
        admin_client,
        register,
        slug="for-sent",
        partners=[{"organisation": organisation.pk, "role": "lead"}],
        funding=[funding_row(2028)],
    )
    assert "funding_rows-0-year" in errors_of(too_late)


def test_admin_refuses_the_same_year_twice(admin_client, register):
    response = post(
        admin_client,
        register,
        partners=[{"organisation": OrganisationFactory().pk, "role": "lead"}],
        funding=[funding_row(2024), funding_row(2024)],
    )
    assert "funding_rows-1-year" in errors_of(response)


def test_admin_refuses_the_same_organisation_twice(admin_client, register):
    organisation = OrganisationFactory(name="Föreningen Dubbel")
    response = post(
        admin_client,
        register,
        partners=[
            {"organisation": organisation.pk, "role": "lead"},
            {"organisation": organisation.pk, "role": "partner"},
        ],
    )
    errors = errors_of(response)
    assert "partners-1-organisation" in errors
    assert "Föreningen Dubbel" in errors["partners-1-organisation"][0]


def test_admin_needs_a_partner_to_publish_but_not_to_save_a_draft(
    admin_client, register
):
    response = post(admin_client, register, partners=[])
    assert response.status_code == 200
    assert "__all__" in errors_of(response)
    assert not PartnershipPage.objects.exists()
    draft = post(admin_client, register, partners=[], publish=False)
    assert draft.status_code == 302
    assert PartnershipPage.objects.get().live is False


# --- The IOP page ------------------------------------------------------------------


@pytest.fixture
def full_iop(register):
    lead = OrganisationFactory(
        name="Föreningen Gemensam Grund",
        organisation_number=with_check_digit("802400100"),
    )
    other = OrganisationFactory(name="Kvinnojouren")
    area = FocusAreaFactory(name="Integration", slug="integration")
    return make_partnership(
        register,
        title="Läxhjälp och språkcafé",
        partners=[lead, other],
        focus_areas=[area],
        start_date=D(2022, 1, 1),
        end_date=D(2025, 12, 31),
        registration_number="SN 2021-00123",
        funding=[
            (2022, 400_000, 50_000),
            (2023, 450_000, 50_000),
            (2024, 500_000, 60_000),
        ],
        contacts=[
            {
                "name": "Hemliga Hanna",
                "email": "hanna@example.org",
                "show_publicly": False,
            },
            {"name": "Öppna Olle", "email": "olle@example.org", "show_publicly": True},
        ],
    )


def test_iop_page_shows_funding_table_with_totals_and_chart(client, full_iop):
    content = client.get(full_iop.url).content.decode()
    assert '<caption id="sv-funding-caption">' in content
    assert "1\u00a0350\u00a0000 kr" in content  # municipal total
    assert "160\u00a0000 kr" in content  # organisations' total
    assert '<svg role="img"' in content
    assert "<desc" in content and "2023: 450\u00a0000 kr" in content
    assert "SN 2021-00123" in content
    assert '<th scope="row">2024</th>' in content


def test_iop_page_links_to_the_filtered_register(client, full_iop, register):
    content = client.get(full_iop.url).content.decode()
    lead = full_iop.partners.first().organisation
    assert f'href="{register.url}?organisation={lead.pk}"' in content
    assert f'href="{register.url}?focus=integration"' in content


def test_iop_page_shows_only_public_contacts(client, full_iop):
    content = client.get(full_iop.url).content.decode()
    assert "Öppna Olle" in content and "olle@example.org" in content
    assert "Hemliga Hanna" not in content and "hanna@example.org" not in content


def test_iop_page_shows_termination(client, register):
    page = make_partnership(
        register,
        start_date=D(2019, 1, 1),
        end_date=D(2022, 12, 31),
        terminated_on=D(2020, 9, 30),
        termination_reason="Föreningen lade ned verksamheten.",
    )
    content = client.get(page.url).content.decode()
    assert "Avslutat i förtid" in content
    assert "30 september 2020" in content
    # The agreed period is still shown in full.
    assert '<time datetime="2022-12-31">31 december 2022</time>' in content
    assert "lade ned verksamheten" in content


def test_iop_page_query_count_is_constant(client, register, django_assert_num_queries):
    def measure(page):
        cache.clear()
        client.get(page.url)  # warm the site cache
        samverkan_cache.invalidate()  # the page body is not cached
        with django_assert_num_queries(IOP_PAGE_QUERIES):
            response = client.get(page.url)
        assert response.status_code == 200
        # Once the body is in the cache:
        with django_assert_num_queries(IOP_PAGE_QUERIES_CACHED):
            cached = client.get(page.url)
        assert cached.content == response.content
        return response

    small = make_partnership(
        register, funding=[(2024, 1, 0)], focus_areas=[FocusAreaFactory()]
    )
    measure(small)
    partners = [OrganisationFactory() for _ in range(20)]
    big = make_partnership(
        register,
        partners=partners,
        focus_areas=[FocusAreaFactory() for _ in range(5)],
        funding=[(year, 1000, 10) for year in range(2000, 2030)],
        contacts=[{"name": f"K {n}", "show_publicly": n % 2 == 0} for n in range(20)],
    )
    measure(big)


IOP_PAGE_QUERIES = 17
IOP_PAGE_QUERIES_CACHED = 8


# --- What is not public --------------------------------------------------------------


@pytest.fixture
def hidden_iops(register, root_page):
    """A draft, an unpublished and a view-restricted IOP, plus one public one."""
    public = make_partnership(register, title="Synligt partnerskap", slug="synligt")
    draft = make_partnership(
        register, title="Utkastpartnerskap", slug="utkast", publish=False
    )
    unpublished = make_partnership(
        register, title="Avpubliceratpartnerskap", slug="avpublicerat"
    )
    unpublished.unpublish()
    private = make_partnership(register, title="Hemligtpartnerskap", slug="hemligt")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return public, [draft, unpublished, private]


HIDDEN_TITLES = ["Utkastpartnerskap", "Avpubliceratpartnerskap", "Hemligtpartnerskap"]


def test_hidden_iops_never_in_register_or_search(client, register, hidden_iops):
    for url in (
        register.url,
        register.url + "?q=partnerskap",
        register.url + "?status=active",
    ):
        content = client.get(url).content.decode()
        assert "Synligt partnerskap" in content
        for title in HIDDEN_TITLES:
            assert title not in content


def test_hidden_iops_never_in_the_api(client, hidden_iops):
    response = client.get(
        "/api/v2/pages/", {"type": "wagtail_samverkan.PartnershipPage"}
    )
    titles = [item["title"] for item in response.json()["items"]]
    assert titles == ["Synligt partnerskap"]


def test_hidden_iops_never_in_the_sitemap(client, hidden_iops):
    content = client.get("/sitemap.xml").content.decode()
    assert "/synligt/" in content
    for slug in ("utkast", "avpublicerat", "hemligt"):
        assert f"/{slug}/" not in content


def test_api_shows_partners_and_funding_but_no_contacts(client, full_iop):
    response = client.get(f"/api/v2/pages/{full_iop.pk}/")
    data = response.json()
    assert data["status"] == "ended" or data["status"] in Status.values
    assert data["partners"][0]["organisation_name"] == "Föreningen Gemensam Grund"
    assert [row["year"] for row in data["funding_rows"]] == [2022, 2023, 2024]
    assert "Hemliga Hanna" not in response.content.decode()
    assert "contacts" not in data


# --- The "list of IOPs" block on a host page ------------------------------------------


def test_block_lists_iops_with_preset_filters(client, root_page, register, monkeypatch):
    from tests.testapp.models import HostPage

    freeze(monkeypatch, datetime.datetime(2025, 6, 15, 10, 0, tzinfo=datetime.UTC))
    culture = FocusAreaFactory(name="Kultur", slug="kultur")
    make_partnership(
        register, title="Gammal kultur", focus_areas=[culture], start_date=D(2020, 1, 1)
    )
    make_partnership(
        register, title="Ny kultur", focus_areas=[culture], start_date=D(2024, 1, 1)
    )
    make_partnership(
        register, title="Tredje kultur", focus_areas=[culture], start_date=D(2022, 1, 1)
    )
    make_partnership(
        register,
        title="Avslutad kultur",
        focus_areas=[culture],
        start_date=D(2010, 1, 1),
        end_date=D(2012, 1, 1),
    )
    make_partnership(register, title="Annat område", start_date=D(2024, 6, 1))
    make_partnership(
        register, title="Utkast kultur", focus_areas=[culture], publish=False
    )
    host = HostPage(
        title="Kultur i staden",
        slug="kultur-i-staden",
        body=[
            (
                "partnership_list",
                {
                    "heading": "Aktiva IOP inom kultur",
                    "status": "active",
                    "focus_area": culture,
                    "sort": "-start",
                    "limit": 2,
                    "show_register_link": True,
                },
            )
        ],
    )
    root_page.add_child(instance=host)
    host.save_revision().publish()
    content = client.get(host.url).content.decode()
    assert "<h2" in content and "Aktiva IOP inom kultur" in content
    cards = re.findall(
        r'<h3 class="sv-card-title"><a href="[^"]+">([^<]+)</a>', content
    )
    assert cards == ["Ny kultur", "Tredje kultur"]
    assert (
        f'href="{register.url}?status=active&amp;focus=kultur&amp;sort=-start"'
        in content
    )


# --- Demo content --------------------------------------------------------------------


def test_demo_loads_seventeen_iops_idempotently_and_resets(client):
    import io

    from django.core.management import call_command

    call_command("samverkan_demo", stdout=io.StringIO())
    pages = PartnershipPage.objects.live()
    assert pages.count() == 17
    statuses = {page.status_on(D(2026, 11, 23)) for page in pages}
    assert statuses == set(Status.values)
    assert min(p.start_date.year for p in pages) == 2013
    counts = [
        (
            p.slug,
            p.partners.count(),
            p.funding_rows.count(),
            p.follow_ups.count(),
            p.contacts.count(),
            p.principle_links.count(),
        )
        for p in pages.order_by("slug")
    ]
    # Every demo IOP builds on a few of the demo agreement's principles.
    assert all(row[-1] == 3 for row in counts)
    call_command("samverkan_demo", stdout=io.StringIO())
    again = [
        (
            p.slug,
            p.partners.count(),
            p.funding_rows.count(),
            p.follow_ups.count(),
            p.contacts.count(),
            p.principle_links.count(),
        )
        for p in PartnershipPage.objects.live().order_by("slug")
    ]
    assert again == counts
    register = PartnershipIndexPage.objects.get(slug="iop")
    content = client.get(register.url).content.decode()
    assert "Skyddat boende och stödsamtal" in content
    assert "2. Dialog" in client.get(pages.first().url).content.decode()
    # Every demo page renders, and non-public contacts stay hidden.
    for page in PartnershipPage.objects.live():
        response = client.get(page.url)
        assert response.status_code == 200
        for contact in page.contacts.filter(show_publicly=False):
            assert contact.name not in response.content.decode()
    from django.core.management.base import CommandError

    # An IOP of the site's own under the demo register: nothing is removed.
    own = make_partnership(register, title="Eget partnerskap", slug="eget")
    with pytest.raises(CommandError, match="Eget partnerskap"):
        call_command("samverkan_demo", "--remove", stdout=io.StringIO())
    assert PartnershipPage.objects.count() == 18
    own.delete()
    call_command("samverkan_demo", "--remove", stdout=io.StringIO())
    assert not PartnershipIndexPage.objects.exists()
    assert not PartnershipPage.objects.exists()


def test_preview_renders_unsaved_inline_changes(register, rf, admin_user):
    from wagtail_samverkan.models import PartnershipContact, PartnershipFunding

    page = make_partnership(register, funding=[(2024, 1000, 0)])
    page.funding_rows.add(PartnershipFunding(year=2025, municipal_amount=2000))
    page.contacts.add(PartnershipContact(name="Förhandsvisad Fia", show_publicly=True))
    page.contacts.add(PartnershipContact(name="Dold Dan", show_publicly=False))
    request = rf.get("/")
    request.user = admin_user
    content = page.make_preview_request(request).content.decode()
    assert "3\u00a0000 kr" in content  # the total includes the unsaved row
    assert "Förhandsvisad Fia" in content
    assert "Dold Dan" not in content


def test_iop_page_lists_documents_and_follow_ups(client, register):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from wagtail_samverkan.models import PartnershipDocument, PartnershipFollowUp

    Document = get_document_model()
    agreement = Document.objects.create(
        title="Avtal", file=ContentFile(b"%PDF-1.4", name="iop-avtal.pdf")
    )
    report = Document.objects.create(
        title="Årsrapport 2024", file=ContentFile(b"%PDF-1.4", name="arsrapport.pdf")
    )
    plan = Document.objects.create(
        title="Uppdragsplan", file=ContentFile(b"x", name="plan.docx")
    )
    page = make_partnership(register, agreement_document=agreement)
    page.follow_ups.add(
        PartnershipFollowUp(
            date=D(2025, 3, 31),
            title="Årsrapport 2024",
            summary="Fler deltagare än väntat.",
            document=report,
        )
    )
    page.documents.add(PartnershipDocument(document=plan))
    page.save_revision().publish()
    content = client.get(page.url).content.decode()
    assert agreement.url in content and "Den undertecknade överenskommelsen" in content
    assert (
        report.url in content
        and '<time datetime="2025-03-31">31 mars 2025</time>' in content
    )
    assert "Fler deltagare än väntat." in content
    assert plan.url in content and "Uppdragsplan</a> (DOCX)" in content


def test_admin_edit_view_of_an_existing_iop(admin_client, register):
    page = make_partnership(
        register,
        focus_areas=[FocusAreaFactory(name="Hälsa")],
        funding=[(2024, 1000, 0)],
        contacts=[{"name": "Kim Kontakt"}],
    )
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Kim Kontakt" in content
    assert "Visa publikt" in content or "visa publikt" in content


def test_block_query_count_is_constant(
    client, root_page, register, django_assert_num_queries
):
    from tests.factories import make_many_partnerships
    from tests.testapp.models import HostPage

    host = HostPage(
        title="Partnerskap i staden",
        slug="partnerskap-i-staden",
        body=[
            (
                "partnership_list",
                {"sort": "-start", "limit": 10, "show_register_link": True},
            )
        ],
    )
    root_page.add_child(instance=host)
    host.save_revision().publish()

    def measure():
        cache.clear()
        client.get(host.url)  # warm the site cache
        with django_assert_num_queries(BLOCK_QUERIES):
            response = client.get(host.url)
        return re.findall(r'<h2 class="sv-card-title">', response.content.decode())

    make_many_partnerships(register, 1)
    assert len(measure()) == 1
    make_many_partnerships(register, 199)
    assert len(measure()) == 10


BLOCK_QUERIES = 12


def test_funding_is_one_region_and_numbers_keep_together(client, full_iop):
    content = client.get(full_iop.url).content.decode()
    # The section is named by its heading, the scrolling table by its caption:
    # no region inside a region of the same name.
    assert 'aria-labelledby="sv-funding-heading"' in content
    assert content.count('aria-labelledby="sv-funding-heading"') == 1
    assert (
        '<div class="sv-table-wrap" role="region" aria-labelledby="sv-funding-caption"'
        in content
    )
    # Not a tab stop unless a script finds that the table scrolls.
    wrap = re.search(r'<div class="sv-table-wrap"[^>]*>', content).group(0)
    assert "tabindex" not in wrap
    # Organisation numbers do not break at the hyphen.
    assert re.search(r'\(<span class="sv-nowrap">\d{6}-\d{4}</span>\)', content)


def test_an_iop_ended_early_says_so_with_the_date(client, register, monkeypatch):
    page = make_partnership(
        register,
        start_date=D(2022, 1, 1),
        end_date=D(2025, 12, 31),
        terminated_on=D(2024, 6, 30),
    )
    freeze(monkeypatch, timezone.make_aware(datetime.datetime(2024, 9, 1, 12, 0)))
    content = client.get(page.url).content.decode()
    assert (
        "Partnerskapet avslutades i förtid, den 30 juni 2024, "
        "före det planerade slutet den 31 december 2025."
    ) in content
    assert "Perioden är slut." not in content


def test_an_iop_that_ran_its_period_says_the_period_is_over(
    client, register, monkeypatch
):
    page = make_partnership(
        register, start_date=D(2022, 1, 1), end_date=D(2023, 12, 31)
    )
    freeze(monkeypatch, timezone.make_aware(datetime.datetime(2024, 9, 1, 12, 0)))
    content = client.get(page.url).content.decode()
    assert "Perioden är slut." in content
    assert "i förtid" not in content


def test_funding_without_value_in_kind_shows_a_dash_in_rows_and_total(client, register):
    page = make_partnership(register, funding=[(2024, 100000, 0), (2025, 0, 0)])
    content = client.get(page.url).content.decode()
    table = content[content.index("<table") : content.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    cells = [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S) for row in rows]
    body, total = cells[1:-1], cells[-1]
    # An amount given shows in kronor, 0 too; a value not given is a dash,
    # in every row and in the total.
    assert [row[2] for row in body] == ["0 kr", "0 kr"]
    assert [row[4] for row in body] == ["–", "–"]
    assert total[0] == "Totalt" and total[4] == "–"
    assert total[1] == "100\xa0000 kr"


def test_funding_total_of_values_in_kind_counts_the_given_ones(client, register):
    page = make_partnership(register, funding=[(2024, 1, 0), (2025, 1, 0)])
    first = page.funding_rows.order_by("year").first()
    first.in_kind_value = 5000
    first.save()
    page.save_revision().publish()
    content = client.get(page.url).content.decode()
    table = content[content.index("<table") : content.index("</table>")]
    total = re.findall(r"<tr>(.*?)</tr>", table, re.S)[-1]
    assert total.count("5\xa0000 kr") == 1
