"""What the intranet knows of each Wagtail document beyond its file: its text (extracted in the
background, for the search) and its profile (owner service, date, type, review date).

Both are related one to one to Wagtail's own Document, which the project keeps (swapping
WAGTAILDOCS_DOCUMENT_MODEL on a populated site would move every document and every reference).
"""

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string

from . import extraction
from .extraction import NO_TEXT, OK, PENDING, TOO_LONG, UNREADABLE

REASON_MESSAGES = {
    extraction.ENCRYPTED: _("Fichier protégé par un mot de passe : son texte ne peut pas être lu ni indexé."),
    extraction.CORRUPT: _("Fichier illisible ou endommagé : son texte n'a pas pu être extrait."),
    extraction.UNSUPPORTED: _("Ce type de fichier n'est pas analysé : seul son titre est indexé."),
    extraction.MISSING: _("Le fichier de ce document est introuvable."),
    extraction.TIMEOUT: _("L'analyse a dépassé le temps permis : seul le titre est indexé. Déposez une version "
                          "allégée du fichier (moins de pages, images compressées)."),
    extraction.MEMORY: _("L'analyse demandait trop de mémoire : seul le titre est indexé. Déposez une version "
                         "allégée du fichier."),
    extraction.SCANNED: _("Aucun texte trouvé dans ce PDF (document numérisé ?) : la reconnaissance de caractères "
                          "(OCR) de la nuit tentera de le lire."),
    extraction.OCR: _("Texte obtenu par reconnaissance de caractères (OCR) : il peut contenir des erreurs."),
    extraction.OCR_FAILED: _("La reconnaissance de caractères (OCR) a échoué."),
    extraction.OCR_EMPTY: _("Aucun texte reconnu dans ce PDF numérisé, même par OCR."),
}


class DocumentText(models.Model):
    """What could be read in one document; refreshed when the file changes (by its SHA-256)."""

    STATUS_CHOICES = [
        (PENDING, _("analyse en attente")),
        (OK, _("texte extrait")),
        (NO_TEXT, _("aucun texte")),
        (UNREADABLE, _("illisible")),
        (TOO_LONG, _("trop long à analyser")),
    ]

    document = models.OneToOneField(
        get_document_model_string(), on_delete=models.CASCADE, primary_key=True, related_name="extracted_text"
    )
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64, blank=True)
    status = models.CharField(_("état du texte"), max_length=12, choices=STATUS_CHOICES, default=PENDING)
    reason = models.CharField(_("motif"), max_length=20, blank=True)
    detail = models.CharField(_("détail technique"), max_length=200, blank=True)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    text = models.TextField(_("texte"), blank=True)
    ocr_attempted = models.BooleanField(_("OCR tentée"), default=False)
    extracted_at = models.DateTimeField(_("analysé le"), auto_now=True)

    class Meta:
        verbose_name = _("texte d'un document")
        verbose_name_plural = _("textes des documents")

    def __str__(self):
        return f"{self.document_id}: {self.get_status_display()}"

    @property
    def has_problem(self):
        return self.status not in (OK, PENDING)

    @property
    def message(self):
        """What the editors read about this document's text, in French."""
        if self.reason in REASON_MESSAGES:
            return str(REASON_MESSAGES[self.reason])
        if self.status == PENDING:
            return str(_("Le texte de ce document sera extrait dans quelques instants."))
        if self.status == NO_TEXT:
            return str(_("Ce document ne contient aucun texte : seul son titre est indexé."))
        return ""

    def store(self, result, *, digest, ocr_attempted=False):
        self.sha256, self.status, self.reason = digest, result.status, result.reason
        self.detail, self.pages, self.text = result.detail[:200], result.pages, result.text
        self.ocr_attempted = ocr_attempted
        self.save()
        return self


class DocumentKind(models.TextChoices):
    NOTE = "note", _("note")
    MINUTES = "compte_rendu", _("compte rendu")
    FORM = "formulaire", _("formulaire")
    PROCEDURE = "procedure", _("procédure")
    TEMPLATE = "modele", _("modèle")
    REPORT = "rapport", _("rapport")
    GUIDE = "guide", _("guide")
    OTHER = "autre", _("autre")


class DocumentProfile(models.Model):
    """Who owns a document, of what kind and date it is, and when it should be checked again."""

    document = models.OneToOneField(
        get_document_model_string(), on_delete=models.CASCADE, primary_key=True, related_name="profile"
    )
    owner_service = models.ForeignKey(
        "home.ServicePage", verbose_name=_("service propriétaire"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="owned_documents",
    )
    kind = models.CharField(_("type de document"), max_length=20, choices=DocumentKind.choices, blank=True)
    document_date = models.DateField(_("date du document"), null=True, blank=True)
    review_date = models.DateField(
        _("à revoir le"), null=True, blank=True,
        help_text=_("Date à laquelle le service vérifie que le document est toujours à jour."),
    )

    class Meta:
        verbose_name = _("fiche d'un document")
        verbose_name_plural = _("fiches des documents")
        indexes = [models.Index(fields=["owner_service", "document_date"], name="documents_owner_date")]

    def __str__(self):
        return f"{self.document_id}: {self.get_kind_display() or '-'}"


def read_document_bytes(document):
    with document.file.open("rb") as handle:
        return handle.read()


def file_digest(document):
    """The SHA-256 of the document's file, or None when the file cannot be read."""
    try:
        return hashlib.sha256(read_document_bytes(document)).hexdigest()
    except (OSError, ValueError):
        return None
