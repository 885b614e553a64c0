from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = "Bibliothèque"

    def ready(self):
        from . import generation

        generation.connect()
