"""JSONL files: whole lines only, even after a crash left a torn last line."""

from __future__ import annotations

import json
from pathlib import Path

from pipelines.jsonl import JsonlAppender, read_jsonl


def test_records_are_appended_one_per_line_in_utf8(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    out = JsonlAppender(path)
    out.write({"id": "1", "author": "Zoë Müller"})
    out.write({"id": "2", "author": "<script>"})
    out.close()
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b""
    assert json.loads(lines[0]) == {"id": "1", "author": "Zoë Müller"}
    assert "Zoë".encode() in lines[0]  # not \\u-escaped: the file stays readable
    assert [r["id"] for r in read_jsonl(path)] == ["1", "2"]


def test_a_torn_last_line_is_cut_before_appending(tmp_path: Path) -> None:
    path = tmp_path / "comments.jsonl"
    path.write_bytes(b'{"id":"1"}\n{"id":"2","te')
    out = JsonlAppender(path)
    out.write({"id": "3"})
    out.close()
    assert [r["id"] for r in read_jsonl(path)] == ["1", "3"]


def test_reopening_appends_instead_of_overwriting(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    for n in range(2):
        out = JsonlAppender(path)
        out.write({"n": n})
        out.close()
    assert [r["n"] for r in read_jsonl(path)] == [0, 1]
