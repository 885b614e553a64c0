"""One import run: claim sources, fetch them (in threads, one request at a time per host),
then parse and store each result in the main thread, recording each source's health.

A source's failure is recorded on the source and never stops the others.
"""

import hashlib
import logging
import queue
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from core.imports import ImportReport

from .. import conf
from ..models import FeedFetchDay, FeedSource, NewsItemPage
from .fetch import FetchError, Gone, fetch
from .index import refresh_title_norms
from .isolate import parse_isolated
from .parse import FeedError
from .store import store_items

logger = logging.getLogger(__name__)
HEALTH_BATCH = 50


@dataclass
class SourceReport:
    source: FeedSource
    status: str = ""  # "fetched", "not_modified", "unchanged", "error", "skipped"
    http_status: int | None = None
    bytes: int = 0
    store: ImportReport = field(default_factory=ImportReport)
    error: str = ""
    at: object = None


@dataclass
class RunReport:
    dry_run: bool = False
    sources: list = field(default_factory=list)

    def count(self, status):
        return sum(1 for report in self.sources if report.status == status)

    @property
    def items(self):
        """What the run did to the articles, every source's report added up."""
        total = ImportReport(dry_run=self.dry_run)
        for report in self.sources:
            total.merge(report.store)
        return total

    @property
    def bytes(self):
        return sum(report.bytes for report in self.sources)


def backoff_delay(consecutive_errors):
    """1, 2, 4, 8... hours after each consecutive error, at most NEWSFEEDS_BACKOFF_MAX_HOURS."""
    hours = min(2 ** max(0, consecutive_errors - 1), conf.get("NEWSFEEDS_BACKOFF_MAX_HOURS"))
    return timedelta(hours=hours)


def _notify_editors(source, message):
    from home.roles import EDITORS

    recipients = list(
        Group.objects.filter(name=EDITORS)
        .values_list("user__email", flat=True)
        .exclude(user__email__isnull=True)
        .exclude(user__email="")
    )
    if recipients:
        send_mail(
            f"[Intranet] Flux en pause : {source.name}",
            f"{message}\n\nSource : {source.name}\nAdresse : {source.url}\n"
            "La source a été désactivée ; vérifiez l'adresse dans l'administration (Sources de flux).",
            None,
            recipients,
            fail_silently=True,
        )


def _record_error(source, error, now, report):
    source.consecutive_errors += 1
    source.last_error = str(error)[:2000]
    source.last_status = getattr(error, "status", None)
    retry_after = getattr(error, "retry_after", None)
    max_delay = timedelta(hours=conf.get("NEWSFEEDS_BACKOFF_MAX_HOURS"))
    if retry_after:
        delay = min(timedelta(seconds=retry_after), max_delay)
    else:
        delay = backoff_delay(source.consecutive_errors)
    source.next_attempt_at = now + delay
    if isinstance(error, Gone):
        source.active = False
        _notify_editors(source, str(error))
    report.status = "error"
    report.error = source.last_error
    report.http_status = source.last_status


def evaluate(source, outcome, *, force=False, dry_run=False, now=None):
    """Store the items of what fetching `source` gave (a FetchResult or an exception); update the
    source's health in memory only (see save_health)."""
    now = now or timezone.now()
    report = SourceReport(source=source, at=now)
    source.last_fetch_at = now
    try:
        if isinstance(outcome, Exception):
            raise outcome
        report.bytes = outcome.wire_bytes
        report.http_status = source.last_status = outcome.status
        if outcome.not_modified:
            report.status = "not_modified"
        else:
            body_hash = outcome.body_hash or hashlib.sha256(outcome.body).hexdigest()
            if body_hash == source.body_hash and not force:
                report.status = "unchanged"
            else:
                if source.channel_id is None:
                    raise FeedError("Aucun canal n'est choisi pour cette source.")
                feed = outcome.parsed  # parsed in the worker thread whenever the body changed
                if isinstance(feed, Exception):
                    raise feed
                report.store = store_items(source, source.channel, feed.items, dry_run=dry_run, now=now)
                report.store.warnings += feed.warnings
                report.status = "fetched"
                if not dry_run:
                    source.body_hash = body_hash
                    source.items_imported += report.store.created
        if not dry_run and (outcome.status == 200 or outcome.etag or outcome.last_modified):
            # A 304 often omits the validators: keep the ones we have.
            source.etag = outcome.etag[:500] or (source.etag if outcome.not_modified else "")
            source.last_modified = outcome.last_modified[:100] or (source.last_modified if outcome.not_modified else "")
        if outcome.permanent_url and not FeedSource.objects.filter(url=outcome.permanent_url).exists():
            source.url = outcome.permanent_url
        source.last_success_at = now
        source.consecutive_errors = 0
        source.next_attempt_at = None
        source.last_error = ""
    except (FetchError, FeedError) as error:
        _record_error(source, error, now, report)
    except Exception as error:
        logger.exception("Import de la source %s (%s) en échec", source.pk, source.url)
        _record_error(source, f"Erreur inattendue : {error.__class__.__name__}: {error}", now, report)
    return report


