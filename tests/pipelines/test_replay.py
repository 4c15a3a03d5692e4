"""Replay: records re-derived from WARC files alone, read with the profile the crawl wrote.

`longform replay` giving the crawl's own records byte for byte is in
`tests/archive/test_replay_identical.py`; this is the function below the verb, in process.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest

from archive.records import Exchange
from archive.writer import RollingWarcWriter
from pipelines.replay import replay
from scrapers.profile import SiteProfile, profile_to_json

DATA = Path(__file__).resolve().parents[1] / "data"
URL = "https://moritz-meyer.net/blog/vreni-frost-instagram-abmahnung/"  # tests/data/real-wordpress/README
BODY = (DATA / "real-wordpress" / "moritz-meyer.net.vreni.html").read_bytes()
HTML = (("Content-Type", "text/html; charset=UTF-8"),)


def _warc(folder: Path, info: dict[str, str]) -> Path:
    writer = RollingWarcWriter(folder, "site", {"crawl-id": "run-1", **info})
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    writer.write_exchange(Exchange(URL, "GET", (), b"", "HTTP/1.1", 200, HTML, BODY), when)
    writer.write_exchange(Exchange(URL + "missing/", "GET", (), b"", "HTTP/1.1", 404, HTML, BODY), when)
    writer.write_exchange(Exchange("https://moritz-meyer.net/robots.txt", "GET", (), b"", "HTTP/1.1", 200,
                                   (("Content-Type", "text/plain"),), b"User-agent: *\n"), when)
    writer.close()
    return writer.files[0]


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_replay_writes_the_article_and_its_comments_with_provenance_once(tmp_path: Path) -> None:
    profile = SiteProfile(name="mm", base_url="https://moritz-meyer.net/", timezone="Europe/Berlin")
    warc = _warc(tmp_path / "warc", {"longform-profile": profile_to_json(profile)})
    steps: list[tuple[int, int]] = []
    seen: list[SiteProfile | None] = []
    replay([warc], tmp_path / "out", progress=lambda n, size: steps.append((n, size)),
           observe=lambda kind, filled, used: seen.append(used))
    (article,) = _lines(tmp_path / "out" / "articles.jsonl")
    comments = _lines(tmp_path / "out" / "comments.jsonl")
    assert article["url"] == URL and len(comments) == 20
    assert article["provenance"]["warc_file"] == "../warc/" + warc.name  # type: ignore[index]
    assert article["fetched_at"] == "2026-01-02T03:04:05Z"
    assert [n for n, _ in steps] == [1, 2, 3] and steps[-1][1] <= warc.stat().st_size
    assert len(seen) == 21 and set(seen) == {profile}  # read with the profile the crawl recorded
    replay([warc], tmp_path / "out")
    assert len(_lines(tmp_path / "out" / "articles.jsonl")) == 1  # a second replay adds nothing
    assert len(_lines(tmp_path / "out" / "comments.jsonl")) == 20


def test_an_unreadable_profile_in_the_warc_is_ignored_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    warc = _warc(tmp_path / "warc", {"longform-profile": '{"name": "x", "no_such_key": 1}'})
    found: list[str] = []
    with caplog.at_level(logging.WARNING, logger="pipelines.replay_worker"):
        replay([warc], tmp_path / "out", find_profile=lambda url: found.append(url) or None)
    assert "Ignoring unreadable profile in warcinfo" in caplog.text
    assert URL in found  # then the caller's lookup by URL is asked
    assert len(_lines(tmp_path / "out" / "articles.jsonl")) == 1
