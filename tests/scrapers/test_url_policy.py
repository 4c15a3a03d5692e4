"""URL policy: which URL a crawl requests for a link, and which links are spider traps.

The spider's use of it (counting, refusing, stopping pagination) is in
`tests/spiders/test_trap_filter.py`.
"""

from __future__ import annotations

import pytest

from scrapers.url_policy import canonical_key, clean_url, trap_kind

POST = "https://e.org/2019/12/slug/"


@pytest.mark.parametrize(("link", "expected"), [
    (POST + "?PHPSESSID=9f8e", (POST, "session")),
    (POST + ";jsessionid=AB12?x=1", (POST + "?x=1", "session")),
    (POST + "?utm_source=rss&utm_medium=rss", (POST, "tracking")),
    ("https://e.org/?p=5&fbclid=x&cpage=2#c", ("https://e.org/?p=5&cpage=2", "tracking")),
    ("https://e.org/?s=war&sid=0123456789abcdef0123&utm_campaign=y", ("https://e.org/?s=war", "session")),
    ("https://e.org/modules.php?name=News&sid=123", ("https://e.org/modules.php?name=News&sid=123", None)),
    (POST, (POST, None)),
])
def test_clean_url_drops_session_and_tracking_only(link: str, expected: tuple[str, str]) -> None:
    assert clean_url(link) == expected


def test_canonical_key_ignores_order_session_and_fragment() -> None:
    assert canonical_key("https://e.org/?b=2&a=1&PHPSESSID=x#top") == canonical_key(
        "https://e.org/?a=1&b=2")
    assert canonical_key("https://e.org/?a=1") != canonical_key("https://e.org/?a=2")


@pytest.mark.parametrize(("link", "kind"), [
    (POST + "?replytocom=42#respond", "replytocom"),
    (POST + "comment-page-2/?replytocom=42", "replytocom"),
    (POST + "?share=twitter&nb=1", "share"),
    (POST + "amp/", "amp"), (POST + "?amp", "amp"), (POST + "?amp=1", "amp"),
    (POST + "?output=amp", "amp"),
    (POST + "print/", "print"), (POST + "?print=1", "print"),
    ("https://e.org/?m=201911", "calendar"), ("https://e.org/2019/11/", "calendar"),
    ("https://e.org/2019/11/05/", "calendar"), ("https://e.org/2019/11/page/3/", "calendar"),
    ("https://e.org/archives/2019/11/", "calendar"),
    (POST, None), (POST + "comment-page-2/", None), ("https://e.org/?p=5&cpage=2", None),
    ("https://e.org/archives/2019", None),  # numeric permalinks: post 2019
    ("https://e.org/page/2019/", None), ("https://e.org/2019/11/05/slug/", None),
    ("https://e.org/archives/2019/12/slug.php", None), ("https://e.org/?output=json", None),
])
def test_trap_kind(link: str, kind: str | None) -> None:
    assert trap_kind(link) == kind
