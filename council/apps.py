from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = "Conseil municipal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import legal, signals

        signals.connect()
        legal.connect()
