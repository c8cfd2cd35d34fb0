"""The editors' cockpit on the admin home and its reports."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission

from tests.agreement.helpers import make_agreement, make_index
from tests.factories import (
    create_calendar,
    create_event,
    make_partnership,
    make_register,
)
from wagtail_samverkan.core.conf import local_today
from wagtail_samverkan.editors import attention
from wagtail_samverkan.editors.panels import sections
from wagtail_samverkan.models import AgreementFollowUp, PartnershipFollowUp

pytestmark = pytest.mark.django_db


def build(root, count=1):
    """``count`` items of every list, and as many that need nothing."""
    today = local_today()
    register = make_register(root)
    for n in range(count):
        ending = make_partnership(
            register,
            title=f"Läxhjälp {n}",
            end_date=today + datetime.timedelta(days=10 + n),
        )
        PartnershipFollowUp.objects.create(
            page=ending, date=today - datetime.timedelta(days=5), title=f"Rapport {n}"
        )
        PartnershipFollowUp.objects.create(
            page=ending,
            date=today - datetime.timedelta(days=400),
            title=f"Inlämnad {n}",
            summary="Klar.",
        )
        make_partnership(
            register,
            title=f"Långt kvar {n}",
            end_date=today + datetime.timedelta(days=400),
        )
        make_partnership(register, title=f"Utkast {n}", publish=False)
    index = make_index(root)
    make_agreement(
        index,
        title="Överenskommelse 2016",
        slug="overenskommelse-2016",
        valid_until=today - datetime.timedelta(days=3),
    )
    lasting = make_agreement(index, title="Överenskommelse utan slut", slug="utan-slut")
    for n in range(count):
        AgreementFollowUp.objects.create(
            page=lasting,
            period="2026",
            title=f"Gemensam uppföljning {n}",
            due_date=today + datetime.timedelta(days=20 + n),
        )
    # Made, or with no date: nothing to do.
    AgreementFollowUp.objects.create(
        page=lasting,
        period="2025",
        title="Uppföljning 2025",
        due_date=today - datetime.timedelta(days=30),
        summary="Klar.",
    )
    AgreementFollowUp.objects.create(page=lasting, period="2024", title="Äldre")
    calendar = create_calendar(root)
    soon = timezone.localtime() + datetime.timedelta(days=3)
    for n in range(count):
        create_event(
            calendar,
            title=f"Dialogmöte utan lokal {n}",
            start_date=soon.date(),
            venue="",
            town="",
            hearing_loop=True,
        )
        create_event(
            calendar,
            title=f"Komplett möte {n}",
            start_date=soon.date(),
            hearing_loop=True,
        )
    return register, index, calendar


@pytest.fixture
def site(root_page):
    return build(root_page)


def titles(queryset):
    return [str(item) for item in queryset]


def test_the_lists_hold_what_needs_attention(site, admin_user):
    assert titles(attention.ending_partnerships(admin_user)) == ["Läxhjälp 0"]
    follow_ups = list(attention.partnership_follow_ups(admin_user))
    assert [(row.title, row.is_overdue) for row in follow_ups] == [("Rapport 0", True)]
    assert titles(attention.agreements_due(admin_user)) == ["Överenskommelse 2016"]
    agreement_rows = list(attention.agreement_follow_ups(admin_user))
    assert [(row.title, row.is_overdue) for row in agreement_rows] == [
        ("Gemensam uppföljning 0", False)
    ]
    meetings = list(attention.meetings_lacking(admin_user))
    assert [m.title for m in meetings] == ["Dialogmöte utan lokal 0"]
    assert [str(label) for label in attention.missing_labels(meetings[0])] == ["plats"]
    assert {p.title for p in attention.pages_in_progress(admin_user)} == {"Utkast 0"}


def test_the_window_follows_the_setting(site, admin_user, settings):
    settings.WAGTAIL_SAMVERKAN = {"ENDING_SOON_DAYS": 5}
    assert titles(attention.ending_partnerships(admin_user)) == []
    settings.WAGTAIL_SAMVERKAN = {"ENDING_SOON_DAYS": 500}
    assert set(titles(attention.ending_partnerships(admin_user))) == {
        "Läxhjälp 0",
        "Långt kvar 0",
    }


def test_the_admin_home_shows_the_cockpit_with_edit_links(site, admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Samverkan: behöver åtgärdas" in html
    page = attention.ending_partnerships(attention_user(response))[0]
    assert f'href="{reverse("wagtailadmin_pages:edit", args=(page.pk,))}"' in html
    assert "Läxhjälp 0" in html
    assert "Dialogmöte utan lokal 0" in html
    assert "Överenskommelse 2016" in html
    assert "Komplett möte 0" not in html
    assert "Långt kvar 0" not in html


def attention_user(response):
    return response.wsgi_request.user


@pytest.mark.parametrize("count", [1, 8])
def test_the_cockpit_takes_a_constant_number_of_queries(
    root_page, admin_user, django_assert_num_queries, count
):
    build(root_page, count)
    with django_assert_num_queries(12):
        found = sections(admin_user)
        assert [section.count for section in found] == [
            count,
            count,
            1,
            count,
            count,
            count,
        ]
        for section in found:
            assert len(section.lines) == min(section.count, 5)


@pytest.fixture
def limited_editor(site, django_user_model):
    return make_limited_editor(site[0], django_user_model)


def make_limited_editor(register, django_user_model):
    """An editor who may edit the IOP register only."""
    group = Group.objects.create(name="IOP-redaktörer")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=register, permission_type="change"
    )
    user = django_user_model.objects.create_user(
        username="iop", password="lösenord", first_name="Ida", last_name="Persson"
    )
    user.groups.add(group)
    return user


def test_an_editor_sees_only_what_they_may_edit(limited_editor, client):
    client.force_login(limited_editor)
    response = client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert "Läxhjälp 0" in html
    assert "Överenskommelse 2016" not in html
    assert "Dialogmöte utan lokal 0" not in html
    assert titles(attention.agreements_due(limited_editor)) == []


@pytest.mark.parametrize("count", [1, 8])
def test_the_limited_editor_counts_take_constant_queries(
    root_page, django_user_model, django_assert_num_queries, count
):
    register, _index, _calendar = build(root_page, count)
    editor = make_limited_editor(register, django_user_model)
    # A superuser's twelve, one more for the editor's page permissions and
    # three fewer for the three empty lists, whose lines are not fetched.
    with django_assert_num_queries(10):
        found = sections(editor)
        assert [section.count for section in found] == [count, count, 0, 0, 0, count]


REPORTS = [
    ("ending", "Läxhjälp 0", "Långt kvar 0"),
    ("follow_ups", "Rapport 0", "Inlämnad 0"),
    ("agreements", "Överenskommelse 2016", "Överenskommelse utan slut"),
    ("agreement_follow_ups", "Gemensam uppföljning 0", "Uppföljning 2025"),
    ("meetings", "Dialogmöte utan lokal 0", "Komplett möte 0"),
    ("in_progress", "Utkast 0", "Läxhjälp 0"),
]


@pytest.mark.parametrize(("name", "listed", "left_out"), REPORTS)
def test_each_report_renders_and_downloads(site, admin_client, name, listed, left_out):
    url = reverse(f"wagtail_samverkan_reports:{name}")
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert listed in html
    assert left_out not in html
    response = admin_client.get(url, {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row[0] for row in rows[1:]] == [
        listed if name != "follow_ups" else "Rapport 0"
    ]
    assert rows[1][-1].startswith("http://testserver/admin/pages/")
    response = admin_client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )


def test_report_filters_narrow_the_rows(site, admin_client):
    url = reverse("wagtail_samverkan_reports:follow_ups")
    assert "Rapport 0" in admin_client.get(url, {"state": "overdue"}).content.decode()
    assert "Rapport 0" not in admin_client.get(url, {"state": "due"}).content.decode()
    url = reverse("wagtail_samverkan_reports:meetings")
    assert "utan lokal" in admin_client.get(url, {"missing": "place"}).content.decode()
    response = admin_client.get(url, {"missing": "accessibility", "export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1


def test_bad_filter_input_does_not_fail(site, admin_client):
    url = reverse("wagtail_samverkan_reports:ending")
    response = admin_client.get(url, {"end_date": "igår", "responsible_body": "x"})
    assert response.status_code == 200


def test_the_limited_editor_report_holds_only_their_pages(limited_editor, client):
    client.force_login(limited_editor)
    response = client.get(reverse("wagtail_samverkan_reports:agreements"))
    assert response.status_code == 200
    assert "Överenskommelse 2016" not in response.content.decode()
    response = client.get(
        reverse("wagtail_samverkan_reports:ending"), {"export": "csv"}
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row[0] for row in rows[1:]] == ["Läxhjälp 0"]


@pytest.mark.parametrize("count", [1, 8])
def test_a_report_takes_a_constant_number_of_queries(
    root_page, admin_client, django_assert_num_queries, count
):
    build(root_page, count)
    url = reverse("wagtail_samverkan_reports:ending")
    admin_client.get(url)
    with django_assert_num_queries(REPORT_QUERIES):
        response = admin_client.get(url)
    assert response.content.decode().count("Läxhjälp") >= count


REPORT_QUERIES = 10
