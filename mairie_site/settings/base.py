"""Settings shared by every environment; values that differ come from the environment."""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE

from core.env import database_from_env, env, env_bool, env_list

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env("SECRET_KEY", "insecure-development-key-never-use-in-production")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "mairie_site",
    "home",
    "search",
    "newsfeeds",
    "council",
    "library",
    "directory",
    "places",
    "portal",
    "publication",
    "documents",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The Wagtail Site from the cache, instead of a query on every request (core/shell.py).
    "core.middleware.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every response to a logged-in agent is private to them (no shared cache keeps it).
    "mairie_site.middleware.PrivateCacheMiddleware",
    # It is an intranet: every view needs a logged-in user unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "mairie_site.middleware.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns lockouts into a French 429 page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's accounts; the request's user is read from the cache (mairie_site/auth.py).
    "mairie_site.auth.ModelBackend",
    # Logging in with the town's LDAP / Active Directory account, when DIRECTORY_LDAP_LOGIN=1
    # (docs/directory.md); it does nothing otherwise.
    "directory.auth.LdapDirectoryBackend",
]

ROOT_URLCONF = "mairie_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "mairie_site.wsgi.application"

DATABASES = {"default": database_from_env(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "mairie",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Argon2id (argon2-cffi), Django's recommended hasher, at OWASP's first recommended setting
# (mairie_site/hashers.py: 46 MiB, 1 pass, 1 lane; 4× cheaper in CPU than Django's setting, which
# would ask a core of a 2-core server for the logins of the 9:00 rush alone: docs/performance.md).
# The PBKDF2 hashes stored before, and the Argon2 hashes at Django's setting, are still checked,
# and Django rehashes each one at its owner's next login.
PASSWORD_HASHERS = [
    "mairie_site.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes), on the site's and the admin's login alike: 5 failures for one
# user name from one address lock that pair out for 15 minutes; 20 for one user name from any
# addresses lock the account out for 15 minutes (mairie_site/throttle.py).
AXES_ENABLED = True
AXES_HANDLER = "mairie_site.throttle.AccountAndAddressHandler"
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_ACCOUNT_FAILURE_LIMIT = int(env("AXES_ACCOUNT_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "mairie_site.security.client_ip"
AXES_LOCKOUT_CALLABLE = "mairie_site.throttle.lockout_response"
# The password-reset form sends mail: a few requests per address and per e-mail address an hour.
PASSWORD_RESET_PER_ADDRESS = int(env("PASSWORD_RESET_PER_ADDRESS", "10"))
PASSWORD_RESET_PER_EMAIL = int(env("PASSWORD_RESET_PER_EMAIL", "3"))
PASSWORD_RESET_WINDOW_MINUTES = int(env("PASSWORD_RESET_WINDOW_MINUTES", "60"))
# Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
WAGTAILADMIN_LOGIN_URL = "login"
CSRF_FAILURE_VIEW = "mairie_site.views.csrf_failure"

# Sessions end after an idle period (SessionLifetimeMiddleware renews them once a minute) and,
# however active, after an absolute lifetime that covers a working day: an agent logs in once.
# They are read from the cache (Redis in production) and written through to the database, so a
# page view costs no session query and a cache restart logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = int(env("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_ABSOLUTE_SECONDS = int(env("SESSION_ABSOLUTE_HOURS", "10")) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français")]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Catalogue files uploaded in the admin wait here for their background import (library/tasks.py):
# outside the media root, on storage the task worker shares with the web workers.
LIBRARY_UPLOAD_DIR = Path(env("LIBRARY_UPLOAD_DIR", str(BASE_DIR / "var" / "uploads")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "intranet@mairie.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", "Intranet de la mairie")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "odp", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "documents.forms.DocumentForm"
# Text extraction of a document (documents app): bounds of its child process.
DOCUMENTS_EXTRACT_TIMEOUT = float(env("DOCUMENTS_EXTRACT_TIMEOUT", "60"))
DOCUMENTS_EXTRACT_MEMORY_MB = int(env("DOCUMENTS_EXTRACT_MEMORY_MB", "768"))
# No SVG: it can carry scripts.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "mairie_site.uploads.DescribedImageForm"
# Group privacy only: shared passwords are stored in clear and not throttled.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party avatar service: the admin would send each editor's e-mail hash to it on every page.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# A search engine for the larger towns (docs/deployment.md): OpenSearch 2 or Elasticsearch 8,
# with the same French analysis, facets and permissions (search/backends).
OPENSEARCH_URL = env("OPENSEARCH_URL")
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")


def search_engine(backend, url, prefix):
    return {
        "BACKEND": backend,
        "URLS": [url],
        "INDEX_PREFIX": prefix,
        # Fail fast: publishing must not wait on an unreachable cluster.
        "TIMEOUT": 5,
        "OPTIONS": {"max_retries": 0},
    }


if OPENSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": search_engine("search.backends.opensearch", OPENSEARCH_URL, env("SEARCH_INDEX_PREFIX", "mairie_"))
    }
elif ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": search_engine("search.backends.elasticsearch8", ELASTICSEARCH_URL,
                                 env("SEARCH_INDEX_PREFIX", env("ELASTICSEARCH_INDEX_PREFIX", "mairie_")))
    }
else:
    # On PostgreSQL, "french_unaccent" (search/migrations) stems French and folds accents;
    # SQLite's FTS5 folds accents itself and ignores the setting.
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "french_unaccent"}
    }
SEARCH_RATE_PER_MINUTE = int(env("SEARCH_RATE_PER_MINUTE", "60"))
# A search (page or suggestions) that takes longer is stopped and answered with a French 503.
SEARCH_TIME_LIMIT_MS = int(env("SEARCH_TIME_LIMIT_MS", "5000"))

# Content-Security-Policy (django-csp): strict, with nonces, on the front end; the Wagtail
# admin is not strict-CSP clean yet, so it only reports there.
CSP_IMG_SOURCES = env_list("CSP_IMG_SOURCES", "https://tile.openstreetmap.org,https://*.tile.openstreetmap.org")
_CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'", NONCE],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", *CSP_IMG_SOURCES],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    # The offline worker (mairie_site/offline.py), from this origin only; without it workers would follow script-src.
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
CONTENT_SECURITY_POLICY = {"EXCLUDE_URL_PREFIXES": ["/admin/"], "DIRECTIVES": _CSP_DIRECTIVES}
CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _CSP_DIRECTIVES}

# Background work (search index, references, imports): run at once in development, queued in
# the database for a `db_worker` process in production (docs/operations.md).
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env("TASKS_BACKEND", "immediate")]}}
# /health/ reports a task RUNNING for longer than this (a worker killed mid-task) or READY for
# longer than this (no worker running).
TASKS_STALE_MINUTES = int(env("TASKS_STALE_MINUTES", "30"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "mairie_site.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": env("LOG_FORMAT", "plain")}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # The search engines' clients log every request at INFO; failures still show.
        "opensearch": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
    },
}

# Demo content
DEMO_PASSWORD = env("DEMO_PASSWORD")
