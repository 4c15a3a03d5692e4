"""Cutting big `.warc.gz` files into record-aligned parts (`pipelines.replay_tasks`)."""

from __future__ import annotations

from pathlib import Path

from archive.gzip_members import read_member
from archive.warc_scan import Found, scan
from pipelines.replay_tasks import bounded, split

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "spiders" / "recorded_site" / "data" / "wordpress-demo.warc.gz"


def test_parts_start_at_gzip_members_holding_a_record_and_cover_the_file_in_order() -> None:
    parts = split([DEMO], 20_000)
    size = DEMO.stat().st_size
    starts = {item.offset for item in scan(DEMO) if isinstance(item, Found)}
    assert parts[0].start == 0 and parts[-1].end is None and len(parts) >= 8
    for part, following in zip(parts, parts[1:], strict=False):
        assert part.end == following.start and part.start < following.start
        assert following.start in starts  # a record's own member, not bytes inside one
        with open(DEMO, "rb") as stream:
            assert read_member(stream, following.start).data.startswith(b"WARC/")
        assert following.info["crawl-id"]  # read with the file's warcinfo
    assert all(part.file_bytes == size for part in parts)


def test_a_small_file_is_one_part_and_files_keep_their_order(tmp_path: Path) -> None:
    other = tmp_path / "other.warc.gz"
    other.write_bytes(DEMO.read_bytes())
    assert [(p.path, p.start, p.end) for p in split([other, DEMO], 1 << 20)] == [
        (str(other), 0, None), (str(DEMO), 0, None)]


def test_a_bounded_walk_stops_at_the_first_record_at_or_past_the_end_and_says_where() -> None:
    parts = split([DEMO], 20_000)
    first = parts[0]
    stop: list[int] = []
    walked = list(bounded(scan(DEMO, first.start), first.end, stop))
    assert walked and all(item.offset < parts[1].start for item in walked)
    assert stop == [parts[1].start]
    rest: list[int] = []
    assert list(bounded(scan(DEMO, parts[-1].start), None, rest)) and rest == []

