from django.apps import AppConfig


class NewsfeedsConfig(AppConfig):
    name = "newsfeeds"
    verbose_name = "Canaux d'information"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401
