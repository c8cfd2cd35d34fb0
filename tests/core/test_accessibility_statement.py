"""The accessibility statement page: what the Swedish law asks a statement to say."""

import datetime
import io

import pytest
from django.core.management import call_command

from wagtail_samverkan.core.models import DIGG_COMPLAINT_URL
from wagtail_samverkan.models import AccessibilityStatementPage, DemoRecord

pytestmark = pytest.mark.django_db


def make_statement(parent, **fields):
    fields.setdefault("title", "Tillgänglighetsredogörelse")
    fields.setdefault("slug", "tillganglighet")
    page = AccessibilityStatementPage(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return AccessibilityStatementPage.objects.get(pk=page.pk)


def rendered(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_statement_says_what_the_law_asks(client, root_page):
    page = make_statement(
        root_page,
        compliance="partial",
        known_problems=[
            (
                "problem",
                {
                    "problem": "Kartan över mötesplatserna saknar textalternativ.",
                    "criterion": "1.1.1 Icke-textuellt innehåll",
                    "reason": "disproportionate_burden",
                    "planned_fix": "",
                },
            )
        ],
        assessment_method="Egen granskning med skärmläsare.",
        assessed_on=datetime.date(2030, 3, 4),
        statement_date=datetime.date(2030, 3, 18),
        contact_email="tillganglighet@example.org",
        contact_phone="033-35 70 00",
        response_time="Vi svarar inom fem arbetsdagar.",
    )
    html = rendered(client, page)
    assert "<h1>Tillgänglighetsredogörelse</h1>" in html
    assert "Webbplatsen är delvis förenlig med lagen" in html
    assert "Kartan över mötesplatserna saknar textalternativ." in html
    assert "1.1.1 Icke-textuellt innehåll" in html
    assert "oskäligt betungande anpassning" in html
    assert "Egen granskning med skärmläsare." in html
    assert '<time datetime="2030-03-04" class="sv-nowrap">4 mars 2030</time>' in html
    assert '<time datetime="2030-03-18" class="sv-nowrap">18 mars 2030</time>' in html
    assert 'href="mailto:tillganglighet@example.org"' in html
    assert 'href="tel:033-357000"' in html
    assert "Vi svarar inom fem arbetsdagar." in html
    assert f'<a href="{DIGG_COMPLAINT_URL}">Anmäl till Myndigheten' in html
    # What the package's own pages meet is said on every statement.
    assert "Sidorna om samverkan med civilsamhället" in html
    assert "WCAG 2.1 på nivå AA" in html


def test_compliance_statuses_and_an_overridden_complaint_address(client, root_page):
    full = make_statement(root_page, compliance="full", slug="helt")
    html = rendered(client, full)
    assert "Webbplatsen är helt förenlig med lagen" in html
    assert "Vi känner inte till något innehåll som inte är tillgängligt." in html
    assert "Hur vi har granskat webbplatsen" not in html
    not_compliant = make_statement(
        root_page,
        compliance="not",
        slug="inte",
        complaint_url="https://example.org/anmalan",
    )
    html = rendered(client, not_compliant)
    assert "Webbplatsen är inte förenlig med lagen" in html
    assert 'href="https://example.org/anmalan"' in html
    assert DIGG_COMPLAINT_URL not in html


def test_the_complaint_address_defaults_to_digg():
    assert (
        AccessibilityStatementPage().complaint_url == "https://www.digg.se/tdosanmalan"
    )


def test_the_admin_form_creates_a_statement(admin_client, root_page):
    from django.urls import reverse

    url = reverse(
        "wagtailadmin_pages:add",
        args=("wagtail_samverkan", "accessibilitystatementpage", root_page.pk),
    )
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("Förenlighet med lagen", "Kända brister", "Datum för granskningen"):
        assert label in html


def run_demo(*args):
    call_command("samverkan_demo", *args, stdout=io.StringIO())


def test_the_demo_makes_one_statement_and_removes_it(client, root_page):
    run_demo("--beside-pages")
    run_demo("--beside-pages")
    (page,) = AccessibilityStatementPage.objects.all()
    assert page.get_parent().pk == root_page.pk
    html = rendered(client, page)
    assert "Webbplatsen är delvis förenlig med lagen" in html
    assert "tillganglighet@example.org" in html
    assert DIGG_COMPLAINT_URL in html
    run_demo("--remove")
    assert not AccessibilityStatementPage.objects.exists()
    assert not DemoRecord.objects.exists()
