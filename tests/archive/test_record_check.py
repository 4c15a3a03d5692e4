"""Checking one WARC record: its digests, its length and its trailer, each problem said in words.

`longform verify` over damaged files is in `test_verify.py`; this is one record at a time.
"""

from __future__ import annotations

import io

from warcio.warcwriter import WARCWriter

from archive.record_check import read_record_facts
from archive.records import WARC_VERSION, Exchange, build_exchange_records

DATE = "2026-01-02T03:04:05Z"
BODY = b"<html><body><p>The article, as archived.</p></body></html>"


def _record_bytes(body: bytes = BODY) -> tuple[bytes, str]:
    """An uncompressed response record as the writer builds it, and its record id."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False, warc_version=WARC_VERSION)
    exchange = Exchange("http://127.0.0.1:9/a/", "GET", (), b"", "HTTP/1.1", 200,
                        (("Content-Type", "text/html"),), body)
    response, request = build_exchange_records(writer, exchange, DATE)
    writer.write_record(response)
    return buffer.getvalue(), response.rec_headers.get_header("WARC-Record-ID")


def test_a_whole_record_has_no_problem_and_its_facts() -> None:
    data, record_id = _record_bytes()
    stream = io.BytesIO(data + b"next")
    facts, problems = read_record_facts(stream)
    assert problems == []
    assert facts is not None
    assert (facts.offset, facts.rec_type, facts.record_id, facts.target_uri, facts.warc_date) == (
        0, "response", record_id, "http://127.0.0.1:9/a/", DATE)
    assert facts.payload_digest and facts.payload_digest.startswith("sha1:")
    assert stream.read() == b"next"  # left just after the record's trailer


def test_a_changed_byte_in_the_body_is_a_digest_mismatch() -> None:
    data, _ = _record_bytes()
    changed = data.replace(b"as archived", b"as ARCHIVED")
    _, problems = read_record_facts(io.BytesIO(changed))
    assert any(p.startswith("block digest mismatch: the record's bytes no longer match") for p in problems)
    assert any(p.startswith("payload digest mismatch: the HTTP body no longer matches") for p in problems)


def test_a_record_cut_short_says_how_many_bytes_are_missing() -> None:
    data, _ = _record_bytes()
    _, problems = read_record_facts(io.BytesIO(data[:-24]))  # trailer and 20 bytes of the block gone
    assert problems[0].startswith("record block truncated: 20 of its ")


def test_bytes_after_the_block_where_the_trailer_belongs() -> None:
    data, _ = _record_bytes()
    _, problems = read_record_facts(io.BytesIO(data[:-4] + b"XXXX"))
    assert problems == ["the block does not end where Content-Length "
                        f"{_content_length(data)} says (found b'XXXX' instead of the record trailer)"]


def test_bytes_that_are_no_record() -> None:
    facts, problems = read_record_facts(io.BytesIO(b"HTTP/1.1 200 OK\r\n\r\nnot a WARC"))
    assert facts is None and problems[0].startswith("not a WARC record here (")


def test_a_record_without_digests_has_nothing_to_be_checked_against() -> None:
    data, _ = _record_bytes()
    stripped = b"".join(line for line in data.splitlines(keepends=True)
                        if not line.startswith((b"WARC-Block-Digest", b"WARC-Payload-Digest")))
    _, problems = read_record_facts(io.BytesIO(stripped))
    assert problems == ["no WARC-Block-Digest header: nothing to check the record's bytes against",
                        "no WARC-Payload-Digest header: nothing to check the HTTP body against"]


def _content_length(data: bytes) -> int:
    header = next(line for line in data.split(b"\r\n") if line.startswith(b"Content-Length:"))
    return int(header.split(b":")[1])
