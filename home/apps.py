from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Accueil et rubriques"

    def ready(self):
        from . import shell

        shell.connect()
