from django.apps import AppConfig


class MairieSiteConfig(AppConfig):
    name = "mairie_site"
    verbose_name = "Intranet"

    def ready(self):
        from . import audit  # noqa: F401  (connects the audit log to the auth signals)
        from .auth import connect_signals

        connect_signals()
