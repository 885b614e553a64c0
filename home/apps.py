from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Accueil et rubriques"

    def ready(self):
        from django.db.models.signals import post_save

        from . import service_roles, shell
        from .models import ServicePage

        shell.connect()
        post_save.connect(service_roles.service_page_saved, sender=ServicePage, dispatch_uid="home_service_role")
