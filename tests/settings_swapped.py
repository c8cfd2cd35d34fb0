"""The test project with Wagtail 8's base page model swapped for a custom one.

Proves that the package's page types and migrations follow ``WAGTAIL_PAGE_MODEL``.
Uses the custom base page that Wagtail ships for its own tests.
"""

from tests.settings import *  # noqa: F403,F401
from tests.settings import INSTALLED_APPS

INSTALLED_APPS = ["wagtail.test.basepage", *INSTALLED_APPS]
WAGTAIL_PAGE_MODEL = "basepage.BasePage"
