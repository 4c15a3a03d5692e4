"""scrapers/charset.py: a real page read right when its declared charset lies.

The page is a real WordPress post (tests/data/real-wordpress/, UTF-8, `<meta charset="UTF-8">`);
its title is the hand-read one in real_wordpress_expected.py. It is served the ways old servers
get it wrong; the extractor must read the same title and comment whichever way.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from scrapers.charset import decode_html
from scrapers.http import HttpResponse
from scrapers.wordpress import WordPressArticlePage

HERE = Path(__file__).resolve().parent
NAME = "de.creativecommons.org.endlich.html"
PAGE = (HERE.parent / "data" / "real-wordpress" / NAME).read_bytes()


def _expected() -> dict[str, Any]:
    path = HERE / "real_wordpress_expected.py"  # by path: test folders are not packages
    spec = importlib.util.spec_from_file_location("real_wordpress_expected", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.EXPECTED[NAME])


EXPECTED = _expected()
TEXT = PAGE.decode("utf-8")
AS_CP1252 = TEXT.encode("cp1252")  # the same page written in windows-1252 (every character fits)


def _title_and_first_comment(content_type: str | None, body: bytes) -> tuple[str, str]:
    response = HttpResponse(url=EXPECTED["url"], status=200, body=body,
                            headers=(("Content-Type", content_type),) if content_type else ())
    page = WordPressArticlePage(response, None).to_item()
    return page.article.title, page.comments[0].text


@pytest.mark.parametrize(("content_type", "body"), [
    pytest.param("text/html; charset=UTF-8", PAGE, id="honest"),
    pytest.param("text/html; charset=ISO-8859-1", PAGE, id="header latin-1 over UTF-8 (Apache default)"),
    pytest.param(None, PAGE, id="no header"),
    pytest.param("text/html; charset=UTF-8", AS_CP1252.replace(b'charset="UTF-8"', b'charset="windows-1252"'),
                 id="header UTF-8 over windows-1252, meta right"),
    pytest.param("text/html; charset=UTF-8", AS_CP1252, id="header and meta UTF-8 over windows-1252"),
])
def test_the_title_and_comments_read_right_whatever_the_header_says(
    content_type: str | None, body: bytes
) -> None:
    title, comment = _title_and_first_comment(content_type, body)
    assert title == EXPECTED["title"]  # "Einschränkug", not "EinschrÃ¤nkug" or "Einschr\ufffdnkug"
    assert comment == _title_and_first_comment("text/html; charset=UTF-8", PAGE)[1]
    assert "\ufffd" not in comment and "Ã" not in comment


def test_a_few_broken_bytes_in_utf8_stay_utf8() -> None:
    # An excerpt cut mid-character: one broken sequence among many good ones is not another charset.
    cut = PAGE.replace("Einschränkug".encode(), "Einschränkug".encode() + "—".encode()[:2], 1)
    encoding, text = decode_html("text/html; charset=UTF-8", cut)
    assert encoding == "utf-8" and text.count("\ufffd") == 1 and "Einschränkug" in text


def test_a_byte_order_mark_wins_over_the_header() -> None:
    body = "\ufeff".encode("utf-16-le") + TEXT.encode("utf-16-le")
    encoding, text = decode_html("text/html; charset=ISO-8859-1", body)
    assert encoding.startswith("utf-16") and EXPECTED["title"] in text
