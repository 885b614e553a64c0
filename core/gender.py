"""Agreement by gender where the data has it: a person's civility ("Madame", "Monsieur", or left
blank when unknown) decides "présente"/"présent", "Conseillère municipale"/"Conseiller municipal".
An unknown civility gets the neutral written form ("présent(e)") for words, and the title as
it was typed for titles: a guess from the first name would be wrong for some people.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Civility(models.TextChoices):
    MADAME = "Madame", _("Madame")
    MONSIEUR = "Monsieur", _("Monsieur")


def civility_field():
    """The optional civility of a person, as councillors and agents carry it."""
    return models.CharField(
        _("civilité"), max_length=8, choices=Civility.choices, blank=True,
        help_text=_("Accorde les mots affichés (présente, conseillère…). Laisser vide si elle n'est pas connue."),
    )


# Words that agree with the person they describe: masculine → (feminine, neutral).
WORDS = {
    "présent": ("présente", "présent(e)"),
    "absent": ("absente", "absent(e)"),
    "excusé": ("excusée", "excusé(e)"),
    "représenté": ("représentée", "représenté(e)"),
    "rapporteur": ("rapporteure", "rapporteur(e)"),
    "président": ("présidente", "président(e)"),
    "secrétaire": ("secrétaire", "secrétaire"),
}


def agree(word, civility):
    """`word` (given in the masculine, as in WORDS) agreeing with `civility`."""
    feminine, neutral = WORDS[word]
    if civility == Civility.MADAME:
        return feminine
    if civility == Civility.MONSIEUR:
        return word
    return neutral


# Titles of the council (CGCT, SCDL "qualité") and of the town's agents: masculine → feminine.
# A longer title keeps its tail ("Adjoint au maire chargé des finances" → "Adjointe au maire chargée
# des finances" needs both entries; the tail is matched word by word below).
TITLES = {
    "Maire": "Maire",
    "Premier adjoint au maire": "Première adjointe au maire",
    "Premier adjoint": "Première adjointe",
    "Adjoint au maire": "Adjointe au maire",
    "Adjoint": "Adjointe",
    "Maire délégué": "Maire déléguée",
    "Conseiller municipal délégué": "Conseillère municipale déléguée",
    "Conseiller municipal": "Conseillère municipale",
    "Conseiller communautaire": "Conseillère communautaire",
    "Directeur général des services": "Directrice générale des services",
    "Directeur général adjoint des services": "Directrice générale adjointe des services",
    "Directeur": "Directrice",
    "Chef de service": "Cheffe de service",
    "Chef d'équipe": "Cheffe d'équipe",
    "Chargé de mission": "Chargée de mission",
    "Chargé d'études": "Chargée d'études",
    "Chargé de formation": "Chargée de formation",
    "Assistant de direction": "Assistante de direction",
    "Assistant administratif": "Assistante administrative",
    "Assistant de conservation": "Assistante de conservation",
    "Agent administratif": "Agente administrative",
    "Agent d'accueil": "Agente d'accueil",
    "Agent de voirie": "Agente de voirie",
    "Agent d'entretien": "Agente d'entretien",
    "Officier d'état civil": "Officière d'état civil",
    "Contrôleur de gestion": "Contrôleuse de gestion",
    "Instructeur des autorisations d'urbanisme": "Instructrice des autorisations d'urbanisme",
    "Travailleur social": "Travailleuse sociale",
    "Conseiller en économie sociale et familiale": "Conseillère en économie sociale et familiale",
    "Jardinier": "Jardinière",
    "Élagueur": "Élagueuse",
    "Conducteur d'engins": "Conductrice d'engins",
    "Gestionnaire carrière et paie": "Gestionnaire carrière et paie",
    "Technicien support": "Technicienne support",
    "Administrateur systèmes et réseaux": "Administratrice systèmes et réseaux",
    "Acheteur public": "Acheteuse publique",
    "Médiateur numérique": "Médiatrice numérique",
    "Professeur": "Professeure",
    "Éducateur sportif": "Éducatrice sportive",
    "Éducateur de jeunes enfants": "Éducatrice de jeunes enfants",
    "Éducateur des activités physiques et sportives": "Éducatrice des activités physiques et sportives",
    "Gardien de gymnase": "Gardienne de gymnase",
    "Auxiliaire de puériculture": "Auxiliaire de puériculture",
    "Secrétaire général": "Secrétaire générale",
}
_BY_LENGTH = sorted(TITLES.items(), key=lambda pair: -len(pair[0]))
# The tail of a title after its head: "chargé des finances", "délégué à la culture".
_TAIL_WORDS = {"chargé": "chargée", "délégué": "déléguée", "adjoint": "adjointe", "principal": "principale"}


def _swap_head(title, source, target):
    if title == source:
        return target
    if title.startswith(source + " "):
        return target + title[len(source):]
    return None


def _swap_tail(tail, words):
    return " ".join(words.get(word, word) for word in tail.split(" "))


def agreed_title(title, civility):
    """A function title agreeing with `civility`: feminised for "Madame", made masculine for
    "Monsieur" when it was typed in the feminine, left as typed when the civility is unknown or
    the title is not in TITLES."""
    title = (title or "").strip()
    if not title or civility not in Civility.values:
        return title
    feminine = civility == Civility.MADAME
    pairs = _BY_LENGTH if feminine else sorted(((f, m) for m, f in TITLES.items()), key=lambda pair: -len(pair[0]))
    tail_words = _TAIL_WORDS if feminine else {f: m for m, f in _TAIL_WORDS.items()}
    for source, target in pairs:
        swapped = _swap_head(title, source, target)
        if swapped is not None:
            head, tail = swapped[: len(target)], swapped[len(target):]
            return head + _swap_tail(tail, tail_words)
    return title


_SPELLINGS = {
    "madame": Civility.MADAME, "mme": Civility.MADAME, "mademoiselle": Civility.MADAME, "mlle": Civility.MADAME,
    "f": Civility.MADAME,
    "monsieur": Civility.MONSIEUR, "m": Civility.MONSIEUR, "mr": Civility.MONSIEUR, "h": Civility.MONSIEUR,
}


def parse_civility(value):
    """The civility written in an HR file or a directory ("Mme", "M.", "Madame", "F", "H"...):
    a Civility, "" when blank, None when unreadable."""
    key = (value or "").strip().lower().rstrip(".")
    if not key:
        return ""
    return _SPELLINGS.get(key)
