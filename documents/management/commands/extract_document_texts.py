"""Extract (again) the text of every document, e.g. after an import of documents or a library upgrade.

Idempotent: a document whose content (SHA-256) was already extracted is left alone unless --force.
With --ocr (nightly), scanned PDFs without a text layer are then read by OCR (tesseract), once
per file content. Each document is parsed in a bounded child process, as by the worker's task.
"""

from wagtail.documents import get_document_model

from documents.extraction import NO_TEXT, OK, PENDING
from documents.extraction.ocr import ocr_available
from documents.models import DocumentText, file_digest
from documents.text import ocr_document_text, refresh_document_text
from mairie_site.management.base import CronCommand


class Command(CronCommand):
    help = "Extrait le texte des documents pour la recherche (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="n'enregistre rien, affiche ce qui changerait")
        parser.add_argument("--force", action="store_true", help="réextrait même les documents inchangés")
        parser.add_argument("--ocr", action="store_true", help="lit ensuite par OCR les PDF numérisés sans texte")

    def handle(self, *args, dry_run=False, force=False, ocr=False, **options):
        known = {pk: (digest, status) for pk, digest, status in
                 DocumentText.objects.values_list("document_id", "sha256", "status")}
        counts = {"créés": 0, "mis à jour": 0, "inchangés": 0, "sans texte ou illisibles": 0}
        for document in get_document_model().objects.order_by("pk").iterator():
            digest = file_digest(document)
            if digest is None:
                self.stderr.write(f"document {document.pk} « {document.title} » : fichier introuvable")
                counts["sans texte ou illisibles"] += 1
                continue
            stored_digest, status = known.get(document.pk, (None, PENDING))
            if stored_digest == digest and status != PENDING and not force:
                counts["inchangés"] += 1
                continue
            counts["mis à jour" if document.pk in known else "créés"] += 1
            if dry_run:
                continue
            record = refresh_document_text(document, force=True)
            if record.status != OK:
                counts["sans texte ou illisibles"] += 1
                self.stderr.write(f"document {document.pk} « {document.title} » : {record.message}")
        prefix = "[simulation] " if dry_run else ""
        self.stdout.write(prefix + ", ".join(f"{label} : {n}" for label, n in counts.items()))
        if ocr and not dry_run:
            self.read_scans()

    def read_scans(self):
        if not ocr_available():
            self.stderr.write("OCR indisponible : installez les paquets Debian tesseract-ocr et tesseract-ocr-fra.")
            return
        scans = DocumentText.objects.filter(status=NO_TEXT, ocr_attempted=False, document__file__iendswith=".pdf")
        read = 0
        for record in scans.select_related("document"):
            record = ocr_document_text(record)
            if record.status == OK:
                read += 1
            else:
                self.stderr.write(f"document {record.document_id} « {record.document.title} » : {record.message}")
        self.stdout.write(f"OCR : {read} document(s) numérisé(s) lu(s)")
