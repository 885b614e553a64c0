from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Mon portail"

    def ready(self):
        from . import signals

        signals.connect()
