"""Settings of the benchmark: the example site, plus the test project's host page.

The example site gives a realistic host (its base template, i18n URLs, the
``StandardPage`` with a rich-text body that every ratio is measured against);
``tests.testapp`` adds ``HostPage``, whose StreamField offers every block of
the package. The database is the throwaway one the runner made, passed in
``SAMVERKAN_BENCH_DATABASE`` as a URL.
"""

import os

import dj_database_url

from example_site.settings import *  # noqa: F403
from example_site.settings import BASE_DIR, INSTALLED_APPS, REPO_DIR, TEMPLATES

DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

INSTALLED_APPS = ["tests.testapp", *INSTALLED_APPS]
TEMPLATES = [
    {
        **TEMPLATES[0],
        "DIRS": [BASE_DIR / "templates", REPO_DIR / "tests" / "templates"],
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get(
            "SAMVERKAN_BENCH_DATABASE",
            f"sqlite:///{REPO_DIR / 'var' / 'bench.sqlite3'}",
        ),
        conn_max_age=0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A throwaway file: no need to wait for the disk after every write.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA synchronous=OFF; PRAGMA journal_mode=MEMORY;"
    }

# Fast password hashing for the benchmark's superuser; no real mail.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"null": {"class": "logging.NullHandler"}},
    "loggers": {"django.request": {"handlers": ["null"], "propagate": False}},
}

ROOT_URLCONF = "benchmarks.urls"
