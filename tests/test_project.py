"""The package as another municipality installs it: migrations, settings, demo."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings

from wagtail_samverkan.core.conf import DEFAULTS, samverkan_settings
from wagtail_samverkan.models import FocusArea, MunicipalBody, Organisation
from wagtail_samverkan.register.demo import FOCUS_AREAS, MUNICIPAL_BODIES, ORGANISATIONS


@pytest.mark.django_db
def test_migrations_are_complete():
    out = io.StringIO()
    try:
        call_command(
            "makemigrations", "wagtail_samverkan", check=True, dry_run=True, stdout=out
        )
    except SystemExit:  # pragma: no cover - only on failure
        pytest.fail("Missing migrations for wagtail_samverkan:\n" + out.getvalue())
    assert "No changes detected" in out.getvalue()


def test_settings_defaults_and_overrides():
    assert samverkan_settings.TIME_ZONE == DEFAULTS["TIME_ZONE"] == "Europe/Stockholm"
    assert samverkan_settings.BASE_TEMPLATE == "host_base.html"
    with override_settings(WAGTAIL_SAMVERKAN={"MUNICIPALITY_NAME": "Exempelby"}):
        assert samverkan_settings.MUNICIPALITY_NAME == "Exempelby"
        assert samverkan_settings.BASE_TEMPLATE == "base.html"
    assert samverkan_settings.MUNICIPALITY_NAME == "Testkommunen"


def test_unknown_setting_is_refused():
    with (
        override_settings(WAGTAIL_SAMVERKAN={"BASE_TEMPLATES": "x.html"}),
        pytest.raises(ImproperlyConfigured, match="BASE_TEMPLATES"),
    ):
        _ = samverkan_settings.BASE_TEMPLATE


@pytest.mark.django_db
def test_demo_command_is_idempotent_and_resets():
    call_command("samverkan_demo", stdout=io.StringIO())
    counts = (
        Organisation.objects.count(),
        MunicipalBody.objects.count(),
        FocusArea.objects.count(),
    )
    assert counts == (len(ORGANISATIONS), len(MUNICIPAL_BODIES), len(FOCUS_AREAS))
    call_command("samverkan_demo", stdout=io.StringIO())
    again = (
        Organisation.objects.count(),
        MunicipalBody.objects.count(),
        FocusArea.objects.count(),
    )
    assert again == counts
    call_command("samverkan_demo", "--reset", stdout=io.StringIO())
    assert (
        Organisation.objects.count(),
        MunicipalBody.objects.count(),
        FocusArea.objects.count(),
    ) == counts
    # With content of the site's own, the demo goes beside it.
    Organisation.objects.create(name="Egen förening")
    call_command("samverkan_demo", "--reset", "--alongside", stdout=io.StringIO())
    assert Organisation.objects.count() == len(ORGANISATIONS) + 1
    assert Organisation.objects.filter(name="Egen förening").exists()


@pytest.mark.django_db
def test_demo_organisation_numbers_are_all_valid():
    call_command("samverkan_demo", stdout=io.StringIO())
    for organisation in Organisation.objects.all():
        organisation.full_clean()


@pytest.mark.django_db
def test_demo_admin_user(django_user_model):
    out = io.StringIO()
    call_command("samverkan_demo", "--admin", stdout=out)
    user = django_user_model.objects.get(username="admin")
    assert user.is_superuser and user.check_password("samverkan")
    assert "admin" in out.getvalue() and "samverkan" in out.getvalue()


@pytest.mark.django_db
def test_host_pages_extend_the_configured_base_page(root_page):
    """With WAGTAIL_PAGE_MODEL set (tests/settings_swapped.py) pages build on it."""
    from tests.testapp.models import HostPage
    from wagtail_samverkan.core.compat import PAGE_MODEL, get_base_page_model

    base = get_base_page_model()
    assert issubclass(HostPage, base)
    assert base._meta.label_lower == PAGE_MODEL.lower()
    page = root_page.add_child(instance=HostPage(title="Värdsida", slug="vardsida"))
    assert base.objects.get(pk=page.pk).specific == page


def test_the_example_sites_address_is_where_make_demo_serves_it(demo_database):
    import sqlite3

    with sqlite3.connect(demo_database) as connection:
        rows = connection.execute(
            "select hostname, port from wagtailcore_site where is_default_site"
        ).fetchall()
    # Absolute addresses in feeds and exports point where the demo runs.
    assert rows == [("127.0.0.1", 8000)]
