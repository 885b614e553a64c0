"""Background tasks: one source fetched through django-tasks (the "fetch now" admin action and
`import_feeds --queue`). The task claims its source with a lease, as a run does: a source
queued twice, or also fetched by a run, is fetched once."""

from django_tasks import task


@task()
def fetch_source(source_id, force=True):
    from .importer.run import run_import
    from .models import FeedSource

    source = FeedSource.objects.filter(pk=source_id).first()
    if source is None:
        return None
    report = run_import([source], force=force)
    return [(r.status, r.error, r.store.created, r.store.updated) for r in report.sources]
