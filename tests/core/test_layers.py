"""The apps' layers (docs/architecture.md): an app imports only the layers below its own. The known
exceptions are listed one file at a time, so that no new one creeps in unseen; each is debt to pay
by letting the higher app plug in (a Wagtail hook), not a licence."""

import ast
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
WIRING = {"mairie_site/urls.py"}

# (file, imported app): imports that go up or sideways today, each with what should replace it.
KNOWN_EXCEPTIONS = {
    # A document's owner service is a service page: documents should name a service of the directory.
    ("documents/forms.py", "home"),
    # The demo of documents attaches them to pages: each app's demo should plug into load_demo.
    ("documents/demo.py", "home"),
    ("documents/demo.py", "newsfeeds"),
}


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
    assert KNOWN_EXCEPTIONS - found == set(), "paid debts: remove them from KNOWN_EXCEPTIONS"
