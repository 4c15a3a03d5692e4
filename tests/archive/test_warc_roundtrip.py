"""WARC writing and reading: the records a user replays must be the exchange as received."""

from __future__ import annotations

import gzip
import io
import subprocess
import sys
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archive.reader import NotAWarcError, iter_responses
from archive.records import Exchange
from archive.writer import RollingWarcWriter

BODY = b"<html><body><p>caf\xc3\xa9</p></body></html>"


POST_URL = "http://127.0.0.1:8000/archives/2014/10/post.php?utm_source=x&b=2"


def _exchange(url: str = POST_URL) -> Exchange:
    return Exchange(
        url=url,
        method="GET",
        request_headers=(("User-Agent", "longform-test"), ("Accept-Encoding", "gzip")),
        request_body=b"",
        protocol="HTTP/1.1",
        status=200,
        response_headers=(
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Encoding", "gzip"),
            ("Set-Cookie", "a=1"),
            ("Set-Cookie", "b=2"),
            ("Transfer-Encoding", "chunked"),
        ),
        response_body=gzip.compress(BODY),
        ip_address="127.0.0.1",
    )


def _records(path: Path) -> list:
    with open(path, "rb") as stream:
        return [
            (r.rec_type, r.rec_headers, r.http_headers, r.content_stream().read())
            for r in ArchiveIterator(stream)
        ]


def test_exchange_is_written_as_linked_request_and_response(tmp_path: Path) -> None:
    writer = RollingWarcWriter(tmp_path, "site", {"crawl-id": "c1"})
    location = writer.write_exchange(_exchange())
    writer.close()
    (path,) = writer.files
    kinds = [r[0] for r in _records(path)]
    assert kinds == ["warcinfo", "response", "request"]
    _, response_headers, response_http, payload = _records(path)[1]
    _, request_headers, request_http, _ = _records(path)[2]
    assert request_headers.get_header("WARC-Concurrent-To") == location.record_id
    assert request_http.protocol == "GET"
    assert request_http.statusline == "/archives/2014/10/post.php?utm_source=x&b=2 HTTP/1.1"
    assert request_http.get_header("Host") == "127.0.0.1:8000"
    assert [v for k, v in response_http.headers if k == "Set-Cookie"] == ["a=1", "b=2"]
    assert response_http.get_header("Transfer-Encoding") is None
    assert response_http.get_header("X-Archive-Orig-Transfer-Encoding") == "chunked"
    assert response_headers.get_header("WARC-IP-Address") == "127.0.0.1"
    assert response_headers.get_header("WARC-Payload-Digest").startswith("sha1:")
    assert response_headers.get_header("WARC-Block-Digest").startswith("sha1:")
    assert payload == BODY  # content_stream undoes the Content-Encoding kept on disk


def test_location_opens_the_record_with_plain_warcio(tmp_path: Path) -> None:
    writer = RollingWarcWriter(tmp_path, "site", {})
    writer.write_exchange(_exchange("http://127.0.0.1/one"))
    location = writer.write_exchange(_exchange("http://127.0.0.1/two"))
    writer.close()
    with open(location.warc_file, "rb") as stream:
        stream.seek(location.offset)
        member = stream.read(location.length)
    record = next(iter(ArchiveIterator(io.BytesIO(member))))
    assert record.rec_headers.get_header("WARC-Target-URI") == "http://127.0.0.1/two"
    assert record.rec_headers.get_header("WARC-Record-ID") == location.record_id


def test_reader_yields_decoded_responses_with_the_writers_locations(tmp_path: Path) -> None:
    writer = RollingWarcWriter(tmp_path, "site", {"crawl-id": "crawl-42"})
    written = [writer.write_exchange(_exchange(f"http://127.0.0.1/{n}")) for n in range(3)]
    writer.close()
    read = list(iter_responses(writer.files[0]))
    assert [r.location for r in read] == written
    assert {r.body for r in read} == {BODY}
    assert {r.crawl_id for r in read} == {"crawl-42"}


def test_files_roll_over_at_the_size_limit_and_each_starts_with_warcinfo(tmp_path: Path) -> None:
    writer = RollingWarcWriter(tmp_path, "site", {}, max_file_size=1)
    for n in range(3):
        writer.write_exchange(_exchange(f"http://127.0.0.1/{n}"))
    writer.close()
    assert len(writer.files) == 3
    assert [p.name.split("-")[-1] for p in writer.files] == [
        "00000.warc.gz", "00001.warc.gz", "00002.warc.gz"
    ]
    for path in writer.files:
        assert _records(path)[0][0] == "warcinfo"


def test_warcio_check_accepts_the_files(tmp_path: Path) -> None:
    writer = RollingWarcWriter(tmp_path, "site", {})
    writer.write_exchange(_exchange())
    writer.close()
    result = subprocess.run(
        [sys.executable, "-m", "warcio.cli", "check", "-v", str(writer.files[0])],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "digest pass" in result.stdout


def test_truncated_file_reads_up_to_the_last_complete_record(tmp_path: Path) -> None:
    writer = RollingWarcWriter(tmp_path, "site", {})
    first = writer.write_exchange(_exchange("http://127.0.0.1/kept"))
    writer.write_exchange(_exchange("http://127.0.0.1/cut"))
    writer.close()
    path = writer.files[0]
    data = path.read_bytes()
    path.write_bytes(data[: first.offset + first.length + 40])  # kill mid-record
    urls = []
    try:
        for response in iter_responses(path):
            urls.append(response.url)
    except NotAWarcError:
        pass
    assert urls[0] == "http://127.0.0.1/kept"


def test_non_warc_file_raises_a_named_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello\n")
    try:
        list(iter_responses(path))
    except NotAWarcError as error:
        assert "notes.txt" in str(error)
    else:
        raise AssertionError("expected NotAWarcError")
