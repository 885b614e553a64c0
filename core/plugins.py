"""Apps plug in: what the project's own apps provide by convention (a `urls` module, a `demo`
module with `load(stdout)`) is found in INSTALLED_APPS order, instead of central lists naming the apps.
Settings' INSTALLED_APPS is the one list of apps, and its order is the order they are wired in."""

import importlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils.module_loading import module_has_submodule


def project_apps():
    """The app configs of the project's own apps (folders of the repository), in INSTALLED_APPS order."""
    base = Path(settings.BASE_DIR).resolve()
    return [config for config in apps.get_app_configs() if Path(config.path).resolve().parent == base]


def provided(submodule, *, exclude=()):
    """The `submodule` of each project app that has one, imported, in INSTALLED_APPS order."""
    return [
        importlib.import_module(f"{config.name}.{submodule}")
        for config in project_apps()
        if config.name not in exclude and module_has_submodule(config.module, submodule)
    ]
