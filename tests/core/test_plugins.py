"""Apps plug in: their URLs and demos are found by convention, in INSTALLED_APPS order, not listed
centrally."""

from django.urls import get_resolver

from core import plugins


def test_the_project_apps_are_the_repositorys_folders_in_installed_apps_order(settings):
    names = [config.name for config in plugins.project_apps()]
    assert names == [app for app in settings.INSTALLED_APPS if "." not in app and app in names]
    assert "wagtail" not in names and "core" in names and "documents" in names


def test_every_apps_urls_module_is_served():
    root = get_resolver()
    included = {getattr(pattern, "urlconf_name", None) for pattern in root.url_patterns}
    for app_urls in plugins.provided("urls", exclude={"mairie_site"}):
        assert app_urls in included, app_urls.__name__


def test_an_app_without_the_module_is_skipped():
    assert "core.demo" not in [module.__name__ for module in plugins.provided("demo")]
    assert [module.__name__ for module in plugins.provided("demo", exclude={"home"})][0] == "newsfeeds.demo"
