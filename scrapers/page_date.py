"""Publication day of a page without reliable date markup: htmldate.

htmldate reads what a page says about its date in many places (meta tags of many vocabularies,
JSON-LD, <time>, URL, copyright lines, free text in many languages) and scores candidates; on real
non-WordPress pages it finds the publication day far more often than the generic page object's own
header XPaths (docs/extraction.md). A first pass without the free-text search costs a few ms; the
extensive search runs only when that pass finds nothing.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

from htmldate import find_date
from lxml.html import HtmlElement

_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def publication_day(tree: HtmlElement, url: str, served: str | None = None) -> str | None:
    """'YYYY-MM-DD' of the first publication of the page at `url`, or None. `tree` is not
    changed: htmldate searches a copy.

    `served` is the response's Date header: htmldate drops dates after its latest allowed date,
    which is today unless told otherwise, so a replay years later could accept a date the crawl
    dropped. Bounded by when the page was served, crawl and replay agree.
    """
    latest = served_at(served)
    for extensive in (False, True):
        found = find_date(tree, url=url, original_date=True, extensive_search=extensive,
                          max_date=latest)
        if found:
            return found
    return None


def served_at(header: str | None) -> datetime | None:
    """The moment an HTTP Date header names (naive UTC, as htmldate compares), else None.

    >>> served_at("Tue, 03 Dec 2019 10:00:00 GMT"), served_at("yesterday")
    (datetime.datetime(2019, 12, 3, 10, 0), None)
    """
    if not header:
        return None
    try:
        return parsedate_to_datetime(header).replace(tzinfo=None)
    except (TypeError, ValueError):  # an unreadable header from the web just offers no bound
        return None


def printed_day(value: str) -> str | None:
    """The day an ISO 8601 value names as printed, before any time-zone shift ('2019-06-27T23:30:00-04:00'
    names the 27th, as the page shows it), else None.

    >>> printed_day("2019-06-27T23:30:00-04:00"), printed_day("27.06.2019")
    ('2019-06-27', None)
    """
    match = _ISO_DAY.match(value.strip())
    return match.group(0) if match else None
