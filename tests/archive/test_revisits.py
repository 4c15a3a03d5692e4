"""Conditional requests and revisit records in a real Scrapy crawl of a real loopback server.

The sample site answers like nginx in front of WordPress's feeds: ETag and Last-Modified on every
200, and 304 to a request carrying them. Two crawls of the same URLs with one state database.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archive.captures import CaptureStore
from archive.records import REVISIT_IDENTICAL, REVISIT_NOT_MODIFIED, Exchange
from archive.revisits import RevisitPolicy
from archive.state import StateDB
from archive.writer import RollingWarcWriter
from tests.sites.sample_site import serve_sample_site

HERE = Path(__file__).parent
PATHS = ("/feed/", "/wp-sitemap.xml")


def _crawl(urls: list[str], warc_dir: Path, state: Path, *extra: str) -> None:
    command = [
        sys.executable, "-m", "scrapy", "runspider", str(HERE / "fetch_spider.py"),
        "-a", "urls=" + ",".join(urls), "-s", f"ARCHIVE_DIR={warc_dir}",
        "-s", f"ARCHIVE_STATE_FILE={state}", "-s", "ROBOTSTXT_OBEY=0",
        "-s", "ITEM_PIPELINES={}", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0",
        "-s", "SPIDER_LOADER_CLASS=scrapy.spiderloader.SpiderLoader", *extra,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]


def _answers(warc_dir: Path) -> list[tuple[str, dict[str, str], int, bytes, list[tuple[str, str]]]]:
    """(type, WARC headers, HTTP status, raw block after the HTTP headers, request headers) per answer."""
    found = []
    requests: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(warc_dir.glob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                headers = dict(record.rec_headers.headers)
                if record.rec_type == "request":
                    requests[headers["WARC-Concurrent-To"]] = record.http_headers.headers
                elif record.rec_type in ("response", "revisit"):
                    found.append((record.rec_type, headers, int(record.http_headers.get_statuscode()),
                                  record.content_stream().read()))
    return [(*answer, requests[answer[1]["WARC-Record-ID"]]) for answer in found]


def _warcio_check(warc_dir: Path) -> None:
    for path in warc_dir.glob("*.warc.gz"):
        check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(path)],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr


def test_a_304_is_archived_as_a_server_not_modified_revisit_of_the_first_capture(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    with serve_sample_site() as base:
        urls = [base + path for path in PATHS]
        _crawl(urls, tmp_path / "run1", state)
        _crawl(urls, tmp_path / "run2", state)
    first = {a[1]["WARC-Target-URI"]: a for a in _answers(tmp_path / "run1")}
    second = _answers(tmp_path / "run2")
    assert sorted(a[1]["WARC-Target-URI"] for a in second) == sorted(urls)
    for kind, headers, status, block, request in second:
        original = first[headers["WARC-Target-URI"]]
        assert (kind, status, block) == ("revisit", 304, b"")
        assert headers["WARC-Profile"] == REVISIT_NOT_MODIFIED
        assert headers["WARC-Refers-To"] == original[1]["WARC-Record-ID"]
        assert headers["WARC-Refers-To-Target-URI"] == original[1]["WARC-Target-URI"]
        assert headers["WARC-Refers-To-Date"] == original[1]["WARC-Date"]
        sent = dict(request)
        # The answers were gzip'd, so their ETags weak: the date goes out alone (WordPress wants
        # both validators to match when both come, and never matches a weak ETag).
        assert sent["If-Modified-Since"] and "If-None-Match" not in sent
    _warcio_check(tmp_path / "run2")
    verify = subprocess.run([sys.executable, "-m", "spiders.cli", "verify",
                             str(tmp_path / "run1"), str(tmp_path / "run2")],
                            capture_output=True, text=True)
    assert verify.returncode == 0, verify.stdout


def test_a_strong_etag_goes_out_with_the_date_and_gets_a_304(tmp_path: Path) -> None:
    """Without gzip (no Accept-Encoding), the ETag stays strong and both validators are sent."""
    state = tmp_path / "state.sqlite"
    plain = ("-s", "COMPRESSION_ENABLED=0")
    with serve_sample_site() as base:
        urls = [base + path for path in PATHS]
        _crawl(urls, tmp_path / "run1", state, *plain)
        _crawl(urls, tmp_path / "run2", state, *plain)
    for kind, _, status, _, request in _answers(tmp_path / "run2"):
        sent = dict(request)
        assert sent["If-None-Match"].startswith('"') and sent["If-Modified-Since"]
        assert (kind, status) == ("revisit", 304)


def test_an_unchanged_200_body_is_a_headers_only_identical_payload_revisit(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    with serve_sample_site() as base:
        urls = [base + path for path in PATHS]
        _crawl(urls, tmp_path / "run1", state)
        _crawl(urls, tmp_path / "run2", state, "-s", "ARCHIVE_CONDITIONAL=0")
    first = {a[1]["WARC-Target-URI"]: a for a in _answers(tmp_path / "run1")}
    for kind, headers, status, block, request in _answers(tmp_path / "run2"):
        original = first[headers["WARC-Target-URI"]]
        assert (kind, status, block) == ("revisit", 200, b"")  # no second copy of the body
        assert "If-None-Match" not in dict(request)
        assert headers["WARC-Profile"] == REVISIT_IDENTICAL
        assert headers["WARC-Payload-Digest"] == original[1]["WARC-Payload-Digest"]
        assert headers["WARC-Refers-To"] == original[1]["WARC-Record-ID"]
    _warcio_check(tmp_path / "run2")


def test_a_changed_body_is_a_new_full_capture_that_later_revisits_refer_to(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    with serve_sample_site() as base:
        url = base + "/feed/"
        _crawl([url], tmp_path / "run1", state)
        store = StateDB(state)  # as if the site had changed: the stored digest no longer matches
        store.db.execute("UPDATE urls SET payload_digest = 'sha1:X', etag = NULL, last_modified = NULL")
        store.close()
        _crawl([url], tmp_path / "run2", state)
        _crawl([url], tmp_path / "run3", state)
    (second,) = _answers(tmp_path / "run2")
    (third,) = _answers(tmp_path / "run3")
    assert second[0] == "response" and second[3]
    assert third[0] == "revisit" and third[1]["WARC-Refers-To"] == second[1]["WARC-Record-ID"]


# The policy on its own, over a real state file and the real writer (no crawl).


def _policy(tmp_path: Path, conditional: bool = True) -> tuple[RevisitPolicy, RollingWarcWriter, StateDB]:
    state = StateDB(tmp_path / "state.sqlite")
    writer = RollingWarcWriter(tmp_path / "warc", "s", {})
    return RevisitPolicy(CaptureStore(state), "run-1", conditional), writer, state


def _answer(status: int, body: bytes = b"<p>v1</p>", etag: str = '"v1"') -> Exchange:
    headers = (("ETag", etag), ("Last-Modified", "Tue, 01 Dec 2026 10:00:00 GMT"))
    return Exchange("http://127.0.0.1:9/a/", "GET", (), b"", "HTTP/1.1", status, headers, body)


def test_policy_validators_follow_the_last_full_200_also_after_a_304(tmp_path: Path) -> None:
    policy, writer, state = _policy(tmp_path)
    url = "http://127.0.0.1:9/a/"
    assert policy.conditional_headers(url) == []  # never captured
    policy.write(writer, _answer(200))
    validators = [("If-None-Match", '"v1"'), ("If-Modified-Since", "Tue, 01 Dec 2026 10:00:00 GMT")]
    assert policy.conditional_headers(url) == validators
    _, revisit = policy.write(writer, _answer(304, b""))
    assert revisit and policy.conditional_headers(url) == validators  # the next run asks again
    _, revisit = policy.write(writer, _answer(200))
    assert revisit  # an unchanged body after a 304 is not stored again
    writer.close()
    state.close()


def test_policy_a_weak_etag_goes_out_as_the_date_alone_and_full_crawls_ask_nothing(tmp_path: Path) -> None:
    policy, writer, state = _policy(tmp_path)
    policy.write(writer, _answer(200, etag='W/"v1"'))
    assert policy.conditional_headers("http://127.0.0.1:9/a/") == [
        ("If-Modified-Since", "Tue, 01 Dec 2026 10:00:00 GMT")]
    policy.conditional = False
    assert policy.conditional_headers("http://127.0.0.1:9/a/") == []
    writer.close()
    state.close()


def test_policy_an_error_page_is_no_capture_to_revisit(tmp_path: Path) -> None:
    policy, writer, state = _policy(tmp_path)
    policy.write(writer, _answer(404))
    assert policy.conditional_headers("http://127.0.0.1:9/a/") == []
    _, revisit = policy.write(writer, _answer(404))
    assert not revisit  # the same error body is written again, not as a revisit of an error
    _, revisit = policy.write(writer, _answer(200, b"<p>v2</p>"))
    assert not revisit
    writer.close()
    state.close()
