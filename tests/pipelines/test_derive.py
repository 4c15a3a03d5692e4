"""From one archived response to records: the right page object, provenance on every record."""

from __future__ import annotations

from pathlib import Path

from archive.writer import RecordLocation
from pipelines.derive import derive_page, extract_file, normalized, software
from scrapers.http import HttpResponse

DATA = Path(__file__).resolve().parents[1] / "data"
PAGE = DATA / "real-wordpress" / "moritz-meyer.net.vreni.html"
URL = "https://moritz-meyer.net/blog/vreni-frost-instagram-abmahnung/"  # tests/data/real-wordpress/README
HTML = (("Content-Type", "text/html; charset=UTF-8"),)
LOCATION = RecordLocation("/data/site/warc/site-1.warc.gz", 1234, 567, "<urn:uuid:1>", URL,
                          "2026-01-02T03:04:05.000001Z", "sha1:ABC")


def _recorded_http(path: Path) -> HttpResponse:
    """A response saved as raw HTTP (status line, headers, blank line, body) by the fixture tooling."""
    head, _, body = path.read_bytes().partition(b"\r\n\r\n")
    if not body:
        head, _, body = path.read_bytes().partition(b"\n\n")
    lines = head.decode("latin-1").splitlines()
    headers = tuple(tuple(part.strip() for part in line.split(":", 1)) for line in lines[1:])
    return HttpResponse("http://127.0.0.1:8089/", int(lines[0].split()[1]), headers, body)  # type: ignore[arg-type]


def test_every_record_of_a_page_points_at_the_capture_it_came_from() -> None:
    page = derive_page(HttpResponse(URL, 200, HTML, PAGE.read_bytes()), LOCATION, None, "run-1")
    assert page is not None and len(page.comments) == 20  # reader comments, pingbacks left out
    for record in (page.article, *page.comments):
        assert record.fetched_at == LOCATION.warc_date
        provenance = record.provenance
        assert provenance is not None
        assert (provenance.warc_file, provenance.warc_offset, provenance.warc_length) == (
            LOCATION.warc_file, 1234, 567)
        assert (provenance.warc_record_id, provenance.target_uri, provenance.payload_digest) == (
            "<urn:uuid:1>", URL, "sha1:ABC")
        assert provenance.crawl_id == "run-1" and provenance.software == software()
        assert provenance.extractor == "WordPressArticlePage"
    assert software().startswith("longform-archiver/")


def test_an_error_status_or_a_listing_gives_no_page() -> None:
    assert derive_page(HttpResponse(URL, 404, HTML, PAGE.read_bytes()), LOCATION, None, "run-1") is None
    home = _recorded_http(DATA / "wordpress-fixture" / "plain.home.trimmed.http")
    assert home.status == 200 and home.content_type == "text/html"
    assert derive_page(home, LOCATION, None, "run-1") is None


def test_a_saved_file_is_extracted_without_provenance_and_normalized_like_the_crawl() -> None:
    page = extract_file(PAGE.read_bytes(), URL, None)
    assert page.article.provenance is None and page.article.authors == []
    assert normalized(page, None) is page
    assert page.article.authors == ["MoritzMeyer"] and page.article.published.startswith("2018-06-1")
    assert all(comment.author for comment in page.comments)
