"""The catalogue's vocabularies, shared by the models, the field maps and the search."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The file formats an import accepts (the command's --format, the upload form), as the admin shows them.
FORMAT_LABELS = {
    "auto": _("Détection automatique"),
    "unimarc": _("UNIMARC"),
    "marc21": _("MARC 21"),
    "marcxml": _("XML (MARCXML ou MarcXchange)"),
    "csv": _("CSV (une ligne par exemplaire)"),
}


class DocumentType(models.TextChoices):
    BOOK = "livre", _("Livre")
    PERIODICAL = "periodique", _("Périodique")
    SCORE = "partition", _("Partition")
    MAP = "carte", _("Carte")
    VIDEO = "video", _("Vidéo")
    MUSIC = "musique", _("Musique enregistrée")
    AUDIOBOOK = "livre-audio", _("Livre audio")
    IMAGE = "image", _("Image")
    ELECTRONIC = "electronique", _("Ressource électronique")
    KIT = "multimedia", _("Multimédia")
    OBJECT = "objet", _("Objet")
    OTHER = "autre", _("Autre")


class CopyStatus(models.TextChoices):
    AVAILABLE = "disponible", _("Disponible")
    ON_LOAN = "en-pret", _("En prêt")
    PROCESSING = "en-traitement", _("En traitement")
    LOST = "perdu", _("Perdu")


class Availability(models.TextChoices):
    """A record's availability, derived from its copies (one value per record, for the facet)."""

    AVAILABLE = "disponible", _("Au moins un exemplaire disponible")
    UNAVAILABLE = "indisponible", _("Aucun exemplaire disponible")
    NO_COPY = "sans-exemplaire", _("Sans exemplaire")


# Leader position 6 (type of record) is the same letter in UNIMARC and MARC 21 for these.
LEADER_TYPES = {
    "a": DocumentType.BOOK,
    "b": DocumentType.BOOK,
    "t": DocumentType.BOOK,
    "c": DocumentType.SCORE,
    "d": DocumentType.SCORE,
    "e": DocumentType.MAP,
    "f": DocumentType.MAP,
    "g": DocumentType.VIDEO,
    "i": DocumentType.AUDIOBOOK,
    "j": DocumentType.MUSIC,
    "k": DocumentType.IMAGE,
    "l": DocumentType.ELECTRONIC,
    "m": DocumentType.KIT,
    "o": DocumentType.KIT,
    "p": DocumentType.KIT,
    "r": DocumentType.OBJECT,
}

# Words found in a copy's document type (995$r, free codes from one library system to another).
COPY_TYPE_WORDS = {
    "dvd": DocumentType.VIDEO,
    "video": DocumentType.VIDEO,
    "cd": DocumentType.MUSIC,
    "audio": DocumentType.AUDIOBOOK,
    "rev": DocumentType.PERIODICAL,
    "per": DocumentType.PERIODICAL,
}

# Status codes of 995$o (and 949$d in MARC 21) in the exports we receive; anything else is
# "available" unless a due date says the copy is on loan.
STATUS_CODES = {
    "0": CopyStatus.AVAILABLE,
    "disponible": CopyStatus.AVAILABLE,
    "1": CopyStatus.ON_LOAN,
    "pret": CopyStatus.ON_LOAN,
    "en pret": CopyStatus.ON_LOAN,
    "2": CopyStatus.PROCESSING,
    "traitement": CopyStatus.PROCESSING,
    "en traitement": CopyStatus.PROCESSING,
    "3": CopyStatus.LOST,
    "perdu": CopyStatus.LOST,
}

LANGUAGES = {
    "fre": _("Français"),
    "eng": _("Anglais"),
    "ger": _("Allemand"),
    "spa": _("Espagnol"),
    "ita": _("Italien"),
    "por": _("Portugais"),
    "ara": _("Arabe"),
    "chi": _("Chinois"),
    "jpn": _("Japonais"),
    "rus": _("Russe"),
    "lat": _("Latin"),
    "mul": _("Multilingue"),
    "und": _("Indéterminée"),
}

AUTHOR_ROLES = {
    "070": _("Auteur"),
    "aut": _("Auteur"),
    "440": _("Illustrateur"),
    "ill": _("Illustrateur"),
    "730": _("Traducteur"),
    "trl": _("Traducteur"),
    "340": _("Éditeur scientifique"),
    "edt": _("Éditeur scientifique"),
    "080": _("Préfacier"),
    "aui": _("Préfacier"),
    "300": _("Réalisateur"),
    "drt": _("Réalisateur"),
    "230": _("Compositeur"),
    "cmp": _("Compositeur"),
    "590": _("Interprète"),
    "prf": _("Interprète"),
    "651": _("Directeur de publication"),
}

# Year ranges of the year facet: (key, label, first year, last year).
YEAR_RANGES = [
    ("avant-1950", _("Avant 1950"), None, 1949),
    ("1950-1979", _("1950 – 1979"), 1950, 1979),
    ("1980-1999", _("1980 – 1999"), 1980, 1999),
    ("2000-2009", _("2000 – 2009"), 2000, 2009),
    ("2010-2019", _("2010 – 2019"), 2010, 2019),
    ("depuis-2020", _("Depuis 2020"), 2020, None),
]
