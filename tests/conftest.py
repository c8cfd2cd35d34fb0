import pytest
from wagtail.models import Locale, Site

from tests.servers import build_demo_database
from wagtail_samverkan.core.compat import get_base_page_model

Page = get_base_page_model()


@pytest.fixture
def locale(db):
    return Locale.get_default()


@pytest.fixture
def root_page(db):
    """The default site's root page (Wagtail's welcome page)."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def home_page(root_page):
    return root_page


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser(
        username="redaktor", email="redaktor@example.org", password="lösenord"
    )


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def publish(page):
    """Save a revision and publish it, as an editor would."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def wagtail_root(db):
    return Page.get_first_root_node()


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches, so no test reads what another cached.

    Test databases reuse ids, so an entry of one test could match the next.
    """
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def warm_site_root_paths(db):
    """Wagtail's own cached site root paths, so that query counts are only ours."""
    Site.get_site_root_paths()


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory):
    """A SQLite file holding the example site with its demo content.

    Built once per session; copy it (``tests.servers.copy_database``) before
    writing to it.
    """
    return build_demo_database(tmp_path_factory.mktemp("demo-db") / "demo.sqlite3")


def pytest_collection_modifyitems(config, items):
    """Skip the tests marked ``localize`` unless wagtail-localize is installed
    (``--ds=tests.settings_localize``)."""
    from django.conf import settings

    if "wagtail_localize" in settings.INSTALLED_APPS:
        return
    skip = pytest.mark.skip(
        reason="needs wagtail-localize: --ds=tests.settings_localize"
    )
    for item in items:
        if "localize" in item.keywords:
            item.add_marker(skip)
