from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares, written once: visibility, cache generations, French collation and
    agreement, CSV, text, XML, parameters."""

    name = "core"
    verbose_name = "Socle commun"

    def ready(self):
        from . import collation, generations

        collation.connect()
        generations.connect()
