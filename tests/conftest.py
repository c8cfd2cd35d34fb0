import pytest
from wagtail.models import Locale, Site

from wagtail_samverkan.compat import get_base_page_model
from wagtail_samverkan.filters import invalidate_register_summaries

Page = get_base_page_model()


@pytest.fixture(autouse=True)
def fresh_fragment_cache():
    """No test sees the agreement fragments cached by another (ids are reused)."""
    from wagtail_samverkan import cache

    cache.get_cache().delete(cache.GENERATION_KEY)


@pytest.fixture(autouse=True)
def _forget_register_summaries():
    """Cached IOP figures of one test's database never reach the next test."""
    invalidate_register_summaries()
    yield
    invalidate_register_summaries()


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
    """Every test starts with empty caches (the calendar caches what it renders)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def warm_site_root_paths(db):
    """Wagtail's own cached site root paths, so that query counts are only ours."""
    Site.get_site_root_paths()
