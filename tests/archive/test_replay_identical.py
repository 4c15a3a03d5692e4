"""Replaying a crawl's WARCs gives that crawl's JSONL byte for byte, line for line.

Replayed into a folder where the WARCs sit at the same relative path (`warc/...`), even the
`provenance.warc_file` field is equal, so every line must be the same bytes. Lines are compared
as sorted lists: the crawl writes in callback order, replay in WARC order, and this test is about
the records, not about the order concurrent downloads finished in.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

LONGFORM = [sys.executable, "-m", "spiders.cli"]


@pytest.mark.parametrize("name", ["articles.jsonl", "comments.jsonl"])
def test_replay_reproduces_every_line_byte_for_byte(demo_dataset: Path, tmp_path: Path, name: str) -> None:
    shutil.copytree(demo_dataset / "warc", tmp_path / "warc", ignore=shutil.ignore_patterns("index.cdxj"))
    result = subprocess.run([*LONGFORM, "replay", str(tmp_path / "warc"), "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    crawled = (demo_dataset / name).read_bytes().splitlines(keepends=True)
    replayed = (tmp_path / name).read_bytes().splitlines(keepends=True)
    assert len(crawled) > 10
    assert sorted(replayed) == sorted(crawled)


def test_a_repeat_replay_appends_nothing_and_says_the_records_are_already_there(
    demo_dataset: Path, tmp_path: Path
) -> None:
    """Not '0 articles, 0 comments' beside a coverage line counting 11: the summary says the
    records are already in the folder, with their numbers."""
    shutil.copytree(demo_dataset / "warc", tmp_path / "warc", ignore=shutil.ignore_patterns("index.cdxj"))
    replay = [*LONGFORM, "replay", str(tmp_path / "warc"), "--out", str(tmp_path)]
    first = subprocess.run(replay, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr[-3000:]
    articles = len((demo_dataset / "articles.jsonl").read_bytes().splitlines())
    comments = len((demo_dataset / "comments.jsonl").read_bytes().splitlines())
    assert f": {articles} articles, {comments} comments\n" in first.stdout
    files = {name: (tmp_path / name).read_bytes() for name in ("articles.jsonl", "comments.jsonl")}
    again = subprocess.run(replay, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr[-3000:]
    assert again.stdout.startswith("Replayed 1 WARC file(s) in ")
    summary = again.stdout.splitlines()[0]
    assert summary.endswith(f"s: 0 new ({articles} articles, {comments} comments already in {tmp_path})")
    assert {name: (tmp_path / name).read_bytes() for name in files} == files
