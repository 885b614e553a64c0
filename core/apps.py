from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares, written once: visibility, cache generations, French collation and
    agreement, CSV, text, XML, parameters."""

    name = "core"
    verbose_name = "Socle commun"

    def ready(self):
        from . import collation, generations, shell, startup

        startup.skip_unserved_api()  # before the Wagtail apps' ready(), which come later
        shell.connect()
        collation.connect()
        generations.connect()
