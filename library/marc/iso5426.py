"""ISO 5426 (extended Latin for bibliographic use), the character set of older UNIMARC exports.

UNIMARC declares it in field 100 $a, positions 26-29 ("0103": ISO 646 then ISO 5426). Like
MARC-8, it writes an accented letter as its diacritic(s) first, then the letter; unlike MARC-8,
the diacritics are 0xC0-0xDF and the spacing characters (Æ, Œ, ß…) 0xA1-0xBF and 0xE1-0xFC.
pymarc has no ISO 5426 table; this one follows the standard's code chart.
"""

import unicodedata
from itertools import pairwise

# Non-spacing diacritics, written before the letter they modify.
COMBINING = {
    0xC0: "\u0309",  # hook above
    0xC1: "\u0300",  # grave
    0xC2: "\u0301",  # acute
    0xC3: "\u0302",  # circumflex
    0xC4: "\u0303",  # tilde
    0xC5: "\u0304",  # macron
    0xC6: "\u0306",  # breve
    0xC7: "\u0307",  # dot above
    0xC8: "\u0308",  # diaeresis
    0xC9: "\u0308",  # umlaut (the same mark in Unicode)
    0xCA: "\u030A",  # ring above
    0xCB: "\u0315",  # comma above right
    0xCC: "\u0312",  # turned comma above
    0xCD: "\u030B",  # double acute
    0xCE: "\u031B",  # horn
    0xCF: "\u030C",  # caron
    0xD0: "\u0327",  # cedilla
    0xD1: "\u031C",  # left half ring below
    0xD2: "\u0326",  # comma below
    0xD3: "\u0328",  # ogonek
    0xD4: "\u0325",  # ring below
    0xD5: "\u032E",  # breve below
    0xD6: "\u0323",  # dot below
    0xD7: "\u0324",  # diaeresis below
    0xD8: "\u0332",  # low line
    0xD9: "\u0333",  # double low line
    0xDA: "\u0329",  # vertical line below
    0xDB: "\u032D",  # circumflex below
    0xDD: "\uFE20",  # ligature, left half
    0xDE: "\uFE21",  # ligature, right half
    0xDF: "\uFE23",  # double tilde, right half
}

SPACING = {
    0x88: "\x88", 0x89: "\x89",  # non-sorting markers (ISO 6630), removed from display text by clean()
    0xA1: "¡", 0xA2: "„", 0xA3: "£", 0xA4: "$", 0xA5: "¥", 0xA6: "†", 0xA7: "§", 0xA8: "′",
    0xA9: "‘", 0xAA: "“", 0xAB: "«", 0xAC: "♭", 0xAD: "©", 0xAE: "℗", 0xAF: "®",
    0xB0: "ʻ", 0xB1: "ʼ", 0xB2: "‚", 0xB6: "‡", 0xB7: "·", 0xB8: "″", 0xB9: "’", 0xBA: "”",
    0xBB: "»", 0xBC: "♯", 0xBD: "ʹ", 0xBE: "ʺ", 0xBF: "¿",
    0xE1: "Æ", 0xE2: "Đ", 0xE6: "Ĳ", 0xE8: "Ł", 0xE9: "Ø", 0xEA: "Œ", 0xEC: "Þ",
    0xF1: "æ", 0xF2: "đ", 0xF3: "ð", 0xF5: "ı", 0xF6: "ĳ", 0xF8: "ł", 0xF9: "ø", 0xFA: "œ",
    0xFB: "ß", 0xFC: "þ",
}


_LETTERS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ISO_LETTERS = frozenset([0xEA, 0xFA, 0xF1, 0xFB])  # Œ œ æ ß, which MARC-8 reads as diacritics
_DELIMITERS = frozenset([0x1D, 0x1E, 0x1F])
_DEFINED = frozenset(COMBINING) | frozenset(SPACING)


class DecodeError(ValueError):
    pass


def decode(data):
    """Unicode (NFC) for ISO 5426 bytes; DecodeError (in French) on a byte the set does not define."""
    out = []
    marks = []
    for byte in data:
        if byte in COMBINING:
            marks.append(COMBINING[byte])
            continue
        if byte < 0x80:
            char = chr(byte)
        elif byte in SPACING:
            char = SPACING[byte]
        else:
            raise DecodeError(f"octet 0x{byte:02X} hors du jeu ISO 5426")
        out.append(char)
        out.extend(marks)
        marks.clear()
    if marks:
        raise DecodeError("diacritique ISO 5426 sans lettre")
    return unicodedata.normalize("NFC", "".join(out))


def first_misfit(data, defined, combining):
    """Index of the first byte that keeps `data` out of a set whose diacritics precede their letter
    (ISO 5426, MARC-8): a byte above ASCII the set does not define, or a diacritic with no letter
    after it. None if every byte fits."""
    for i, byte in enumerate(data):
        if byte < 0x80:
            continue
        if byte not in defined:
            return i
        if byte in combining and (i + 1 >= len(data) or data[i + 1] in _DELIMITERS):
            return i
    return None


def problem(data):
    """Why these bytes are not ISO 5426 (in French), or None if they may be."""
    i = first_misfit(data, _DEFINED, COMBINING)
    if i is None:
        return None
    return "diacritique ISO 5426 sans lettre" if data[i] in COMBINING else f"octet 0x{data[i]:02X} hors du jeu ISO 5426"


def reads_better(data, *, unimarc):
    """Whether bytes that fit both ISO 5426 and MARC-8 are more likely ISO 5426 (nothing declared).

    Counts diacritic-then-letter pairs in each set's diacritic range, leaving out the bytes the
    other set uses for letters often followed by letters (MARC-8's ß 0xC7; ISO 5426's Œ, œ, æ, ß).
    A tie goes to the set of the record's flavour: ISO 5426 for UNIMARC, MARC-8 for MARC 21.
    """
    iso = marc8 = 0
    for byte, following in pairwise(data):
        if following in _LETTERS:
            if 0xC0 <= byte <= 0xDF and byte != 0xC7:
                iso += 1
            elif 0xE0 <= byte <= 0xFE and byte not in _ISO_LETTERS:
                marc8 += 1
    return iso > marc8 or (iso == marc8 and unimarc)
