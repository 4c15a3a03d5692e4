"""Export helpers: the latest version of each record, dates compared as times, atomic files.

`longform export` end to end (provenance still opening the WARC, --since, pseudonyms, a failed
write leaving the old file) is in `tests/spiders/test_export.py`; this is the level below it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipelines.export import (
    article_key,
    comment_key,
    latest_versions,
    read_records,
    rebase_provenance,
    stage_jsonl,
)


def test_fetch_times_compare_as_times_not_as_text() -> None:
    rows = [{"id": "a", "fetched_at": "2024-05-01T12:00:00+02:00", "v": "later in text, earlier in time"},
            {"id": "a", "fetched_at": "2024-05-01T11:00:00Z", "v": "latest"},
            {"id": "a", "fetched_at": "not a date", "v": "unreadable: oldest"}]
    assert [r["v"] for r in latest_versions(rows, article_key)] == ["latest"]


def test_records_keep_the_order_they_first_appeared_in() -> None:
    rows = [{"id": "b", "fetched_at": "2024-01-01T00:00:00Z"},
            {"id": "a", "fetched_at": "2024-01-01T00:00:00Z"},
            {"id": "b", "fetched_at": "2024-02-01T00:00:00Z"}]
    assert [r["id"] for r in latest_versions(rows, article_key)] == ["b", "a"]


def test_comment_ids_are_told_apart_by_article() -> None:
    rows = [{"id": "7", "article_id": "x", "fetched_at": "2024-01-01T00:00:00Z"},
            {"id": "7", "article_id": "y", "fetched_at": "2024-01-01T00:00:00Z"}]
    assert len(latest_versions(rows, comment_key)) == 2


def test_provenance_is_rebased_onto_the_output_folder(tmp_path: Path) -> None:
    source, out = tmp_path / "data" / "lwj", tmp_path / "export"
    record = {"id": "1", "provenance": {"warc_file": "warc/lwj-1.warc.gz", "warc_offset": 5}}
    moved = rebase_provenance(record, source, out)
    assert moved["provenance"] == {"warc_file": "../data/lwj/warc/lwj-1.warc.gz", "warc_offset": 5}
    assert (out / moved["provenance"]["warc_file"]).resolve() == (source / "warc/lwj-1.warc.gz").resolve()
    assert record["provenance"]["warc_file"] == "warc/lwj-1.warc.gz"  # the input is not changed
    assert rebase_provenance({"id": "2", "provenance": None}, source, out) == {"id": "2", "provenance": None}


def test_a_staged_file_sits_beside_the_old_one_whole_and_readable_until_renamed(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text('{"id":"old"}\n')
    temp, count = stage_jsonl(path, iter([{"id": "1", "t": "Zoë"}, {"id": "2"}]))
    assert count == 2 and temp.parent == tmp_path and temp.name.startswith(".articles.jsonl.")
    assert path.read_text("utf-8") == '{"id":"old"}\n'  # untouched until the caller renames
    assert temp.read_text("utf-8") == '{"id":"1","t":"Zoë"}\n{"id":"2"}\n'
    assert os.stat(temp).st_mode & 0o777 == 0o644  # mkstemp's 0600 would hide it from other readers
    os.replace(temp, path)
    assert [p.name for p in tmp_path.iterdir()] == ["articles.jsonl"]
    assert read_records(tmp_path, "articles.jsonl") == [{"id": "1", "t": "Zoë"}, {"id": "2"}]
    assert read_records(tmp_path, "comments.jsonl") == []


def test_a_failure_while_staging_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "comments.jsonl"
    path.write_text('{"id":"old"}\n')

    def records() -> object:
        yield {"id": "1"}
        raise RuntimeError("the reader broke")

    with pytest.raises(RuntimeError):
        stage_jsonl(path, records())  # type: ignore[arg-type]
    assert [p.name for p in tmp_path.iterdir()] == ["comments.jsonl"]
    assert json.loads(path.read_text()) == {"id": "old"}
