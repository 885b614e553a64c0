"""The admin's uploads are imported by a django-tasks task: a full nightly export (100,000
records, about a minute) outlasts a web request, and the librarian follows its progress on the
import's page. The immediate backend (development, tests) runs it before the upload's answer."""

import logging
import os
from pathlib import Path

from django.conf import settings
from django_tasks import task

from .models import CatalogueImport
from .models.imports import ImportStatus

logger = logging.getLogger(__name__)


def upload_path(entry_id):
    """Where an upload waits for its import: outside the media root, readable by the worker only."""
    return Path(settings.LIBRARY_UPLOAD_DIR) / f"catalogue-{entry_id}"


def queue_upload(entry, upload):
    """Write an uploaded file where its task will read it, and queue the task; the file is removed
    again if either fails (with the database backend, the task is a row of the caller's transaction)."""
    path = upload_path(entry.pk)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as stream:
            for chunk in upload.chunks():
                stream.write(chunk)
        import_upload.enqueue(entry.pk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def failure_message(error):
    """What the librarian reads (in French, no server path); the details go to the log."""
    if isinstance(error, FileNotFoundError):
        return ("le fichier déposé est introuvable pour le traitement en arrière-plan "
                "(le stockage des dépôts doit être partagé avec le worker)")
    if isinstance(error, MemoryError):
        return "mémoire insuffisante sur le serveur"
    if not isinstance(error, Exception):
        return "le traitement a été interrompu"
    return f"erreur inattendue ({type(error).__name__}), le détail est dans le journal du serveur"


@task()
def import_upload(entry_id):
    """Import one queued upload; a task that finds it claimed already (queued twice) does nothing."""
    from .importer import import_catalogue

    if not CatalogueImport.objects.filter(pk=entry_id, status=ImportStatus.QUEUED).update(
            status=ImportStatus.RUNNING):
        return None
    entry = CatalogueImport.objects.get(pk=entry_id)
    path = upload_path(entry_id)
    read = 0

    def progress(report):
        nonlocal read
        read = report.read
        entry.publish_progress(read)

    try:
        with open(path, "rb") as stream:
            import_catalogue(stream, fmt=entry.file_format, dry_run=entry.dry_run,
                             withdraw_missing=entry.withdraw_missing, progress=progress, entry=entry,
                             decode_workers=0)  # the immediate backend runs in a web worker: never fork it
    except BaseException as error:  # a worker stopped by a signal too: never leave the import "en cours"
        logger.exception("Catalogue import %s (%s) failed", entry_id, entry.filename)
        CatalogueImport.objects.filter(pk=entry_id).update(
            status=ImportStatus.FAILED, records_read=read, error=failure_message(error))
        raise
    finally:
        path.unlink(missing_ok=True)
    return entry.summary()
