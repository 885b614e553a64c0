"""Make imported HTML and links safe for an agent's browser and respectful of their privacy.

Everything imported goes through nh3 with an allowlist before it is stored: Wagtail's
`|richtext` filter does not sanitize. Images are not in the allowlist: an imported item must
never make an agent's browser load a third-party resource (tracking pixels included).
"""

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import nh3

from core.text import DROPPED_WITH_CONTENT

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "dl", "dt", "em", "figcaption", "figure",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "q", "s", "small", "strong", "sub",
    "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto"}
TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "xtor",
    "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "wt_mc", "ncid", "ref_src",
}  # fmt: skip
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "hsa_")


def is_tracking_param(name):
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def clean_url(url):
    """An http(s) URL without tracking parameters, or "" if it is not a web address."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return ""
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k)]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, urlencode(query), parts.fragment))


def _link_filter(base):
    def filter_attribute(tag, attribute, value):
        if tag == "a" and attribute == "href":
            if value.lower().startswith("mailto:"):
                return value
            # Relative links are resolved here (cheaper than feedparser's own HTML pass).
            return clean_url(urljoin(base, value) if base else value) or None
        return value

    return filter_attribute


def clean_html(fragment, base=""):
    """Sanitized HTML for a rich-text field: allowlisted tags, safe absolute links, no images."""
    if not fragment:
        return ""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_link_filter(base),
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


