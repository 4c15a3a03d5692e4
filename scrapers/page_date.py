"""Publication day of a page without reliable date markup: htmldate.

htmldate reads what a page says about its date in many places (meta tags of many vocabularies,
JSON-LD, <time>, URL, copyright lines, free text in many languages) and scores candidates; on real
non-WordPress pages it finds the publication day far more often than the generic page object's own
header XPaths (docs/extraction.md). A first pass without the free-text search costs a few ms; the
extensive search runs only when that pass finds nothing.
"""

from __future__ import annotations

from htmldate import find_date
from lxml.html import HtmlElement


def publication_day(tree: HtmlElement, url: str) -> str | None:
    """'YYYY-MM-DD' of the first publication of the page at `url`, or None. `tree` is not
    changed: htmldate searches a copy."""
    for extensive in (False, True):
        found = find_date(tree, url=url, original_date=True, extensive_search=extensive)
        if found:
            return found
    return None
