"""The REST API's comments of a post, on an answer recorded from the real WordPress fixture
(tests/data/wordpress-fixture); expected values from its ground_truth.php. And where a page names
its post id."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from scrapers.http import HttpResponse
from scrapers.rest_comments import (
    RestComment,
    comments_url,
    comments_url_post,
    page_post_id,
    parse_rest_comments,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "wordpress-fixture"
URL = "http://127.0.0.1:8089/wp-json/wp/v2/comments?post=6&per_page=4&page=2"


def _recorded(name: str, url: str) -> HttpResponse:
    """A `curl -si` recording as a response (its body is already de-chunked)."""
    head, _, body = (DATA / name).read_bytes().partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = tuple((k.strip(), v.strip()) for k, _, v in (line.partition(":") for line in lines))
    return HttpResponse(url, int(status_line.split()[1]), headers, body)


def test_a_page_of_comments_gives_each_field_a_page_comment_has() -> None:
    page = parse_rest_comments(_recorded("rest.comments.post-6.page-2.http", URL))
    assert page is not None and page.total_pages == 2
    assert [c.id for c in page.comments] == ["6", "7", "8", "9"]
    assert page.comments[1] == RestComment(
        id="7", parent_id=None, author_raw="Hans-Peter Groß", author_url="https://example.de/hp",
        date_gmt="2014-01-04T21:49:05", date="2014-01-04T16:49:05",
        text="I’m not sure I agree. شكرا على هذا التحليل المفصل. Correction: it was a Tuesday, "
             "not a Monday. Just my two cents.")
    tom, reply = page.comments[2], page.comments[3]
    assert tom.author_raw == "Tom & Jerry"  # the API gives it as stored: 'Tom &amp; Jerry'
    assert tom.text == "Hmm. The timing matters more than people think." and tom.author_url is None
    assert (reply.parent_id, reply.author_raw) == ("7", "محمد الحربي")


def test_rest_turned_off_html_or_broken_json_is_no_answer() -> None:
    off = _recorded("rest.posts.rest-off.http", URL)
    assert off.status == 401 and parse_rest_comments(off) is None
    for body in (b"<html><body>Log in</body></html>", b"[{", b'{"code": "x"}'):
        assert parse_rest_comments(HttpResponse(URL, 200, (), body)) is None


def test_items_without_an_id_are_left_out_and_odd_values_read_as_empty() -> None:
    body = (b'[{"author_name": "x"}, {"id": "12", "parent": "n/a", "author_name": null,'
            b' "content": "not an object", "date_gmt": 5}]')
    page = parse_rest_comments(HttpResponse(URL, 200, (("X-WP-TotalPages", "junk"),), body))
    assert page is not None and page.total_pages == 1
    assert page.comments == [RestComment("12", None, None, None, None, None, "")]


@pytest.mark.parametrize("root", ["http://e.org/wp-json/", "http://e.org/?rest_route=/"])
def test_comments_urls_name_their_post_under_either_root(root: str) -> None:
    url = comments_url(root, 39, 3)
    assert "per_page=100" in url and "page=3" in url
    assert comments_url_post(url) == 39


def test_other_routes_are_not_comment_urls() -> None:
    assert comments_url_post("http://e.org/wp-json/wp/v2/posts?post=3") is None
    assert comments_url_post("http://e.org/wp-json/wp/v2/comments") is None  # no post
    assert comments_url_post("http://e.org/comments/feed/?post=3") is None


def test_post_id_from_the_fixture_page() -> None:
    tree = html.fromstring((DATA / "twentytwentytwo.raqqa.newest.html").read_bytes())
    assert page_post_id(tree) == 39


@pytest.mark.parametrize("head, body_class, expected", [
    ('<link rel="alternate" type="application/json" href="http://e.org/wp-json/wp/v2/posts/12">'
     "<link rel='shortlink' href='http://e.org/?p=13'>", "postid-14", 12),
    ("<link rel='shortlink' href='http://e.org/?p=13'>", "single postid-14", 13),
    ('<link rel="alternate" type="application/json" href="http://e.org/wp-json/wp/v2/pages/2">',
     "single postid-14 x", 14),
    ("", "single page-id-3 postid-x", None),
])
def test_post_id_from_rest_link_else_shortlink_else_body_class(head: str, body_class: str,
                                                               expected: int | None) -> None:
    tree = html.fromstring(f'<html><head>{head}</head><body class="{body_class}"></body></html>')
    assert page_post_id(tree) == expected
