"""One entry point for every catalogue file: detect the format, read, decode, map.

`read_catalogue(stream, fmt)` yields one `Item` per record, good or bad, in file order, so
that the importer can report a bad record by its position and identifier and go on. ISO 2709
items are lazy: the importer compares their fingerprint with the stored one first, and only
decodes and maps the records that are new or changed.
"""

import csv
import hashlib
import multiprocessing
from dataclasses import dataclass

from ..choices import FORMAT_LABELS
from ..isbn import normalize_isbn
from . import marc21, unimarc
from .data import RecordData, RecordRejected
from .iso2709 import StructureError, decode, iter_raw_records, raw_identifier
from .tabular import iter_csv_records
from .xml import XmlSyntaxError, element_identifier, element_to_record, iter_xml_records

FORMATS = list(FORMAT_LABELS)
MAPS = {"unimarc": unimarc.map_record, "marc21": marc21.map_record}


# Part of every ISO 2709 record's fingerprint: change it when a field map changes, so that the
# next import rewrites the records that the old map stored.
MAP_VERSION = b"library-maps-1\n"


@dataclass
class Item:
    position: int
    identifier: str = ""
    offset: int | None = None
    data: RecordData | None = None
    error: str = ""
    encoding: str = ""
    fatal: bool = False  # the rest of the file could not be read
    raw_hash: str = ""  # fingerprint of the record's bytes, known before decoding it

    def load(self):
        """Decode and map the record (already done for XML); sets `data` or `error`."""
        return self

    @property
    def content_hash(self):
        return self.raw_hash or self.data.content_hash()

    @property
    def where(self):
        where = f"notice n°{self.position}"
        if self.offset is not None:
            where += f" (octet {self.offset})"
        if self.identifier:
            where += f", identifiant {self.identifier}"
        return where


class LazyItem(Item):
    """An ISO 2709 record that is only decoded if the importer needs it: an unchanged record never is."""

    def __init__(self, *, chunk, guess, **fields):
        super().__init__(**fields)
        self._chunk = chunk
        self._guess = guess

    def load(self):
        if self._chunk is not None:
            self._set(_decode_and_map(self._chunk, self._guess))
        return self

    def _set(self, decoded):
        self._chunk = None
        self.data, self.encoding, self.error, flavour = decoded
        if flavour:
            self._guess.seen = flavour


def _decode_and_map(chunk, guess):
    """(data, encoding, error, flavour decided) for one ISO 2709 record."""
    try:
        record, encoding = decode(chunk)
        return _map(record, guess), encoding, "", guess.seen
    except (StructureError, RecordRejected) as error:
        return None, "", str(error), guess.seen
    except _Undecided:
        raise
    except Exception as error:  # pymarc raises many kinds; one bad record must not stop the file
        return None, "", f"notice illisible ({type(error).__name__}: {error})", guess.seen


class _Undecided(Exception):
    """A record whose flavour only the previous record's can tell: decided in file order, not in a worker."""


def _decode_in_worker(task):
    chunk, forced = task
    guess = FlavourGuesser(forced, fallback=False)
    try:
        return _decode_and_map(chunk, guess)
    except _Undecided:
        return None


