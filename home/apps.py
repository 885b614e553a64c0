from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Accueil et rubriques"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core import shell

        from . import service_roles
        from .models import HomeEditorial, ServiceEditors, ServicePage, TownSettings

        shell.follow(HomeEditorial, TownSettings)  # both shown on every page, read through shell.cached
        post_save.connect(service_roles.service_page_saved, sender=ServicePage, dispatch_uid="home_service_role")
        post_delete.connect(service_roles.service_editors_deleted, sender=ServiceEditors,
                            dispatch_uid="home_service_role_deleted")
