"""ISO 5426, the character set of older UNIMARC exports: diacritics before the letter, NFC out."""

import pytest

from library.marc import iso5426


def test_french_letters_come_out_composed():
    assert iso5426.decode(b"\xc2Ecole \xc1a \xd0ca \xc3etre na\xc8if \xfauvre \xeaUVRE") == \
        "École à ça être naïf œuvre ŒUVRE"


def test_two_diacritics_on_one_letter_follow_the_letter_in_their_order():
    assert iso5426.decode(b"\xc8\xc2u") == "\u01d8"  # ǘ: u, diaeresis, acute


def test_spacing_characters_of_the_set():
    assert iso5426.decode(b"\xabStra\xfbe\xbb \xe1 \xe9 \xf8") == "«Straße» Æ Ø ł"


@pytest.mark.parametrize("data, reason", [(b"abc\xc2", "diacritique ISO 5426 sans lettre"),
                                          (b"a\xe0b", "octet 0xE0 hors du jeu ISO 5426"),
                                          (b"\x90", "octet 0x90 hors du jeu ISO 5426")])
def test_what_the_set_does_not_define_is_an_error_saying_why(data, reason):
    with pytest.raises(iso5426.DecodeError, match=reason):
        iso5426.decode(data)


def test_french_text_is_told_from_marc8_by_its_diacritics_range():
    assert iso5426.reads_better(b"\xc2ecole \xc1a la \xc2et\xc2e", unimarc=False)
    assert not iso5426.reads_better(b"\xe2ecole \xe1a la \xe2et\xe2e", unimarc=True)  # the same in MARC-8


def test_letters_one_set_writes_before_letters_are_no_evidence_for_the_other():
    assert iso5426.reads_better(b"Le c\xfaur de ma s\xfaur, d\xc2ej\xc1a", unimarc=False)  # œ is 0xFA
    assert not iso5426.reads_better(b"Gro\xc7e", unimarc=False)  # MARC-8's ß is 0xC7


def test_a_tie_goes_to_the_records_flavour():
    assert iso5426.reads_better(b"Gro\xc7e", unimarc=True)
    assert not iso5426.reads_better(b"Gro\xc7e", unimarc=False)


@pytest.mark.parametrize("data, reason", [(b"a\xe0b", "octet 0xE0 hors du jeu ISO 5426"),
                                          (b"ab\xc2\x1fc", "diacritique ISO 5426 sans lettre"),
                                          (b"\xc2e \xfa", None)])
def test_problem_says_why_bytes_are_not_iso5426(data, reason):
    assert iso5426.problem(data) == reason