class ParallelDecoder:
    """Decodes and maps ISO 2709 records in worker processes, a batch ahead of the importer.

    Decoding and mapping are most of an import's Python time and each record's are independent;
    the workers do them while the importer stores the previous batch and the database indexes
    it. Results are applied in file order, so that a record whose flavour is guessed from the
    previous one's (see FlavourGuesser) is decoded here, as without workers. The workers are
    forked: they start at once and need nothing else of the importing process (spawned ones would
    import its main module again); they leave with os._exit, never closing its database connection.
    """

    def __init__(self, workers):
        self.pool = multiprocessing.get_context("fork").Pool(workers)

    def submit(self, items):
        """Start decoding the items not decoded yet; returns what `finish` needs."""
        lazy = [item for item in items if isinstance(item, LazyItem) and item._chunk is not None]
        tasks = [(item._chunk, item._guess.forced) for item in lazy]
        return lazy, self.pool.map_async(_decode_in_worker, tasks, chunksize=max(1, len(tasks) // 8))

    @staticmethod
    def finish(job):
        lazy, pending = job
        for item, decoded in zip(lazy, pending.get(), strict=True):
            if decoded is None:
                item.load()
            else:
                item._set(decoded)

    def close(self):
        self.pool.close()
        self.pool.join()


def sniff_container(stream):
    """'xml', 'iso2709' or 'csv', from the first bytes (the stream must support peek or seek)."""
    head = stream.peek(512)[:512] if hasattr(stream, "peek") else stream.read(512)
    if not hasattr(stream, "peek"):
        stream.seek(0)
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return "xml"
    first_line = head.split(b"\n", 1)[0].lower()
    if not head[:5].isdigit() and b"titre" in first_line and (b";" in first_line or b"," in first_line):
        return "csv"
    return "iso2709"


class FlavourGuesser:
    """UNIMARC or MARC 21, per record: by its title field (200 or 245), else by its coded data."""

    def __init__(self, forced, *, fallback=True):
        self.forced = forced if forced in MAPS else None
        self.fallback = fallback  # False in a worker process, which does not know the previous record
        self.seen = None

    def __call__(self, record):
        if self.forced:
            return self.forced
        tags = {field.tag for field in record.get_fields()}
        if "200" in tags and "245" not in tags:
            flavour = "unimarc"
        elif "245" in tags and "200" not in tags:
            flavour = "marc21"
        elif "008" in tags:
            flavour = "marc21"
        elif "100" in tags and len(unimarc.first(record.get("100"), "a")) >= 30:
            flavour = "unimarc"
        elif not self.fallback:
            raise _Undecided
        else:
            flavour = self.seen
        if flavour is None:
            raise RecordRejected("format non reconnu (ni 200 UNIMARC ni 245 MARC 21)")
        self.seen = flavour
        return flavour


def _normalized_isbns(values):
    isbns = []
    for raw in values:
        isbn = normalize_isbn(raw)
        if isbn and isbn not in isbns:
            isbns.append(isbn)
    return isbns


def _map(record, guess):
    data = MAPS[guess(record)](record)
    data.isbns = _normalized_isbns(data.isbns)
    return data


def read_catalogue(stream, fmt="auto"):
    """Yield an Item per record of a binary stream in ISO 2709 or XML (MARCXML, MarcXchange)."""
    guess = FlavourGuesser(fmt)
    container = sniff_container(stream) if fmt == "auto" else {"marcxml": "xml", "csv": "csv"}.get(fmt)
    if container is None:
        container = "xml" if sniff_container(stream) == "xml" else "iso2709"
    if container == "xml":
        yield from _read_xml(stream, guess)
    elif container == "csv":
        yield from _read_csv(stream)
    else:
        yield from _read_iso2709(stream, guess)


def _read_iso2709(stream, guess):
    for ordinal, offset, chunk in iter_raw_records(stream):
        yield LazyItem(position=ordinal, offset=offset, identifier=raw_identifier(chunk),
                       raw_hash=hashlib.sha1(MAP_VERSION + chunk, usedforsecurity=False).hexdigest(),
                       chunk=chunk, guess=guess)


def _read_csv(stream):
    position = 0
    try:
        for position, identifier, data, error in iter_csv_records(stream):
            if data is not None:
                data.isbns = _normalized_isbns(data.isbns)
            yield Item(position=position, identifier=identifier, data=data, error=error, encoding="utf-8")
    except (RecordRejected, csv.Error) as error:
        yield Item(position=position + 1, error=str(error), fatal=True)


def _read_xml(stream, guess):
    ordinal = 0
    try:
        for ordinal, element in iter_xml_records(stream):
            item = Item(position=ordinal, identifier=element_identifier(element), encoding="utf-8")
            try:
                item.data = _map(element_to_record(element), guess)
            except (StructureError, RecordRejected) as error:
                item.error = str(error)
            except Exception as error:  # noqa: BLE001 - same reason as above
                item.error = f"notice illisible ({type(error).__name__}: {error})"
            yield item
    except XmlSyntaxError as error:
        yield Item(position=ordinal + 1, error=str(error), fatal=True)
