"""The catalogue's generation: a number moved whenever records change, so that cached searches expire.

The search caches its scan per criteria (library/catalogue.py) with the generation it was computed
under; an import that changed something, and any record, author, subject or copy saved or deleted
(the admin), move it at once and again when their transaction commits. The cache must be shared by the processes
(Redis in production, see settings) for an import run by the command to reach the web workers.
"""

from django.db.models.signals import post_delete, post_save

from core.generations import Generation

CATALOGUE = Generation("library:catalogue-generation")
# Now, so that this process's next search sees the change, and again once the transaction commits,
# so that a search that read the old rows in the meantime (another process) is not kept.
bump_generation = CATALOGUE.bump_now_and_on_commit


def connect():
    from .models import BibliographicRecord, Copy, RecordAuthor, RecordSubject

    for model in (BibliographicRecord, RecordAuthor, RecordSubject, Copy):
        for signal in (post_save, post_delete):
            signal.connect(bump_generation, sender=model, dispatch_uid=f"library_generation_{signal}_{model.__name__}")
