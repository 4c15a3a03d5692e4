"""`verify`'s rules on small WARCs written here with warcio: the request/response link in either
direction, what counts as not checkable, digests in every algorithm and encoding, messages that
never name an empty field."""

from __future__ import annotations

import base64
import hashlib
import io
from pathlib import Path

import pytest
from warcio.warcwriter import WARCWriter

from archive.verify import OUR_SOFTWARE, verify_warcs

BODY = b"<html><body>An article.</body></html>"
HTTP_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(BODY)


def _record(writer: WARCWriter, rec_type: str, block: bytes, headers: dict[str, str]) -> None:
    record = writer.create_warc_record("http://example.org/a", rec_type, payload=io.BytesIO(block),
                                       length=len(block), warc_headers_dict=headers)
    record.rec_headers.replace_header("Content-Type", f"application/http; msgtype={rec_type}")
    writer.write_record(record)


def _ours(writer: WARCWriter) -> None:
    info = writer.create_warcinfo_record("t.warc.gz", {"software": f"{OUR_SOFTWARE}0.1"})
    writer.write_record(info)


@pytest.mark.parametrize("on", ["request", "response"])
def test_concurrent_to_links_either_way(tmp_path: Path, on: str) -> None:
    """We and warcio put WARC-Concurrent-To on the request; wget, wpull, Common Crawl on the response."""
    path = tmp_path / "t.warc.gz"
    response_id, request_id = "<urn:uuid:00000000-0000-0000-0000-000000000001>", \
        "<urn:uuid:00000000-0000-0000-0000-000000000002>"
    request = b"GET /a HTTP/1.1\r\nHost: example.org\r\n\r\n"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        _ours(writer)
        response = {"WARC-Record-ID": response_id}
        request_headers = {"WARC-Record-ID": request_id}
        if on == "response":
            response["WARC-Concurrent-To"] = request_id
        else:
            request_headers["WARC-Concurrent-To"] = response_id
        _record(writer, "response", HTTP_HEAD + BODY, response)
        _record(writer, "request", request, request_headers)
    assert verify_warcs([path]).problems == []


def test_response_without_request_in_our_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "t.warc.gz"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        _ours(writer)
        _record(writer, "response", HTTP_HEAD + BODY, {})
    (problem,) = verify_warcs([path]).problems
    assert "has no request record" in problem.message and "http://example.org/a" in problem.message


def _digest(algorithm: str, encoding: str, data: bytes) -> str:
    raw = hashlib.new(algorithm, data).digest()
    value = {"base32": base64.b32encode(raw).decode(), "hex": raw.hex(),
             "base64": base64.b64encode(raw).decode()}[encoding]
    return f"{algorithm}:{value}"


@pytest.mark.parametrize("algorithm", ["sha1", "sha256", "md5"])
@pytest.mark.parametrize("encoding", ["base32", "hex", "base64"])
def test_digests_in_any_algorithm_and_encoding(tmp_path: Path, algorithm: str, encoding: str) -> None:
    path = tmp_path / "t.warc"
    block = HTTP_HEAD + BODY
    good = {"WARC-Block-Digest": _digest(algorithm, encoding, block),
            "WARC-Payload-Digest": _digest(algorithm, encoding, BODY)}
    bad = {"WARC-Block-Digest": _digest(algorithm, encoding, block + b"x"),
           "WARC-Payload-Digest": _digest(algorithm, encoding, BODY)}
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        _record(writer, "response", block, good)
        _record(writer, "response", block, bad)
    report = verify_warcs([path])
    assert [p.message.split(": ", 1)[1] for p in report.problems] == [
        f"the block no longer matches WARC-Block-Digest {bad['WARC-Block-Digest']}"]
    assert not report.unchecked


def test_records_without_digests_are_not_checkable_not_damaged(tmp_path: Path) -> None:
    path = tmp_path / "t.warc"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        _record(writer, "response", HTTP_HEAD + BODY, {})
    data = path.read_bytes()
    stripped = b"\r\n".join(line for line in data.split(b"\r\n") if not line.startswith(b"WARC-") or
                            b"Digest" not in line)
    path.write_bytes(stripped)
    report = verify_warcs([path])
    assert report.problems == []
    assert report.unchecked == {"no WARC-Block-Digest or WARC-Payload-Digest": 1}


def test_messages_name_no_empty_field(tmp_path: Path) -> None:
    """A record without a Content-Length nor a target: 'record : no Content-Length header' before."""
    path = tmp_path / "t.warc"
    path.write_bytes(b"WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:1>\r\n\r\nabc\r\n\r\n")
    problems = [str(problem) for problem in verify_warcs([path]).problems]
    assert problems
    assert not any(" : " in problem or "  " in problem for problem in problems), problems
