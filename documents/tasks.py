"""Documents' text is extracted by a django-tasks task: the worker runs it (database backend in
production), so that no web request parses a file; the immediate backend (development, tests)
runs it at once. The parse itself runs in a child process bounded in time and memory."""

from django_tasks import task
from wagtail.documents import get_document_model


@task()
def extract_document_text(document_id):
    """Extract one document's text; a document deleted meanwhile is skipped."""
    from .text import refresh_document_text

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return None
    return refresh_document_text(document).status
