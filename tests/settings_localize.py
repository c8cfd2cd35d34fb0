"""The test project with wagtail-localize, as the example site uses it.

Adds ``wagtail_localize`` in place of Wagtail's simple translation, and
language-prefixed addresses (``/en/…``) with the locale middleware.
"""

from tests.settings import *  # noqa: F403,F401
from tests.settings import INSTALLED_APPS, MIDDLEWARE

INSTALLED_APPS = [
    "wagtail_localize",
    "wagtail_localize.locales",
    *(
        app
        for app in INSTALLED_APPS
        if app not in ("wagtail.contrib.simple_translation", "wagtail.locales")
    ),
]
MIDDLEWARE = [
    *MIDDLEWARE[:1],
    "django.middleware.locale.LocaleMiddleware",
    *MIDDLEWARE[1:],
]
ROOT_URLCONF = "tests.urls_localize"

# A base template that takes its language from the page and offers the other.
WAGTAIL_SAMVERKAN = {
    "BASE_TEMPLATE": "host_base_i18n.html",
    "MUNICIPALITY_NAME": "Testkommunen",
    "PUBLISHER_ID": "SE-ON-2120009903",
}
