"""ISO 2709 reading: split a stream into records, validate their structure, decode their text.

We split on the record terminator ourselves rather than trusting each leader's length, so
that one broken leader costs one record, not the rest of the file. Each record is then
checked and turned into a pymarc Record in one pass: pymarc's own decoder is lenient about
exactly what we must reject (indicators, subfield codes) and trusts the leader's encoding
flag, which exports often get wrong; MARC-8 text goes through pymarc's MARC-8 table, and
ISO 5426 text (older UNIMARC exports, declared in 100 $a/26-29) through iso5426.py.
"""

import re
import unicodedata

import pymarc
from pymarc.marc8 import marc8_to_unicode

from . import iso5426

RECORD_TERMINATOR = b"\x1d"
FIELD_TERMINATOR = b"\x1e"
SUBFIELD_DELIMITER = b"\x1f"
# The leader gives a record's length in five digits.
MAX_RECORD_BYTES = 99_999
# Exports put line breaks or spaces between records.
_BLANKS = b"\r\n "
_LEADING_BLANKS = re.compile(rb"[\r\n ]*")
_VALID_CODES = set(b"0123456789abcdefghijklmnopqrstuvwxyz")
_VALID_INDICATORS = re.compile(rb"^[0-9a-z ]{2}$")
_VALID_TAG = re.compile(rb"^[0-9A-Za-z]{3}$")
# Bytes MARC-8 uses above ASCII: ANSEL (0xA1-0xFE) and the four C1 controls it defines.
_MARC8_HIGH = set(range(0xA1, 0xFF)) | {0x88, 0x89, 0x8D, 0x8E}
_MARC8_COMBINING = set(range(0xE0, 0xFF))


class StructureError(Exception):
    pass


def iter_raw_records(stream, block_size=1 << 16):
    """Yield (ordinal, byte offset, raw record) for each record, reading the stream in blocks.

    Each byte is searched once and the buffer never holds more than a record's maximum length
    (MAX_RECORD_BYTES) plus a block: a file without record terminators costs linear time and
    bounded memory. Bytes that run past the maximum length without a terminator are yielded once,
    cut at the maximum (the record is rejected as truncated), and skipped up to the next terminator.
    """
    buffer = bytearray()
    offset = 0  # file offset of buffer[0]
    ordinal = 0
    skipping = False
    while True:
        block = stream.read(block_size)
        if not block:
            break
        searched = len(buffer)
        buffer += block
        start = 0
        while (end := buffer.find(RECORD_TERMINATOR, max(start, searched))) >= 0:
            chunk = bytes(buffer[start : end + 1])
            if not skipping:
                stripped = chunk.lstrip(_BLANKS)
                if stripped.strip(RECORD_TERMINATOR + _BLANKS):
                    ordinal += 1
                    yield ordinal, offset + start + len(chunk) - len(stripped), stripped
            skipping = False
            start = end + 1
        start = _LEADING_BLANKS.match(buffer, start).end()
        del buffer[:start]
        offset += start
        if len(buffer) > MAX_RECORD_BYTES:
            if not skipping:
                ordinal += 1
                yield ordinal, offset, bytes(buffer[:MAX_RECORD_BYTES])
                skipping = True
            offset += len(buffer)
            buffer.clear()
    if not skipping and buffer.strip(_BLANKS + b"\x1a"):
        ordinal += 1
        yield ordinal, offset, bytes(buffer)


def _raw_field(chunk, tag):
    """The bytes of the first field `tag` (without its terminator), or None; ValueError/IndexError if broken."""
    base = int(chunk[12:17])
    directory = chunk[24 : base - 1]
    for i in range(0, len(directory) - 11, 12):
        if directory[i : i + 3] == tag:
            length, start = int(directory[i + 3 : i + 7]), int(directory[i + 7 : i + 12])
            return chunk[base + start : base + start + length - 1]
    return None


def raw_identifier(chunk):
    """Best-effort 001 of a record whose structure may be broken (for the rejection report)."""
    try:
        value = _raw_field(chunk, b"001")
        return value.decode("utf-8", "replace").strip()[:64] if value is not None else ""
    except (ValueError, IndexError):
        pass
    # A broken leader or directory: guess the 001 as the first short field after the directory.
    match = re.search(rb"\x1e([A-Za-z0-9\-_.:]{1,64})\x1e", chunk[:400])
    return match.group(1).decode("ascii") if match else ""


def _is_unimarc(chunk):
    """UNIMARC has its title in 200, MARC 21 in 245 (as the field maps decide, on the raw bytes)."""
    try:
        return _raw_field(chunk, b"200") is not None and _raw_field(chunk, b"245") is None
    except (ValueError, IndexError):
        return False


def _declares_iso5426(chunk):
    """UNIMARC 100 $a/26-29 names the record's character sets: "03" is ISO 5426 ("50" is Unicode)."""
    try:
        value = _raw_field(chunk, b"100")
    except (ValueError, IndexError):
        return False
    start = value.find(SUBFIELD_DELIMITER + b"a") if value else -1
    if start < 0:
        return False
    sets = value[start + 2 : start + 2 + 36][26:30]
    return sets[:2] != b"50" and b"03" in (sets[:2], sets[2:])


