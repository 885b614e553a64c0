"""Store what the MARC readers produce: batched, idempotent, with a report.

read (marc/reader.py) → validate and map (marc/) → store in batches (here) → report.

A record is matched on its identifier (001), else on its ISBN; a record whose content hash
has not changed is not written at all, so re-importing the nightly export of an unchanged
catalogue costs reads only. `withdraw_missing` hides (never deletes) the records that a full
export no longer contains.
"""

import os
import time
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from mairie_site.bulk import among, insert_rows, insert_rows_returning_pks

from .generation import bump_generation
from .marc.reader import ParallelDecoder, read_catalogue
from .models import BibliographicRecord, CatalogueImport, Copy, RecordAuthor, RecordSubject
from .models.imports import catalogue_report
from .models.records import availability_of, index_fields

RECORD_FIELDS = [
    "record_id", "isbn", "isbns", "title", "subtitle", "responsibility", "edition", "publisher", "place",
    "year", "collation", "series", "summary", "dewey", "language", "document_type", "url", "cover_url",
    "acquired_on", "availability", "withdrawn", "source_format", "title_sort", "authors_text", "subjects_text",
    "search_text", "content_hash", "updated_at",  # updated_at last: _insert_records relies on it
]
# Worker processes decoding ISO 2709 records when a file has more than one batch: one core is
# left to the importer and the database.
DECODE_WORKERS = max(1, min(4, (os.cpu_count() or 2) - 1))


def _date(value):
    return date.fromisoformat(value) if value else None


def _record_values(data, digest, now):
    derived = index_fields(
        title=data.title, subtitle=data.subtitle, responsibility=data.responsibility, series=data.series,
        publisher=data.publisher, summary=data.summary, isbns=data.isbns,
        authors=[name for name, _role in data.authors], subjects=data.subjects,
    )
    acquisitions = [c.acquired_on for c in data.copies if c.acquired_on]
    return {
        "record_id": data.record_id,
        "title": data.title[:500],
        "subtitle": data.subtitle[:500],
        "responsibility": data.responsibility[:500],
        "edition": data.edition[:200],
        "publisher": data.publisher[:200],
        "place": data.place[:200],
        "year": data.year,
        "collation": data.collation[:300],
        "series": data.series[:300],
        "summary": data.summary,
        "dewey": data.dewey[:30],
        "language": data.language[:3],
        "document_type": data.document_type,
        "url": data.url[:500],
        "cover_url": data.cover_url[:500],
        "acquired_on": _date(min(acquisitions)) if acquisitions else None,
        "availability": availability_of({c.status for c in data.copies}),
        "withdrawn": False,
        "source_format": data.source_format,
        "content_hash": digest,
        "updated_at": now,
        **derived,
    }


def _insert_records(values, now):
    """Insert new records; their primary keys, in the same order.

    The ORM's bulk_create builds a model instance and prepares every value of every record:
    half the time of a first import. The values here are already plain (strings, numbers,
    dates); only the timestamps need the backend's own form, computed once.
    """
    stamp = BibliographicRecord._meta.get_field("created_at").get_db_prep_save(now, connection)
    rows = [(*(record[name] for name in RECORD_FIELDS[:-1]), stamp, stamp) for record in values]
    return insert_rows_returning_pks(BibliographicRecord, [*RECORD_FIELDS, "created_at"], rows)


