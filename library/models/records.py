"""The catalogue: bibliographic records, their authors, subjects and copies.

Records are not pages: there are tens of thousands of them, replaced every night by the
library system's export. They are edited in Wagtail model viewsets (wagtail_hooks.py) and shown
by the catalogue page (pages.py).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from core.text import fold_words

from ..choices import AUTHOR_ROLES, LANGUAGES, Availability, CopyStatus, DocumentType


def index_fields(*, title, subtitle, responsibility, series, publisher, summary, isbns, authors, subjects):
    """The folded columns the catalogue search runs on, computed the same way by the importer and the admin.

    Each folded column starts and ends with a space so that " word" matches a word's start.
    """
    author_text = " ".join(fold_words(name) for name in authors)
    subject_text = " ".join(fold_words(label) for label in subjects)
    title_text = fold_words(f"{title} {subtitle}")
    parts = [title_text, fold_words(responsibility), author_text, subject_text, fold_words(series),
             fold_words(publisher), fold_words(summary), " ".join(isbns)]
    everything = " ".join(part for part in parts if part)
    return {
        "title_sort": title_text[:250],
        "authors_text": f" {author_text} ",
        "subjects_text": f" {subject_text} ",
        "search_text": f" {everything} ",
        "isbn": isbns[0] if isbns else "",
        "isbns": " ".join(isbns),
    }


def availability_of(statuses):
    if not statuses:
        return Availability.NO_COPY.value
    if CopyStatus.AVAILABLE.value in statuses:
        return Availability.AVAILABLE.value
    return Availability.UNAVAILABLE.value


class RecordAuthor(Orderable):
    record = ParentalKey("library.BibliographicRecord", on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("nom"), max_length=255, db_index=True)
    role = models.CharField(_("fonction (code)"), max_length=10, blank=True,
                            help_text=_("Code de fonction UNIMARC (070 auteur, 440 illustrateur…) ou MARC 21."))

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = _("auteur")
        verbose_name_plural = _("auteurs")

    def __str__(self):
        return self.name

    @property
    def role_label(self):
        return AUTHOR_ROLES.get(self.role, "")


class RecordSubject(Orderable):
    record = ParentalKey("library.BibliographicRecord", on_delete=models.CASCADE, related_name="subjects")
    label = models.CharField(_("sujet"), max_length=255, db_index=True)

    panels = [FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("sujet")
        verbose_name_plural = _("sujets")

    def __str__(self):
        return self.label


class Copy(Orderable):
    """One physical item (exemplaire) held by a branch of the library."""

    record = ParentalKey("library.BibliographicRecord", on_delete=models.CASCADE, related_name="copies")
    barcode = models.CharField(_("code-barres"), max_length=50, blank=True, db_index=True)
    branch = models.CharField(_("bibliothèque"), max_length=100, blank=True, db_index=True)
    location = models.CharField(_("localisation"), max_length=100, blank=True)
    call_number = models.CharField(_("cote"), max_length=100, blank=True)
    status = models.CharField(_("statut"), max_length=20, choices=CopyStatus.choices, default=CopyStatus.AVAILABLE)
    due_date = models.DateField(_("retour prévu le"), null=True, blank=True)
    acquired_on = models.DateField(_("date d'acquisition"), null=True, blank=True)
    copy_type = models.CharField(_("type de document (code)"), max_length=50, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("branch"), FieldPanel("location"), FieldPanel("call_number")]),
        FieldRowPanel([FieldPanel("barcode"), FieldPanel("status"), FieldPanel("due_date"), FieldPanel("acquired_on")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("exemplaire")
        verbose_name_plural = _("exemplaires")

    def __str__(self):
        return self.barcode or self.call_number or str(self.pk)


class RecordQuerySet(models.QuerySet):
    def visible(self):
        """What the catalogue shows: withdrawn records stay in the database but not in the catalogue."""
        return self.filter(withdrawn=False)


class BibliographicRecord(ClusterableModel):
    """A notice of the catalogue, as imported from the library system (UNIMARC or MARC 21)."""

    record_id = models.CharField(_("identifiant de notice"), max_length=64, blank=True, db_index=True,
                                 help_text=_("Champ 001 de la notice dans le système de la bibliothèque."))
    isbn = models.CharField(_("ISBN"), max_length=13, blank=True, db_index=True, editable=False)
    isbns = models.CharField(_("ISBN (tous, en ISBN-13)"), max_length=300, blank=True,
                             help_text=_("ISBN-13 séparés par des espaces ; un ISBN-10 est converti."))
    title = models.CharField(_("titre"), max_length=500)
    subtitle = models.CharField(_("complément du titre"), max_length=500, blank=True)
    responsibility = models.CharField(_("mention de responsabilité"), max_length=500, blank=True)
    edition = models.CharField(_("édition"), max_length=200, blank=True)
    publisher = models.CharField(_("éditeur"), max_length=200, blank=True)
    place = models.CharField(_("lieu de publication"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("année"), null=True, blank=True, db_index=True)
    collation = models.CharField(_("collation"), max_length=300, blank=True)
    series = models.CharField(_("collection"), max_length=300, blank=True)
    summary = models.TextField(_("résumé"), blank=True)
    dewey = models.CharField(_("indice Dewey"), max_length=30, blank=True)
    language = models.CharField(_("langue"), max_length=3, blank=True, db_index=True,
                                help_text=_("Code ISO 639-2 : fre, eng…"))
    document_type = models.CharField(_("type de document"), max_length=20, choices=DocumentType.choices,
                                     default=DocumentType.BOOK, db_index=True)
    url = models.CharField(_("lien"), max_length=500, blank=True)
    cover_url = models.CharField(_("image de couverture"), max_length=500, blank=True)
    acquired_on = models.DateField(_("date d'acquisition"), null=True, blank=True, db_index=True,
                                   help_text=_("Celle du premier exemplaire ; sert aux nouveautés."))
    availability = models.CharField(_("disponibilité"), max_length=20, choices=Availability.choices,
                                    default=Availability.NO_COPY, db_index=True, editable=False)
    withdrawn = models.BooleanField(_("retirée du catalogue"), default=False, db_index=True,
                                    help_text=_("Absente du dernier export complet (--withdraw-missing)."))
    source_format = models.CharField(_("format d'origine"), max_length=20, blank=True, editable=False)
    # Derived, folded columns for the search (see index_fields).
    title_sort = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    authors_text = models.TextField(blank=True, editable=False)
    subjects_text = models.TextField(blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    content_hash = models.CharField(max_length=40, blank=True, editable=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = RecordQuerySet.as_manager()

    panels = [
        MultiFieldPanel([FieldPanel("title"), FieldPanel("subtitle"), FieldPanel("responsibility")],
                        heading=_("Titre")),
        InlinePanel("authors", heading=_("Auteurs"), label=_("auteur")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("record_id"), FieldPanel("isbns")]),
                FieldRowPanel([FieldPanel("document_type"), FieldPanel("language"), FieldPanel("year")]),
                FieldRowPanel([FieldPanel("publisher"), FieldPanel("place"), FieldPanel("edition")]),
                FieldRowPanel([FieldPanel("collation"), FieldPanel("series"), FieldPanel("dewey")]),
                FieldPanel("summary"),
                FieldRowPanel([FieldPanel("url"), FieldPanel("cover_url")]),
                FieldRowPanel([FieldPanel("acquired_on"), FieldPanel("withdrawn")]),
            ],
            heading=_("Description"),
        ),
        InlinePanel("subjects", heading=_("Sujets"), label=_("sujet")),
        InlinePanel("copies", heading=_("Exemplaires"), label=_("exemplaire")),
    ]

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [
            models.UniqueConstraint(fields=["record_id"], condition=~Q(record_id=""), name="library_unique_record_id"),
        ]
        indexes = [models.Index(fields=["withdrawn", "acquired_on"], name="library_new_acquisitions")]

    def __str__(self):
        return self.title

    @property
    def language_label(self):
        return LANGUAGES.get(self.language, self.language)

    @property
    def isbn_list(self):
        return self.isbns.split()

    def clean(self):
        from django.core.exceptions import ValidationError

        from ..marc.common import is_web_url

        for name in ("url", "cover_url"):
            if getattr(self, name) and not is_web_url(getattr(self, name)):
                raise ValidationError({name: _("Adresse http(s) attendue.")})

    def refresh_derived_fields(self):
        """Recompute the search columns and the availability from the fields and (unsaved) children."""
        from ..isbn import normalize_isbn

        isbns = []
        for raw in self.isbns.replace(",", " ").split():
            isbn = normalize_isbn(raw)
            if isbn and isbn not in isbns:
                isbns.append(isbn)
        for name, value in index_fields(
            title=self.title, subtitle=self.subtitle, responsibility=self.responsibility, series=self.series,
            publisher=self.publisher, summary=self.summary, isbns=isbns,
            authors=[a.name for a in self.authors.all()], subjects=[s.label for s in self.subjects.all()],
        ).items():
            setattr(self, name, value)
        copies = list(self.copies.all())
        self.availability = availability_of({c.status for c in copies})
        dates = [c.acquired_on for c in copies if c.acquired_on]
        if dates and not self.acquired_on:
            self.acquired_on = min(dates)

    def save(self, *args, from_import=False, **kwargs):
        if not from_import:
            self.refresh_derived_fields()
            # Edited by hand: the next import of this record writes the export's version again.
            self.content_hash = ""
        super().save(*args, **kwargs)