def _parse(chunk, text):
    """Check the structure and build the pymarc Record in one pass over the directory.

    Raises StructureError (in French) if the leader, directory, indicators or subfield codes
    are broken; `text` turns a field's bytes into Unicode.
    """
    if not chunk.endswith(RECORD_TERMINATOR):
        raise StructureError("notice tronquée (pas de fin de notice)")
    leader = chunk[:24]
    if len(leader) < 24 or not leader[:5].isdigit() or not leader[12:17].isdigit():
        raise StructureError("guide (leader) invalide")
    if int(leader[:5]) != len(chunk):
        raise StructureError(f"longueur annoncée {int(leader[:5])} ≠ longueur réelle {len(chunk)}")
    base = int(leader[12:17])
    if base <= 24 or base > len(chunk) or chunk[base - 1 : base] != FIELD_TERMINATOR:
        raise StructureError("adresse de base des données invalide")
    directory = chunk[24 : base - 1]
    if len(directory) % 12:
        raise StructureError("répertoire invalide")
    record = pymarc.Record(leader=leader.decode("ascii"), force_utf8=True)
    fields = record.fields
    for i in range(0, len(directory), 12):
        entry = directory[i : i + 12]
        tag_bytes = entry[:3]
        if not entry[3:].isdigit() or not _VALID_TAG.match(tag_bytes):
            raise StructureError(f"entrée de répertoire invalide n°{i // 12 + 1}")
        tag = tag_bytes.decode("ascii")
        length, start = int(entry[3:7]), int(entry[7:12])
        data = chunk[base + start : base + start + length]
        if len(data) != length or not data.endswith(FIELD_TERMINATOR):
            raise StructureError(f"champ {tag} hors des limites de la notice")
        if tag < "010" and tag.isdigit():
            fields.append(pymarc.Field(tag=tag, data=text(data[:-1])))
            continue
        parts = data[:-1].split(SUBFIELD_DELIMITER)
        indicators = parts[0]
        if len(indicators) != 2 or not _VALID_INDICATORS.match(indicators):
            raise StructureError(f"indicateurs invalides dans le champ {tag} : {indicators!r}")
        subfields = []
        for part in parts[1:]:
            if not part or part[0] not in _VALID_CODES:
                code = part[:1].decode("latin-1") if part else ""
                raise StructureError(f"sous-champ inconnu ${code!r} dans le champ {tag}")
            subfields.append(pymarc.Subfield(chr(part[0]), text(part[1:])))
        fields.append(pymarc.Field(tag=tag, indicators=[chr(indicators[0]), chr(indicators[1])], subfields=subfields))
    return record


def detect_encoding(chunk):
    """'utf-8', 'iso-5426' or 'marc-8', from the bytes themselves: the leader's flag is often wrong.

    A record that is not UTF-8 is ISO 5426 if its UNIMARC 100 $a declares it (and a byte ISO 5426
    does not define is then an error), or if its bytes fit ISO 5426 and either do not fit MARC-8
    or read better as ISO 5426 (iso5426.reads_better); else MARC-8 if they fit it.
    """
    if chunk.isascii():
        return "utf-8"
    try:
        chunk.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    iso_problem, marc8_problem = iso5426.problem(chunk), _marc8_problem(chunk)
    unimarc = _is_unimarc(chunk)
    if unimarc and _declares_iso5426(chunk):
        if iso_problem:
            raise StructureError(f"texte illisible : {iso_problem} (jeu déclaré en 100 $a)")
        return "iso-5426"
    if iso_problem is None and (marc8_problem or iso5426.reads_better(chunk, unimarc=unimarc)):
        return "iso-5426"
    if marc8_problem:
        raise StructureError(f"texte illisible : {marc8_problem}")
    return "marc-8"


def _marc8_problem(data):
    i = iso5426.first_misfit(data, _MARC8_HIGH, _MARC8_COMBINING)
    if i is None:
        return None
    if data[i] in _MARC8_COMBINING:
        return "diacritique MARC-8 sans lettre"
    return f"octet 0x{data[i]:02X} ni UTF-8 ni MARC-8 ni ISO 5426"


def _utf8(data):
    return data.decode("utf-8")


def _marc8(data):
    return unicodedata.normalize("NFC", marc8_to_unicode(data, hide_utf8_warnings=True))


def _iso5426(data):
    try:
        return iso5426.decode(data)
    except iso5426.DecodeError as error:
        raise StructureError(f"texte illisible : {error}") from None


_DECODERS = {"utf-8": _utf8, "marc-8": _marc8, "iso-5426": _iso5426}


def decode(chunk):
    """A pymarc Record with Unicode text, whatever the record's encoding and its leader/09 flag say."""
    encoding = detect_encoding(chunk)
    record = _parse(chunk, _DECODERS[encoding])
    # The text is Unicode now, whatever the leader said.
    record.leader = pymarc.Leader(str(record.leader)[:9] + "a" + str(record.leader)[10:])
    return record, encoding
