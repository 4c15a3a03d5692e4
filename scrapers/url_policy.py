"""Which URL a crawl should request for a link, and which links are spider traps. Pure URL logic.

Sites print endless variants of their pages: session ids and tracking parameters on every link
(`?PHPSESSID=`, `utm_*`), the same query in another order, `?replytocom=N` on every reply link,
`?share=...`, AMP and print views, and calendar archives that go back forever. `clean_url` strips
what never changes the page (tracking, session ids); `trap_kind` names what a crawl must not
request in place of an article or a listing page. The spider counts both (`spiders.trap_filter`).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters that name the visitor or the campaign, never the page (lower-cased names).
SESSION_PARAMS = frozenset({"phpsessid", "sessionid", "session_id", "jsessionid"})
# Session ids only when the value is token-long: PHP-Nuke's `?sid=123` names a story.
TOKEN_SESSION_PARAMS = frozenset({"sid", "s_id"})
_TOKEN = re.compile(r"^[A-Za-z0-9,-]{16,}$")
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "_ga", "_gl",
    "_hsenc", "_hsmi", "igshid", "relatedposts_hit", "relatedposts_origin", "relatedposts_position",
})
TRACKING_PREFIXES = ("utm_",)
# Views of a page that is crawled anyway under its own URL (query names, then path endings).
VARIANT_PARAMS = {"replytocom": "replytocom", "share": "share", "amp": "amp", "print": "print",
                  "output": "amp"}
_VARIANT_PATH = re.compile(r"/(amp|print)/?$")
# Month and day archives: /2019/11/, /2019/11/05/ (and their /page/N/), or ?m=YYYYMM[DD]. Not a
# bare /2019/: numeric permalinks (`/archives/%post_id%`) look the same.
_DATE_ARCHIVE_PATH = re.compile(r"/(19|20)\d\d/(0?[1-9]|1[0-2])(/\d\d)?/?(page/\d+/?)?$")
_DATE_ARCHIVE_QUERY = re.compile(r"^\d{4,14}$")
_JSESSIONID_PATH = re.compile(r";jsessionid=[^/?#]*", re.I)


def clean_url(url: str) -> tuple[str, str | None]:
    """`url` without session ids and tracking parameters (other parameters keep their order, the
    fragment goes), and what was dropped: 'session', 'tracking' or None.

    >>> clean_url("https://e.org/a/?utm_source=rss&p=5&PHPSESSID=ab12#comments")
    ('https://e.org/a/?p=5', 'session')
    >>> clean_url("https://e.org/a/?p=5")
    ('https://e.org/a/?p=5', None)
    """
    parts = urlsplit(url)
    path = _JSESSIONID_PATH.sub("", parts.path)
    dropped = "session" if path != parts.path else None
    kept: list[tuple[str, str]] = []
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        kind = _param_kind(name, value)
        if kind is None:
            kept.append((name, value))
        elif dropped != "session":
            dropped = kind
    if dropped is None:
        return urlunsplit(parts._replace(fragment="")), None
    return urlunsplit(parts._replace(path=path, query=urlencode(kept), fragment="")), dropped


def canonical_key(url: str) -> str:
    """A key equal for every spelling of the same page: cleaned, query sorted, no fragment.

    >>> canonical_key("https://e.org/a/?b=2&a=1&PHPSESSID=9") == canonical_key("https://e.org/a/?a=1&b=2")
    True
    """
    parts = urlsplit(clean_url(url)[0])
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return urlunsplit(parts._replace(query=query))


def trap_kind(url: str) -> str | None:
    """Why `url` is a trap rather than an article or a listing page: 'replytocom', 'share', 'amp',
    'print' (a view of a page crawled under its own URL), 'calendar' (a date archive); else None.

    >>> trap_kind("https://e.org/2019/12/slug/?replytocom=7#respond")
    'replytocom'
    >>> trap_kind("https://e.org/2019/12/slug/amp/"), trap_kind("https://e.org/?m=201911")
    ('amp', 'calendar')
    >>> trap_kind("https://e.org/2019/11/"), trap_kind("https://e.org/2019/11/slug/")
    ('calendar', None)
    """
    parts = urlsplit(url)
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        lowered = name.lower()
        if lowered in VARIANT_PARAMS and (lowered != "output" or value.lower() == "amp"):
            return VARIANT_PARAMS[lowered]
        if lowered == "m" and _DATE_ARCHIVE_QUERY.match(value):
            return "calendar"
    if match := _VARIANT_PATH.search(parts.path):
        return match.group(1)
    return "calendar" if _DATE_ARCHIVE_PATH.search(parts.path) else None


def _param_kind(name: str, value: str) -> str | None:
    lowered = name.lower()
    if lowered in SESSION_PARAMS or (lowered in TOKEN_SESSION_PARAMS and _TOKEN.match(value)):
        return "session"
    if lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES):
        return "tracking"
    return None
