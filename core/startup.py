"""Start-up without Wagtail's v3 API, which the intranet does not serve.

The `ready()` of Wagtail's redirects, snippets, documents and images apps registers their routers
and schemas with the v3 API (`wagtail.api.v3.api`) whether or not `wagtail.api.v3` is installed.
Importing it builds django-ninja's and pydantic's schemas and pulls Django REST framework in: half
of `django.setup()`'s CPU, paid by every cron command, worker and test run (docs/performance.md,
"Start-up of the cron commands"). The intranet mounts no v3 URL, so those registrations are never
read.

`skip_unserved_api()` (called first, from core's `ready()`) runs each of those apps' `ready()` with
stand-ins for exactly the modules and names it imports from the API, and removes the stand-ins
afterwards: everything else of their `ready()` (permission policies, redirects on page moves,
reference index, snippets, hooks) runs unchanged. If Wagtail's `ready()` starts importing another
name, start-up fails with an ImportError (tests/core/test_startup.py) rather than running without
it. Installing `wagtail.api.v3` turns the whole thing off.
"""

import importlib.abc
import importlib.machinery
import sys
import types
from contextlib import contextmanager

from django.apps import apps


class _UnservedAPI:
    """The v3 API object: routers added to it are dropped."""

    def add_router(self, prefix, router):
        pass


def _nothing_to_register():
    pass


# Module imported by an app's ready() -> the names it takes from it.
STAND_INS = {
    "wagtail.api.v3.api": {"api": _UnservedAPI()},
    "wagtail.contrib.redirects.api": {},  # its package imports the v2 API (DRF) before v3
    "wagtail.contrib.redirects.api.v3": {"router": None},
    "wagtail.snippets.api.v3": {"register_content_types": _nothing_to_register},
    "wagtail.snippets.api.v3.router": {"router": None},
    "wagtail.documents.api.v3": {},
    "wagtail.documents.api.v3.registry": {"register_content_types": _nothing_to_register},
    "wagtail.documents.api.v3.router": {"router": None},
    "wagtail.images.api.v3": {},
    "wagtail.images.api.v3.registry": {"register_content_types": _nothing_to_register},
    "wagtail.images.api.v3.router": {"router": None},
}
APP_LABELS = ("wagtailredirects", "wagtailsnippets", "wagtaildocs", "wagtailimages")


class _StandInFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname, path, target=None):
        if fullname in STAND_INS:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        module = types.ModuleType(spec.name, "Stand-in during start-up (core/startup.py).")
        module.__path__ = []
        module.__dict__.update(STAND_INS[spec.name])
        return module

    def exec_module(self, module):
        pass


@contextmanager
def stand_ins():
    """Imports of the STAND_INS modules get stand-ins; on leaving, no trace of them remains."""
    finder = _StandInFinder()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        for name in STAND_INS:
            module = sys.modules.get(name)
            if module is None or module.__spec__.loader is not finder:
                continue
            del sys.modules[name]
            parent_name, _, child = name.rpartition(".")
            parent = sys.modules.get(parent_name)
            if getattr(parent, child, None) is module:
                delattr(parent, child)


def _without_api(ready):
    def run():
        with stand_ins():
            ready()

    return run


def skip_unserved_api():
    """Wrap the Wagtail apps' ready() (not yet run: core comes first in INSTALLED_APPS)."""
    if apps.is_installed("wagtail.api.v3"):
        return
    for label in APP_LABELS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        config.ready = _without_api(config.ready)
