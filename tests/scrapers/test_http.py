"""The framework-free response every page object reads: headers, charset, a tree for any bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrapers.http import HttpResponse

REAL = Path(__file__).resolve().parents[1] / "data" / "real-wordpress"


def test_headers_are_found_whatever_their_case_first_value_first() -> None:
    response = HttpResponse("http://127.0.0.1/", 200, (("set-cookie", "a=1"), ("Set-Cookie", "b=2"),
                                                       ("Content-Type", "Text/HTML; charset=UTF-8")))
    assert response.header("SET-COOKIE") == "a=1"
    assert response.header("ETag") is None
    assert response.content_type == "text/html"
    assert HttpResponse("http://127.0.0.1/", 200).content_type == ""


def test_the_charset_comes_from_the_header_else_the_page() -> None:
    latin = "<html><head><meta charset='iso-8859-1'></head><body><p>Zoë</p></body></html>".encode("latin-1")
    assert "Zoë" in HttpResponse("http://127.0.0.1/", 200, (), latin).text
    utf8 = "<p>Zoë</p>".encode()
    assert HttpResponse("http://127.0.0.1/", 200, (("Content-Type", "text/html; charset=utf-8"),), utf8
                        ).text == "<p>Zoë</p>"


def test_a_real_page_parses_with_its_url_as_base() -> None:
    body = (REAL / "jovelstefan.de.gefallt.html").read_bytes()
    response = HttpResponse("http://www.jovelstefan.de/2011/09/11/gefallt-mir/", 200,
                            (("Content-Type", "text/html; charset=UTF-8"),), body)
    assert response.tree.base_url == response.url
    assert response.tree is response.tree  # parsed once, shared by every field extractor
    assert response.tree.find(".//body") is not None


@pytest.mark.parametrize("body", [b"", b"   \n", b"<!-- only a comment -->", b"<!", b"\x00\x00\x00",
                                  b"<?xml version='1.0' encoding='utf-8'?><html><body>x</body></html>"])
def test_any_bytes_give_a_tree_never_an_exception(body: bytes) -> None:
    tree = HttpResponse("http://127.0.0.1/", 200, (("Content-Type", "text/html"),), body).tree
    assert tree.tag == "html"
