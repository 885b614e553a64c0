"""French as agents read it: words agree with the person's civility, "Tous"/"Toutes" with its noun,
and alphabetical lists put "État civil" among the Es, on SQLite as on PostgreSQL."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from core.collation import COLLATION, french_order, sort_key
from core.gender import Civility, agree, agreed_title, parse_civility

MADAME, MONSIEUR = Civility.MADAME, Civility.MONSIEUR
SERVICES = ["Urbanisme", "État civil", "eau", "Éducation", "Écoles", "Accueil", "zoo"]
FRENCH_ORDER = ["Accueil", "eau", "Écoles", "Éducation", "État civil", "Urbanisme", "zoo"]


@pytest.mark.parametrize(
    ("word", "civility", "expected"),
    [
        ("présent", MADAME, "présente"),
        ("présent", MONSIEUR, "présent"),
        ("présent", "", "présent(e)"),
        ("absent", MADAME, "absente"),
        ("excusé", MADAME, "excusée"),
        ("excusé", "", "excusé(e)"),
        ("représenté", MADAME, "représentée"),
        ("représenté", "", "représenté(e)"),
    ],
)
def test_a_word_agrees_with_the_civility_and_is_neutral_when_it_is_unknown(word, civility, expected):
    assert agree(word, civility) == expected


@pytest.mark.parametrize(
    ("title", "civility", "expected"),
    [
        ("Conseiller municipal", MADAME, "Conseillère municipale"),
        ("Adjoint au maire", MADAME, "Adjointe au maire"),
        ("Adjoint au maire chargé des finances", MADAME, "Adjointe au maire chargée des finances"),
        ("Conseiller municipal délégué à la culture", MADAME, "Conseillère municipale déléguée à la culture"),
        ("Maire", MADAME, "Maire"),
        ("Directeur général des services", MADAME, "Directrice générale des services"),
        ("Assistante de direction", MONSIEUR, "Assistant de direction"),
        ("Conseillère municipale", MONSIEUR, "Conseiller municipal"),
        ("Conseiller municipal", MONSIEUR, "Conseiller municipal"),
        ("Conseiller municipal", "", "Conseiller municipal"),
        ("Responsable du service", MADAME, "Responsable du service"),
        ("", MADAME, ""),
    ],
)
def test_a_title_agrees_with_the_civility_and_stays_as_typed_when_it_is_unknown(title, civility, expected):
    assert agreed_title(title, civility) == expected


@pytest.mark.parametrize(
    ("written", "civility"),
    [("Madame", MADAME), ("Mme", MADAME), ("mme.", MADAME), ("F", MADAME), ("Monsieur", MONSIEUR), ("M.", MONSIEUR),
     ("M", MONSIEUR), ("H", MONSIEUR), ("", ""), ("  ", ""), ("Docteur", None)],
)
def test_civility_is_read_from_the_usual_spellings(written, civility):
    assert parse_civility(written) == civility


def test_python_sort_key_puts_accented_words_with_their_letter():
    assert sorted(SERVICES, key=sort_key) == FRENCH_ORDER


@pytest.mark.django_db
def test_database_order_puts_accented_words_with_their_letter():
    from directory.models import Service

    Service.objects.all().delete()
    for position, name in enumerate(SERVICES):
        Service.objects.create(code=f"s{position}", name=name)
    names = list(Service.objects.order_by(*french_order("name")).values_list("name", flat=True))
    assert names == FRENCH_ORDER
    assert list(Service.objects.values_list("name", flat=True)) == FRENCH_ORDER  # Meta.ordering
    reverse = list(Service.objects.order_by(*french_order("-name")).values_list("name", flat=True))
    assert reverse == FRENCH_ORDER[::-1]
    plain = list(Service.objects.order_by("name").values_list("name", flat=True))
    assert plain != FRENCH_ORDER  # without the collation "État civil" would follow "zoo"


@pytest.mark.django_db
def test_the_collation_exists_on_the_database_in_use():
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT %s < %s COLLATE "{COLLATION}"', ["État civil", "Urbanisme"])
        assert cursor.fetchone()[0] in (True, 1)


# "Tous"/"Toutes" agree with the noun that follows; a noun missing here fails the test so that
# whoever adds a filter states its gender.
NOUNS = {
    "m": {"actes", "agents", "bâtiments", "documents", "équipements", "jours", "rapporteurs", "résultats",
          "services", "types", "procès-verbaux", "élus", "exemplaires", "canaux", "mois"},
    "f": {"actualités", "années", "applications", "catégories", "conditions", "délibérations", "informations",
          "langues", "listes", "matières", "natures", "nouveautés", "séances", "minutes"},
}
TOUS = re.compile(r"\b(tous|toutes)\s+les\s+(?:quelques\s+)?([\wéèêàç-]+)", re.IGNORECASE)
BARE_OPTION = re.compile(r"<option[^>]*>\s*(Tous|Toutes|Tout|Toute)\s*</option>", re.IGNORECASE)


def _project_sources():
    base = Path(settings.BASE_DIR)
    for path in base.rglob("*"):
        if path.suffix not in (".html", ".py") or not path.is_file():
            continue
        parts = set(path.relative_to(base).parts)
        if parts & {".venv", "node_modules", "tests", "migrations", "benchmarks"}:
            continue
        yield path, path.read_text(encoding="utf-8")


def test_tous_and_toutes_agree_with_their_noun_everywhere():
    wrong = []
    for path, text in _project_sources():
        for match in BARE_OPTION.finditer(text):
            wrong.append(f"{path.name}: « {match.group(1)} » sans nom")
        for match in TOUS.finditer(text):
            word, noun = match.group(1).lower(), match.group(2).lower()
            gender = "m" if noun in NOUNS["m"] else "f" if noun in NOUNS["f"] else None
            if gender is None:
                wrong.append(f"{path.name}: genre inconnu pour « {noun} » (ajoutez-le à NOUNS)")
            elif (word == "tous") != (gender == "m"):
                wrong.append(f"{path.name}: « {match.group(0)} »")
    assert not wrong, wrong
