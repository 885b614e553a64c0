"""Fast, isolated settings for the test suite (SQLite in memory unless DATABASE_URL is set)."""

from core.env import database_from_env

from .base import *  # noqa: F403

DATABASES = {"default": database_from_env("sqlite://:memory:")}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = BASE_DIR / "tmp-test-media"  # noqa: F405
LIBRARY_UPLOAD_DIR = MEDIA_ROOT / "uploads"
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Django's test client logs in without a request, which django-axes refuses; the security
# tests switch it back on (tests/mairie_site/test_security.py).
AXES_ENABLED = False
# The suite runs on the database backend whatever the environment says; the Elasticsearch code
# is tested without a server (tests/search/test_elasticsearch.py).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "french_unaccent"}
}
