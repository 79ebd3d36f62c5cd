"""Django settings for meine-stadt-transparent's OParl importer in tests/test_oparl_clients.py:
the package's own settings (read from the environment) with only the apps its importer and
models need, the SQLite database the test names in DATABASE_URL, and no search index."""

import os

os.environ.setdefault("REAL_HOST", "127.0.0.1")
os.environ.setdefault("SECRET_KEY", "kokous-tests-only")
os.environ.setdefault("ELASTICSEARCH_ENABLED", "False")

from meine_stadt_transparent.settings import *

INSTALLED_APPS = [
    # The admin only for the models that register with it; no autodiscovery, which would
    # import the web site's apps (allauth, Wagtail) the importer does not need.
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "simple_history",
    "mainapp",
    "importer",
]
MIDDLEWARE: list[str] = []
ROOT_URLCONF = "importer_urls"
LOGGING = {"version": 1}  # the package's handlers write to its web site's log folder
SILENCED_SYSTEM_CHECKS = ["admin.E403", "admin.E408", "admin.E409", "admin.E410"]
