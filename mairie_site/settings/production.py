"""Production: everything sensitive comes from the environment; unsafe defaults refuse to start."""

from core.env import ConfigurationError, env, env_bool

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY or len(SECRET_KEY) < 32:
    raise ConfigurationError(
        "SECRET_KEY must be set to a random value of at least 32 characters in production "
        "(for example: python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# __Host- cookies are only accepted over HTTPS, for this exact host, on path /.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
X_FRAME_OPTIONS = "SAMEORIGIN"
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env("TASKS_BACKEND", "database")]}}  # noqa: F405
LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", "json")  # noqa: F405

SILENCED_SYSTEM_CHECKS = [
    # Wagtail's page preview is an iframe of the same origin: SAMEORIGIN, not DENY.
    "security.W019",
    # An intranet's internal host name has nothing to do on the browsers' public preload list.
    "security.W021",
]

# Optional: let nginx send document files (X-Accel-Redirect) once Django has checked access.
# Needs `pip install django-sendfile2` and the /protected-media/ location of deploy/nginx.conf.example.
if env("SENDFILE_BACKEND"):
    SENDFILE_BACKEND = env("SENDFILE_BACKEND")
    SENDFILE_ROOT = str(MEDIA_ROOT)  # noqa: F405
    SENDFILE_URL = "/protected-media"