HEALTH_FIELDS = [
    "url", "active", "last_fetch_at", "last_success_at", "last_status", "etag", "last_modified", "body_hash",
    "consecutive_errors", "next_attempt_at", "last_error", "items_imported", "bytes_downloaded", "lease_until",
]  # fmt: skip


def save_health(reports):
    """Write the sources' health, their day counters and the end of their leases, in one commit."""
    counts = defaultdict(Counter)
    with transaction.atomic():
        for report in reports:
            source = report.source
            source.bytes_downloaded += report.bytes
            source.lease_until = None
            FeedSource.objects.filter(pk=source.pk).update(**{name: getattr(source, name) for name in HEALTH_FIELDS})
            counts[source.pk, timezone.localdate(report.at)].update(
                fetches=1,
                not_modified=int(report.status in {"not_modified", "unchanged"}),
                errors=int(report.status == "error"),
                new_items=report.store.created,
                bytes=report.bytes,
            )
        FeedFetchDay.record_many(counts)


def _fetch_source(source, force, now):
    """Fetch, then parse if the body changed; runs in a worker thread, without the database."""
    try:
        result = fetch(
            source.url,
            etag="" if force else source.etag,
            last_modified="" if force else source.last_modified,
        )
    except Exception as error:  # carried to the main thread and recorded on the source
        return error
    if result.status == 200:
        result.body_hash = hashlib.sha256(result.body).hexdigest()
        if force or result.body_hash != source.body_hash:
            try:
                result.parsed = parse_isolated(
                    result.body, url=result.url, content_type=result.headers.get("content-type", ""), now=now
                )
            except Exception as error:
                result.parsed = error
    return result


def run_import(sources, *, force=False, dry_run=False, workers=4, on_report=None):
    """Import these sources; return a RunReport. `on_report(report, done, total)` follows progress."""
    now = timezone.now()
    lease = conf.get("NEWSFEEDS_LEASE_MINUTES")
    run = RunReport(dry_run=dry_run)
    candidates = [
        source
        for source in sources
        if force or (source.active and not (source.next_attempt_at and source.next_attempt_at > now))
    ]
    candidate_pks = {source.pk for source in candidates}
    for source in sources:
        if source.pk not in candidate_pks:
            reason = (
                "source inactive"
                if not source.active
                else (
                    "en attente après erreur jusqu'au "
                    f"{timezone.localtime(source.next_attempt_at):%d/%m/%Y %H:%M} (--force pour passer outre)"
                )
            )
            run.sources.append(SourceReport(source=source, status="skipped", error=reason))
    claimed = FeedSource.claim_many(candidates, lease, now)
    held = {source.pk for source in claimed}
    for source in candidates:
        if source.pk not in held:
            run.sources.append(
                SourceReport(source=source, status="skipped", error="déjà en cours dans un autre import")
            )
    by_host = defaultdict(list)
    for source in claimed:
        by_host[source.host].append(source)
    results = queue.Queue()

    def worker(group):
        # Sources of one host are fetched one after the other: at most one request per host.
        for source in group:
            results.put((source, _fetch_source(source, force, now)))

    groups = list(by_host.values())
    threads = []
    pending = list(groups)
    lock = threading.Lock()

    def next_group():
        with lock:
            return pending.pop(0) if pending else None

    def loop():
        while (group := next_group()) is not None:
            worker(group)

    for _ in range(min(workers, len(groups))):
        thread = threading.Thread(target=loop, daemon=True)
        thread.start()
        threads.append(thread)
    # Health is written in batches: a run where nothing changed costs a few commits, not one per source.
    unsaved = []
    try:
        for done in range(1, len(claimed) + 1):
            source, outcome = results.get()
            report = evaluate(source, outcome, force=force, dry_run=dry_run)
            run.sources.append(report)
            if not dry_run:
                unsaved.append(report)
                if len(unsaved) >= HEALTH_BATCH:
                    save_health(unsaved)
                    unsaved = []
            if on_report:
                on_report(report, done, len(claimed))
    finally:
        if unsaved:
            save_health(unsaved)
        for thread in threads:
            thread.join()
        for source in claimed:
            if source.lease_until is not None:
                source.release()
    if run.items.created:
        refresh_title_norms(NewsItemPage)
    return run