class CatalogueImporter:
    def __init__(self, *, dry_run=False, withdraw_missing=False, batch_size=500, progress=None,
                 decode_workers=DECODE_WORKERS):
        self.dry_run = dry_run
        self.withdraw_missing = withdraw_missing
        self.batch_size = batch_size
        self.progress = progress
        self.decode_workers = decode_workers
        self.decoder = None
        self.report = catalogue_report(dry_run=dry_run)
        self.seen_pks = set()
        self.seen_ids = {}
        self.seen_isbns = {}
        self.passed_on = set()
        self.rejected_ids = set()
        self.rejected_without_id = 0
        self.file_complete = True

    def run(self, stream, fmt="auto"):
        started = time.monotonic()
        with transaction.atomic():
            self._run(stream, fmt)
            if self.dry_run:
                transaction.set_rollback(True)
            elif self.report.created or self.report.updated or self.report.removed:
                bump_generation()
        self.report.duration = time.monotonic() - started
        return self.report

    def _batches(self, stream, fmt):
        batch = []
        for item in read_catalogue(stream, fmt):
            if item.fatal:
                self.file_complete = False
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def _run(self, stream, fmt):
        """Store batch after batch; from the second one on, the next batch is decoded meanwhile."""
        pending = None
        try:
            for batch in self._batches(stream, fmt):
                batch = self._skip_unchanged(batch)
                if pending is not None and self.decode_workers and self.decoder is None:
                    self.decoder = ParallelDecoder(self.decode_workers)
                job = self.decoder.submit(batch) if self.decoder else None
                if pending is not None:
                    self._store(*pending)
                pending = (batch, job)
            if pending is not None:
                self._store(*pending)
        except BaseException:
            if self.decoder:
                self.decoder.pool.terminate()
            raise
        finally:
            if self.decoder:
                self.decoder.close()
        if self.withdraw_missing:
            self._withdraw_missing()
        if connection.vendor == "postgresql" and self.report.created + self.report.updated >= 1000:
            # Fresh planner statistics, or the first searches after a big import scan whole tables.
            with connection.cursor() as cursor:
                for model in (BibliographicRecord, RecordAuthor, RecordSubject, Copy):
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        if self.progress:
            self.progress(self.report)

    def _reject(self, item, reason):
        self.report.reject(item.where, reason)
        if item.identifier:
            self.rejected_ids.add(item.identifier)
        else:
            self.rejected_without_id += 1

    def _store(self, items, job):
        if job:
            self.decoder.finish(job)
        with transaction.atomic():
            self._store_batch(items)
        if self.progress:
            self.progress(self.report)

    def _skip_unchanged(self, items):
        """Count the records whose fingerprint is the stored one, without decoding them; return the others.

        This runs a batch ahead of storing: an identifier already passed on (`self.passed_on`)
        may not be stored yet, so a later copy of it is passed on too, to be reported as a duplicate.
        """
        ids = [item.identifier for item in items if item.identifier and item.raw_hash]
        if not ids:
            return items
        current = BibliographicRecord.objects.filter(among(BibliographicRecord, "record_id", ids), withdrawn=False)
        stored = dict(current.values_list("record_id", "content_hash"))
        rest = []
        for item in items:
            known = stored.get(item.identifier)
            if (known and known == item.raw_hash and item.identifier not in self.seen_ids
                    and item.identifier not in self.passed_on):
                self.seen_ids[item.identifier] = item.position
                self.report.unchanged += 1
            else:
                rest.append(item)
                if item.identifier:
                    self.passed_on.add(item.identifier)
        return rest

    def _duplicate_of(self, data):
        if data.record_id and data.record_id in self.seen_ids:
            return f"identifiant en double (déjà vu en notice n°{self.seen_ids[data.record_id]})"
        if not data.record_id:
            for isbn in data.isbns[:1]:
                if isbn in self.seen_isbns:
                    return f"ISBN en double sans identifiant (déjà vu en notice n°{self.seen_isbns[isbn]})"
        return ""

    def _store_batch(self, items):
        now = timezone.now()
        unique = []
        for item in self._skip_unchanged(items):
            if item.load().error:
                self._reject(item, item.error)
                continue
            duplicate = self._duplicate_of(item.data)
            if duplicate:
                self._reject(item, duplicate)
                continue
            if item.data.record_id:
                self.seen_ids[item.data.record_id] = item.position
            for isbn in item.data.isbns[:1]:
                self.seen_isbns.setdefault(isbn, item.position)
            unique.append(item)

        ids = [i.data.record_id for i in unique if i.data.record_id]
        columns = ("pk", "record_id", "isbn", "content_hash", "withdrawn")
        by_record_id = among(BibliographicRecord, "record_id", ids)
        by_id = {r.record_id: r for r in BibliographicRecord.objects.filter(by_record_id).only(*columns)}
        isbns = [i.data.isbns[0] for i in unique if i.data.isbns and i.data.record_id not in by_id]
        by_isbn = {}
        if isbns:
            with_isbn = among(BibliographicRecord, "isbn", isbns)
            for record in BibliographicRecord.objects.filter(with_isbn).only(*columns).order_by("pk"):
                by_isbn.setdefault(record.isbn, record)

        to_create, to_update = [], []
        for item in unique:
            data = item.data
            existing = by_id.get(data.record_id) if data.record_id else None
            if existing is None and data.isbns:
                candidate = by_isbn.get(data.isbns[0])
                # An ISBN match only counts if it cannot be another record of the library system.
                if candidate and (not candidate.record_id or not data.record_id):
                    existing = candidate
            if existing is not None and existing.pk in self.seen_pks:
                self._reject(item, "correspond à une notice déjà importée dans ce fichier")
                continue
            digest = item.content_hash
            if existing is None:
                to_create.append((data, _record_values(data, digest, now)))
                continue
            self.seen_pks.add(existing.pk)
            if existing.content_hash == digest and not existing.withdrawn:
                self.report.unchanged += 1
                continue
            record = BibliographicRecord(pk=existing.pk, **_record_values(data, digest, now))
            if not data.record_id:
                record.record_id = existing.record_id
            to_update.append((data, record))

        if to_create:
            pks = _insert_records([values for _data, values in to_create], now)
            self.seen_pks.update(pks)
            self.report.created += len(pks)
            self._create_children([(data, pk) for (data, _values), pk in zip(to_create, pks, strict=True)])
        if to_update:
            BibliographicRecord.objects.bulk_update([record for _data, record in to_update], RECORD_FIELDS)
            pks = [record.pk for _data, record in to_update]
            RecordAuthor.objects.filter(record_id__in=pks).delete()
            RecordSubject.objects.filter(record_id__in=pks).delete()
            Copy.objects.filter(record_id__in=pks).delete()
            self.report.updated += len(to_update)
            self._create_children([(data, record.pk) for data, record in to_update])

    def _create_children(self, pairs):
        """Insert authors, subjects and copies with one `insert_rows` per table.

        These rows outnumber the records three to one and carry no logic of their own; going
        around the ORM's per-object preparation roughly halves the time of a first import.
        """
        authors, subjects, copies = [], [], []
        for data, pk in pairs:
            for order, (name, role) in enumerate(data.authors):
                authors.append((pk, order, name[:255], role[:10]))
            for order, label in enumerate(data.subjects):
                subjects.append((pk, order, label[:255]))
            for order, copy in enumerate(data.copies):
                copies.append((pk, order, copy.barcode[:50], copy.branch[:100], copy.location[:100],
                               copy.call_number[:100], copy.status, _date(copy.due_date), _date(copy.acquired_on),
                               copy.copy_type[:50]))
        for model, columns, rows in [
            (RecordAuthor, ["record_id", "sort_order", "name", "role"], authors),
            (RecordSubject, ["record_id", "sort_order", "label"], subjects),
            (Copy, ["record_id", "sort_order", "barcode", "branch", "location", "call_number", "status",
                    "due_date", "acquired_on", "copy_type"], copies),
        ]:
            if rows:
                insert_rows(model, columns, rows)

    def _withdraw_missing(self):
        if not self.file_complete:
            self.report.warnings.append("Fichier incomplet : aucune notice n'a été retirée.")
            return
        if self.rejected_without_id:
            self.report.warnings.append(
                f"{self.rejected_without_id} notice(s) rejetée(s) sans identifiant : "
                "aucune notice n'a été retirée, par prudence."
            )
            return
        active = BibliographicRecord.objects.filter(withdrawn=False).values_list("pk", "record_id")
        missing = [pk for pk, record_id in active.iterator(chunk_size=5000)
                   if pk not in self.seen_pks and record_id not in self.seen_ids and record_id not in self.rejected_ids]
        now = timezone.now()
        for start in range(0, len(missing), 500):
            BibliographicRecord.objects.filter(pk__in=missing[start : start + 500]).update(
                withdrawn=True, content_hash="", updated_at=now
            )
        self.report.removed = len(missing)


def import_catalogue(stream, *, fmt="auto", dry_run=False, withdraw_missing=False, filename="", user=None,
                     progress=None, batch_size=500, decode_workers=DECODE_WORKERS, entry=None):
    """Import a catalogue file and keep its report in `entry` (a new CatalogueImport if None).

    Returns (report, entry).
    """
    importer = CatalogueImporter(dry_run=dry_run, withdraw_missing=withdraw_missing, progress=progress,
                                 batch_size=batch_size, decode_workers=decode_workers)
    report = importer.run(stream, fmt)
    if entry is None:
        entry = CatalogueImport(user=user, filename=filename[:255], file_format=fmt, dry_run=dry_run,
                                withdraw_missing=withdraw_missing)
    entry.record(report)
    return report, entry
