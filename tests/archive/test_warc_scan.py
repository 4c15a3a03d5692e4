"""`archive.warc_scan`: every record where warcio finds it, each damaged stretch named, the rest read.

The WARCs are written by warcio (gzip per record, and uncompressed) and damaged in tmp folders the
way files get damaged: a bit flipped in a gzip member, a file cut mid-record, a NUL-padded tail,
NUL bytes in the middle, a Content-Length too long or too short in an uncompressed file.
"""

from __future__ import annotations

import io
from pathlib import Path

import attrs
import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.warc_scan import DamagedSpan, ScannedRecord, scan_warc

PAGES = 5


@attrs.frozen
class Seen:
    offset: int
    length: int
    uri: str
    block: bytes


def _write(path: Path, gz: bool) -> Path:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for i in range(PAGES):
            body = f"<html><body>page {i} {'text ' * 40 * i}</body></html>".encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            record = writer.create_warc_record(f"http://example.org/{i}", "response",
                                               payload=io.BytesIO(body), length=len(body),
                                               http_headers=http)
            writer.write_record(record)
    return path


def _warcio(path: Path) -> list[Seen]:
    """What warcio finds in an undamaged file: offset, length, URI, block."""
    found = []
    with open(path, "rb") as stream:
        iterator = ArchiveIterator(stream, no_record_parse=True)
        for record in iterator:
            block = record.raw_stream.read()
            uri = record.rec_headers.get_header("WARC-Target-URI")
            found.append(Seen(iterator.get_record_offset(), iterator.get_record_length(), uri, block))
    return found


def _scan(path: Path) -> tuple[list[Seen], list[DamagedSpan]]:
    records: list[Seen] = []
    spans: list[DamagedSpan] = []
    for item in scan_warc(path):
        if isinstance(item, DamagedSpan):
            spans.append(item)
            continue
        assert isinstance(item, ScannedRecord)
        block = b"".join(iter(item.read, b""))
        if item.finish() is None:
            records.append(Seen(item.offset, item.length, item.headers.target_uri, block))
    return records, spans


@pytest.fixture(params=[True, False], ids=["warc.gz", "warc"])
def clean(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return _write(tmp_path / ("clean.warc.gz" if request.param else "clean.warc"), request.param)


def test_clean_file_gives_what_warcio_gives(clean: Path) -> None:
    records, spans = _scan(clean)
    assert spans == []
    assert records == _warcio(clean)


def _damaged(clean: Path, change: bytes) -> Path:
    path = clean.with_name("damaged" + "".join(clean.suffixes))
    path.write_bytes(change)
    return path


def test_flipped_byte_in_a_member_is_one_span_and_the_rest_is_read(tmp_path: Path) -> None:
    clean = _write(tmp_path / "clean.warc.gz", gz=True)
    seen = _warcio(clean)
    data = bytearray(clean.read_bytes())
    data[seen[2].offset + 40] ^= 0xFF  # inside the compressed data of the third member
    records, spans = _scan(_damaged(clean, bytes(data)))
    assert [(s.offset, s.length, s.to_end) for s in spans] == [(seen[2].offset, seen[2].length, False)]
    assert "gzip member damaged" in spans[0].reason
    assert records == seen[:2] + seen[3:]


def test_cut_mid_record_names_the_tail(clean: Path) -> None:
    seen = _warcio(clean)
    cut = seen[3].offset + seen[3].length // 2
    records, spans = _scan(_damaged(clean, clean.read_bytes()[:cut]))
    assert records == seen[:3]
    assert [(s.offset, s.length, s.to_end) for s in spans] == [(seen[3].offset, cut - seen[3].offset, True)]
    assert spans[0].headers is not None and spans[0].headers.target_uri == "http://example.org/3"


def test_nul_padded_tail_is_named_as_such(clean: Path) -> None:
    size = clean.stat().st_size
    records, spans = _scan(_damaged(clean, clean.read_bytes() + b"\0" * 9000))
    assert records == _warcio(clean)
    assert [(s.offset, s.length, s.to_end) for s in spans] == [(size, 9000, True)]
    assert "9000 NUL bytes at the end of the file" in spans[0].reason


def test_nul_bytes_in_the_middle_are_skipped(clean: Path) -> None:
    seen = _warcio(clean)
    data = clean.read_bytes()
    at = seen[2].offset
    records, spans = _scan(_damaged(clean, data[:at] + b"\0" * 4096 + data[at:]))
    assert [(s.offset, s.length) for s in spans] == [(at, 4096)]
    assert records == seen[:2] + [attrs.evolve(s, offset=s.offset + 4096) for s in seen[2:]]


@pytest.mark.parametrize("wrong", [b"9999", b"10"], ids=["too long", "too short"])
def test_wrong_content_length_in_a_plain_file_resumes_at_the_next_record(tmp_path: Path, wrong: bytes) -> None:
    clean = _write(tmp_path / "clean.warc", gz=False)
    seen = _warcio(clean)
    data = clean.read_bytes()
    header = data.index(b"Content-Length: ", seen[1].offset)
    end = data.index(b"\r\n", header)
    damaged = data[:header] + b"Content-Length: " + wrong + data[end:]
    records, spans = _scan(_damaged(clean, damaged))
    shift = len(damaged) - len(data)
    next_record = seen[2].offset + shift
    assert [(s.offset, s.length, s.to_end) for s in spans] == [(seen[1].offset, next_record - seen[1].offset, False)]
    assert f"Content-Length {int(wrong)}" in spans[0].reason
    assert records == [seen[0]] + [attrs.evolve(s, offset=s.offset + shift) for s in seen[2:]]


def test_not_a_warc_at_all(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_bytes(b"just some text\n" * 10)
    records, spans = _scan(path)
    assert records == []
    assert [(s.offset, s.length, s.to_end) for s in spans] == [(0, 150, True)]
    assert "not a WARC record here" in spans[0].reason
