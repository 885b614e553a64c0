from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Documents"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.search import index

        from . import signals

        # Wagtail's Document is kept (see models.py): its index gains the extracted text, and the
        # site search finds a document by a word inside it.
        document_model = get_document_model()
        document_model.search_fields = [
            *document_model.search_fields,
            index.RelatedFields("extracted_text", [index.SearchField("text")]),
        ]
        signals.connect()
