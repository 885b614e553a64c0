"""Documents' text is extracted by a django-tasks task: the worker runs it (database backend in
production), so that no web request parses a file; the immediate backend (development, tests)
runs it at once. The parse itself runs in a child process bounded in time and memory.
A collection's change of privacy reindexes its documents, and the pages linking them, the same way."""

from django_tasks import task
from wagtail.documents import get_document_model
from wagtail.models import Collection


@task()
def extract_document_text(document_id, moved=False):
    """Extract one document's text (`moved`: it changed collection); a document deleted meanwhile is skipped."""
    from .text import refresh_document_text

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return None
    return refresh_document_text(document, moved=moved).status


@task()
def reindex_collection_documents(collection_id):
    """Reindex a collection's documents and the pages that link them; a collection deleted meanwhile is skipped."""
    from .text import reindex_collection

    collection = Collection.objects.filter(pk=collection_id).first()
    return reindex_collection(collection) if collection is not None else None
