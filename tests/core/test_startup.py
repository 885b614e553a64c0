"""Start-up skips Wagtail's v3 API, which the intranet does not serve (core/startup.py), and keeps
everything else the Wagtail apps do when they start."""

import ast
import inspect
import json
import os
import subprocess
import sys
import textwrap

from django.apps import apps

from core import startup

SETUP_IN_A_NEW_PROCESS = textwrap.dedent(
    """
    import json, sys
    import django
    django.setup()
    from django.apps import apps
    from wagtail.contrib.redirects.signal_handlers import autocreate_redirects_on_page_move
    from wagtail.models.reference_index import ReferenceIndex
    from wagtail.signals import post_page_move
    from wagtail.snippets.models import get_snippet_models
    receivers = [receiver[1]() for receiver in post_page_move.receivers]
    print(json.dumps({
        "imported": sorted(name for name in ("ninja", "pydantic", "rest_framework") if name in sys.modules),
        "stand_ins_left": sorted(name for name, module in sys.modules.items()
                                 if (getattr(module, "__doc__", "") or "").startswith("Stand-in")),
        "redirects_on_move": autocreate_redirects_on_page_move in receivers,
        "indexed": sorted(model._meta.label for model in ReferenceIndex.indexed_models
                          if model._meta.app_label in ("wagtailimages", "wagtaildocs")),
        "snippets": sorted(model._meta.label for model in get_snippet_models()),
    }))
    """
)


def setup_in_a_new_process():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "mairie_site.settings.test"}
    done = subprocess.run([sys.executable, "-c", SETUP_IN_A_NEW_PROCESS], capture_output=True, text=True,
                          env=env, timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_start_up_imports_neither_the_v3_api_nor_its_frameworks_and_leaves_no_stand_in():
    started = setup_in_a_new_process()
    assert started["imported"] == []
    assert started["stand_ins_left"] == []


def test_the_wagtail_apps_still_do_the_rest_of_their_start_up():
    from wagtail.snippets.models import get_snippet_models

    started = setup_in_a_new_process()
    assert started["redirects_on_move"] is True
    assert started["indexed"] == ["wagtaildocs.Document", "wagtailimages.Image"]
    assert started["snippets"] == sorted(model._meta.label for model in get_snippet_models())
    assert started["snippets"]


def api_imports_of_ready(config_class):
    """(module, names) of every `from ... import` of an API module in the class's ready()."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(config_class.ready)))
    package = config_class.__module__.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and "api" in (node.module or ""):
            module = node.module if node.level == 0 else f"{package}.{node.module}"
            yield module, {alias.name for alias in node.names}


def test_the_stand_ins_cover_exactly_what_each_wagtail_ready_imports_from_the_api():
    # Fails on a Wagtail upgrade that changes these ready()s: read them again before adapting STAND_INS.
    seen = set()
    for label in startup.APP_LABELS:
        for module, names in api_imports_of_ready(type(apps.get_app_config(label))):
            assert module in startup.STAND_INS, module
            assert names <= set(startup.STAND_INS[module]), (module, names)
            seen.add(module)
    packages_only = {name for name, values in startup.STAND_INS.items() if not values}
    assert set(startup.STAND_INS) - seen == packages_only


def test_no_other_wagtail_app_imports_the_api_when_it_starts():
    for config in apps.get_app_configs():
        if config.label in startup.APP_LABELS or not config.name.startswith("wagtail"):
            continue
        assert list(api_imports_of_ready(type(config))) == [], config.label
