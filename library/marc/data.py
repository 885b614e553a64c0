"""What a field map produces: plain data, independent of MARC and of the database."""

import hashlib
import json
from dataclasses import dataclass, field


class RecordRejected(Exception):
    """A record that cannot be imported; the message says why, in French, for the librarian."""


@dataclass
class CopyData:
    barcode: str = ""
    branch: str = ""
    location: str = ""
    call_number: str = ""
    status: str = ""
    due_date: str = ""  # ISO date or ""
    acquired_on: str = ""  # ISO date or ""
    copy_type: str = ""


@dataclass
class RecordData:
    record_id: str = ""
    isbns: list = field(default_factory=list)
    title: str = ""
    subtitle: str = ""
    responsibility: str = ""
    edition: str = ""
    publisher: str = ""
    place: str = ""
    year: int | None = None
    collation: str = ""
    series: str = ""
    summary: str = ""
    dewey: str = ""
    language: str = ""
    document_type: str = ""
    url: str = ""
    cover_url: str = ""
    authors: list = field(default_factory=list)  # [(name, role code)]
    subjects: list = field(default_factory=list)  # [label]
    copies: list = field(default_factory=list)  # [CopyData]
    source_format: str = ""

    def content_hash(self):
        """A fingerprint of everything stored for the record: equal hashes mean nothing to write."""
        values = dict(vars(self), copies=[vars(copy) for copy in self.copies])
        payload = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha1(payload.encode("utf-8"), usedforsecurity=False).hexdigest()
