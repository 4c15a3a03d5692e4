"""REST API discovery on answers recorded from the real WordPress fixture (tests/data/wordpress-fixture)."""

from __future__ import annotations

from pathlib import Path

from scrapers.http import HttpResponse
from scrapers.rest_api import api_root, parse_rest_posts, posts_url

DATA = Path(__file__).resolve().parents[1] / "data" / "wordpress-fixture"


def _recorded(name: str, url: str) -> HttpResponse:
    """A `curl -si` recording as a response (its body is already de-chunked)."""
    head, _, body = (DATA / name).read_bytes().partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = tuple((k.strip(), v.strip()) for k, _, v in (line.partition(":") for line in lines))
    return HttpResponse(url, int(status_line.split()[1]), headers, body)


def test_a_page_of_posts_gives_ids_permalinks_gmt_dates_and_the_page_count() -> None:
    page = parse_rest_posts(_recorded("rest.posts.page-2.http", "http://127.0.0.1:8089/wp-json/"))
    assert page is not None and page.total_pages == 19
    assert [(p.id, p.date_gmt, p.modified_gmt) for p in page.posts] == [
        (62, "2024-04-21T06:30:00", "2024-04-21T06:30:00"),
        (61, "2024-02-10T03:53:00", "2024-02-10T03:53:00"),
        (60, "2023-12-01T07:24:00", "2023-12-21T10:41:00"),  # edited after publishing
    ]
    assert page.posts[2].url == ("http://127.0.0.1:8089/archives/2023/12/"
                                 "u-s-special-forces-raid-targets-boko-haram-financier-near-borno.php")


def test_rest_turned_off_is_no_listing() -> None:
    response = _recorded("rest.posts.rest-off.http", "http://127.0.0.1:8089/wp-json/wp/v2/posts")
    assert response.status == 401
    assert parse_rest_posts(response) is None


def test_html_or_broken_json_is_no_listing() -> None:
    html = HttpResponse("http://e.org/wp-json/wp/v2/posts", 200,
                        (("Content-Type", "text/html"),), b"<html><body>Not found</body></html>")
    assert parse_rest_posts(html) is None
    assert parse_rest_posts(HttpResponse("http://e.org/wp-json/wp/v2/posts", 200, (), b'[{"id":')) is None
    assert parse_rest_posts(HttpResponse("http://e.org/wp-json/wp/v2/posts", 200, (),
                                         b'{"code":"x"}')) is None


def test_plain_permalinks_name_a_rest_route_root_and_posts_go_in_its_query() -> None:
    home = _recorded("plain.home.trimmed.http", "http://127.0.0.1:8089/")
    root = api_root(home)
    assert root == "http://127.0.0.1:8089/index.php?rest_route=/"
    # The same root from the <link> tag alone (a proxy that drops the Link header).
    tag_only = HttpResponse(home.url, 200, (("Content-Type", "text/html"),), home.body)
    assert api_root(tag_only) == root
    # WordPress's own next-page link has this shape (rest.posts.plain.http, Link rel="next").
    assert posts_url(root, 2) == ("http://127.0.0.1:8089/index.php?rest_route=%2Fwp%2Fv2%2Fposts"
                                  "&per_page=100&page=2&_fields=id%2Clink%2Cdate_gmt%2Cmodified_gmt")
    page = parse_rest_posts(_recorded("rest.posts.plain.http", posts_url(root)))
    assert page is not None and page.total_pages == 29
    assert [p.url for p in page.posts] == ["http://127.0.0.1:8089/?p=65", "http://127.0.0.1:8089/?p=64"]
