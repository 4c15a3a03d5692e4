"""The rolling WARC writer: every record whole on disk as soon as it is written, files never reused.

Round trips through the reader, rollover at the size limit and `warcio check` are in
`test_warc_roundtrip.py`; a full disk in `tests/faults/test_writers_on_full_disk.py`.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archive.records import REVISIT_IDENTICAL, Exchange, RefersTo
from archive.writer import RollingWarcWriter


def _exchange(url: str, status: int = 200, body: bytes = b"<p>hello</p>") -> Exchange:
    return Exchange(url, "GET", (), b"", "HTTP/1.1", status, (("Content-Type", "text/html"),), body)


def _types(path: Path) -> list[tuple[str, str | None]]:
    with open(path, "rb") as stream:
        return [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(stream)]


def test_each_exchange_is_on_disk_before_the_file_is_closed(tmp_path: Path) -> None:
    """A crawl killed now (no close, no flush at exit) leaves every exchange written so far whole."""
    writer = RollingWarcWriter(tmp_path / "warc", "demo", {"crawl-id": "run-1"})
    writer.write_exchange(_exchange("http://127.0.0.1/a"))
    (path,) = writer.files
    assert _types(path) == [("warcinfo", None), ("response", "http://127.0.0.1/a"),
                            ("request", "http://127.0.0.1/a")]
    writer.write_exchange(_exchange("http://127.0.0.1/b"))
    assert len(_types(path)) == 5
    writer.close()


def test_the_file_is_named_after_the_prefix_and_its_folder_is_made(tmp_path: Path) -> None:
    writer = RollingWarcWriter(tmp_path / "new" / "warc", "lwj", {})
    location = writer.write_exchange(_exchange("http://127.0.0.1/a"))
    writer.close()
    (path,) = writer.files
    assert path.parent == tmp_path / "new" / "warc"
    prefix, stamp, serial = path.name.removesuffix(".warc.gz").split("-")
    assert (prefix, len(stamp), serial) == ("lwj", 20, "00000")
    assert location.warc_file == str(path) and Path(location.warc_file).is_absolute()


def test_a_write_after_close_opens_a_new_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    writer = RollingWarcWriter(tmp_path, "demo", {})
    writer.write_exchange(_exchange("http://127.0.0.1/a"))
    writer.close()
    first = writer.files[0].read_bytes()
    writer.write_exchange(_exchange("http://127.0.0.1/b"))
    writer.close()
    assert len(writer.files) == 2
    assert writer.files[0].read_bytes() == first
    assert _types(writer.files[1])[0] == ("warcinfo", None)


def test_the_warc_date_is_the_time_given_to_the_microsecond(tmp_path: Path) -> None:
    writer = RollingWarcWriter(tmp_path, "demo", {})
    when = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
    location = writer.write_exchange(_exchange("http://127.0.0.1/a"), when)
    writer.close()
    assert location.warc_date == "2026-01-02T03:04:05.678901Z"


def test_a_revisit_location_opens_the_revisit_record(tmp_path: Path) -> None:
    writer = RollingWarcWriter(tmp_path, "demo", {})
    full = writer.write_exchange(_exchange("http://127.0.0.1/a"))
    refers = RefersTo(full.record_id, full.target_uri, full.warc_date, full.payload_digest)
    revisit = writer.write_revisit(_exchange("http://127.0.0.1/a"), REVISIT_IDENTICAL, refers)
    writer.close()
    assert revisit.offset == full.offset + full.length + _request_length(writer.files[0], full.offset)
    with open(revisit.warc_file, "rb") as stream:
        stream.seek(revisit.offset)
        member = stream.read(revisit.length)
    record = next(iter(ArchiveIterator(io.BytesIO(member))))
    assert record.rec_type == "revisit"
    assert record.rec_headers.get_header("WARC-Refers-To") == full.record_id
    assert revisit.payload_digest == full.payload_digest  # the digest of the body it stands for


def _request_length(path: Path, response_offset: int) -> int:
    """Length of the request member that follows the response at `response_offset`."""
    with open(path, "rb") as stream:
        iterator = ArchiveIterator(stream)
        offsets = []
        for _ in iterator:
            offsets.append((iterator.get_record_offset(), iterator.get_record_length()))
    index = [offset for offset, _ in offsets].index(response_offset)
    return offsets[index + 1][1]
