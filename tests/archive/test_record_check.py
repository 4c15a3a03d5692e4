"""One WARC record at a time: the facts verify's provenance check reads, and the verdict on a record
whose bytes cannot be compared with a digest (not checkable, apart from damage).

Damage found while parsing (digests, a record cut short) is `archive.warc_record`'s; `longform verify`
over whole damaged files is in `test_verify*.py`.
"""

from __future__ import annotations

import io

from warcio.warcwriter import WARCWriter

from archive.record_check import describe, read_record_facts, unchecked_reason
from archive.records import WARC_VERSION, Exchange, build_exchange_records
from archive.warc_record import WarcRecord, parse_record

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


def test_a_changed_byte_in_the_body_fails_both_digests() -> None:
    data, _ = _record_bytes()
    record = _parsed(data.replace(b"as archived", b"as ARCHIVED"))
    assert {problem.kind for problem in record.problems} == {"block-digest-mismatch",
                                                             "payload-digest-mismatch"}
    assert unchecked_reason(record) is None  # damaged, not "not checkable"


def test_a_record_cut_short_is_named_with_what_is_missing() -> None:
    data, _ = _record_bytes()
    record = _parsed(data[:-24])  # trailer and 20 bytes of the block gone
    assert record.cut_short == 20
    assert [problem.kind for problem in record.problems] == ["record-cut-short"]


def test_bytes_that_are_no_record() -> None:
    facts, problems = read_record_facts(io.BytesIO(b"HTTP/1.1 200 OK\r\n\r\nnot a WARC"))
    assert facts is None and problems[0].startswith("not a WARC record here (")


def test_a_record_without_digests_is_not_checkable_rather_than_damaged() -> None:
    data, _ = _record_bytes()
    stripped = b"".join(line for line in data.splitlines(keepends=True)
                        if not line.startswith((b"WARC-Block-Digest", b"WARC-Payload-Digest")))
    record = _parsed(stripped)
    assert record.problems == ()
    assert unchecked_reason(record) == "no WARC-Block-Digest or WARC-Payload-Digest"


def test_a_digest_in_an_unknown_algorithm_is_not_checkable() -> None:
    data, _ = _record_bytes()
    renamed = data.replace(b"WARC-Block-Digest: sha1:", b"WARC-Block-Digest: crc99:")
    renamed = renamed.replace(b"WARC-Payload-Digest: sha1:", b"WARC-Payload-Digest: crc99:")
    assert unchecked_reason(_parsed(renamed)) == (
        "a digest header names an algorithm or encoding that cannot be read")


def test_describe_leaves_out_what_the_record_does_not_say() -> None:
    data, record_id = _record_bytes()
    assert describe(_parsed(data)) == f"response record {record_id} http://127.0.0.1:9/a/"


def _parsed(data: bytes) -> WarcRecord:
    parsed = parse_record(data, 0)
    assert parsed is not None
    return parsed[0]
