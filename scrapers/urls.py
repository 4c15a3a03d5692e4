"""Resolving hrefs taken from untrusted markup, feeds and headers.

`urllib.parse.urljoin` raises ValueError on some strings a page can hold (a host opened with '['
and never closed: 'http://[oops'); a page object must not fail on one bad link (found by fuzzing,
docs/reliability.md), so every href from the web is resolved here.
"""

from __future__ import annotations

from urllib.parse import urljoin


def absolute(base: str, href: str) -> str | None:
    """`href` resolved against `base`, or None when it is not a URL.

    >>> absolute("https://e.org/a/", " b.php ")
    'https://e.org/a/b.php'
    >>> absolute("https://e.org/", "http://[oops/x") is None
    True
    """
    try:
        return urljoin(base, href.strip())
    except ValueError:
        return None
