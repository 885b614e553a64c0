"""Telephone numbers as dialable URIs (RFC 3966), for `tel:` links and vCards."""

import re

_DIGITS = re.compile(r"\d+")


def tel_uri(number, extension=""):
    """'01 49 71 12 34' → 'tel:+33149711234'; a 10-digit French number gets the +33 prefix."""
    if not number:
        return ""
    digits = "".join(_DIGITS.findall(number))
    if not digits:
        return ""
    if number.strip().startswith("+"):
        e164 = "+" + digits
    elif digits.startswith("00"):
        e164 = "+" + digits[2:]
    elif len(digits) == 10 and digits.startswith("0"):
        e164 = "+33" + digits[1:]
    else:
        e164 = digits
    uri = f"tel:{e164}"
    if extension:
        uri += f";ext={extension}"
    return uri
