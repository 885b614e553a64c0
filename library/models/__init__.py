from .imports import CatalogueImport
from .pages import LibraryCatalogPage
from .records import BibliographicRecord, Copy, RecordAuthor, RecordSubject

__all__ = ["BibliographicRecord", "CatalogueImport", "Copy", "LibraryCatalogPage", "RecordAuthor", "RecordSubject"]
