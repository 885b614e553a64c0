"""The apps' layers (docs/architecture.md): an app imports only the layers below its own, and its
templates load tag libraries and include or extend templates of its own layer or below. The known
exceptions are listed one file at a time, so that no new one creeps in unseen; each is debt to pay
by letting the higher app plug in (a Wagtail hook), not a licence."""

import ast
import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

LAYERS = [
    {"core"},
    {"mairie_site"},  # its urls.py excepted: the URLs wire every app together
    {"documents"},
    {"home"},
    {"directory"},  # the town's organisation (services, agents), which the other domains name
    {"council", "library", "newsfeeds", "places"},
    {"portal", "publication", "search"},
]
LAYER = {app: level for level, apps in enumerate(LAYERS) for app in apps}
# The project's wiring, which names every app: the URLs, and the shell every page extends (home's
# menu and breadcrumb, the portal's and the search's URLs in its header).
WIRING = {"mairie_site/urls.py", "mairie_site/templates/base.html"}

# (file, app it imports or whose template or tag library it uses): what goes up or sideways today,
# each with what should replace it.
KNOWN_EXCEPTIONS = set()

TEMPLATE_TAG = re.compile(r"{%-?\s*(load|include|extends)\s+(.*?)\s*-?%}", re.DOTALL)
QUOTED = re.compile(r"""^(["'])(.+?)\1""")


def imports_of(path):
    """The top-level packages `path` imports, at module level or inside a function."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def app_files():
    for app in LAYER:
        for path in sorted((BASE_DIR / app).rglob("*.py")):
            relative = path.relative_to(BASE_DIR).as_posix()
            if "/migrations/" not in relative and relative not in WIRING:
                yield app, relative, path


def templates_dir(app):
    return BASE_DIR / app / "templates"


def template_files():
    for app in LAYER:
        for path in sorted(p for p in templates_dir(app).rglob("*") if p.is_file()):
            relative = path.relative_to(BASE_DIR).as_posix()
            if relative not in WIRING:
                yield app, relative, path


def template_owner(name):
    """The app whose templates folder holds `name`; None for Django's, Wagtail's and the like."""
    return next((app for app in LAYER if (templates_dir(app) / name).is_file()), None)


def library_owner(library):
    """The app whose templatetags folder defines the tag library; None for Django's, Wagtail's..."""
    return next((app for app in LAYER if (BASE_DIR / app / "templatetags" / f"{library}.py").is_file()), None)


def apps_used_by(template):
    """The apps whose tag libraries `template` loads and whose templates it includes or extends by
    name (an include of a variable names no template)."""
    for tag, argument in TEMPLATE_TAG.findall(template):
        if tag == "load":
            words = argument.split()
            libraries = words[-1:] if "from" in words else words  # {% load tag from library %}
            yield from (library_owner(library) for library in libraries)
        elif name := QUOTED.match(argument):
            yield template_owner(name.group(2))


def test_every_app_of_the_project_has_a_layer():
    apps = {path.parent.name for path in BASE_DIR.glob("*/apps.py")} | {"mairie_site"}
    assert apps == set(LAYER)


def test_apps_import_only_the_layers_below_theirs():
    found = set()
    for app, relative, path in app_files():
        for target in set(imports_of(path)):
            if target in LAYER and target != app and LAYER[target] >= LAYER[app]:
                found.add((relative, target))
    assert found - KNOWN_EXCEPTIONS == set(), "imports against the layers (docs/architecture.md)"
    known = {(relative, target) for relative, target in KNOWN_EXCEPTIONS if relative.endswith(".py")}
    assert known - found == set(), "paid debts: remove them from KNOWN_EXCEPTIONS"


def test_templates_use_only_the_layers_below_theirs():
    found = set()
    for app, relative, path in template_files():
        for target in set(apps_used_by(path.read_text())):
            if target is not None and target != app and LAYER[target] >= LAYER[app]:
                found.add((relative, target))
    assert found - KNOWN_EXCEPTIONS == set(), "templates against the layers (docs/architecture.md)"
    known = {(relative, target) for relative, target in KNOWN_EXCEPTIONS if not relative.endswith(".py")}
    assert known - found == set(), "paid debts: remove them from KNOWN_EXCEPTIONS"


def test_the_template_check_sees_loads_includes_and_extends():
    template = """{% extends "base.html" %}{% load wagtailcore_tags plugged_in %}{% load french %}
    {% include 'portal/includes/share_link.html' with page=page %}{% include block %}
    {% load search_links %}{% include "wagtailadmin/shared/header.html" %}"""
    assert set(apps_used_by(template)) == {"mairie_site", "core", "portal", "search", None}
