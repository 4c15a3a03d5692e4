"""Fast incremental runs on the bundled sample site (ETag/Last-Modified and 304 like nginx):
run 2 with no change fetches no article page and appends nothing; `--full` fetches every article
again (its unchanged bodies become identical-payload revisits) and still appends nothing."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archive.records import REVISIT_IDENTICAL
from tests.sites.sample_site import serve_sample_site

LONGFORM = [sys.executable, "-m", "spiders.cli"]


def _crawl(profile: Path, out: Path, *extra: str) -> list[tuple[str, str, int, str]]:
    """This run's answers: (record type, URI, status, WARC-Profile)."""
    before = set(out.glob("sample/warc/*.warc.gz"))
    result = subprocess.run([*LONGFORM, "crawl", str(profile), "--out", str(out), *extra],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    answers = []
    for path in sorted(set(out.glob("sample/warc/*.warc.gz")) - before):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type in ("response", "revisit"):
                    headers = record.rec_headers
                    answers.append((record.rec_type, headers.get_header("WARC-Target-URI"),
                                    int(record.http_headers.get_statuscode()),
                                    headers.get_header("WARC-Profile") or ""))
    return answers


def _line_counts(site: Path) -> tuple[int, int]:
    return tuple(len((site / f"{k}.jsonl").read_bytes().splitlines()) for k in ("articles", "comments"))  # type: ignore[return-value]


def test_no_change_fetches_no_article_and_full_refetches_without_new_lines(tmp_path: Path) -> None:
    with serve_sample_site() as base_url:
        profile = tmp_path / "sample.toml"
        profile.write_text(f'name = "sample"\nbase_url = "{base_url}/"\ntimezone = "America/New_York"\n'
                           "autothrottle = false\ndownload_delay = 0\nconcurrency = 4\n")
        first = _crawl(profile, tmp_path)
        counts = _line_counts(tmp_path / "sample")
        second = _crawl(profile, tmp_path)
        assert _line_counts(tmp_path / "sample") == counts
        assert not [uri for _, uri, _, _ in second if "/archives/" in uri]
        # Feeds and robots.txt: 304. Stored again only the REST query (a new URL each run).
        stored = [uri for kind, uri, status, _ in second if kind == "response" and status == 200]
        assert len(stored) == 1 and "/wp-json/wp/v2/posts?modified_after=" in stored[0]
        assert len(second) < 0.5 * len(first)

        full = _crawl(profile, tmp_path, "--full")
    assert _line_counts(tmp_path / "sample") == counts
    articles = {uri for _, uri, _, _ in first if "/archives/" in uri}
    refetched = {uri: (kind, profile) for kind, uri, _, profile in full if uri in articles}
    assert set(refetched) == articles
    assert set(refetched.values()) == {("revisit", REVISIT_IDENTICAL)}


def test_records_from_an_identical_revisit_point_at_the_capture_holding_the_body(tmp_path: Path) -> None:
    site = tmp_path / "sample"
    with serve_sample_site() as base_url:
        profile = tmp_path / "sample.toml"
        profile.write_text(f'name = "sample"\nbase_url = "{base_url}/"\ntimezone = "America/New_York"\n'
                           "autothrottle = false\ndownload_delay = 0\nconcurrency = 4\n")
        _crawl(profile, tmp_path)
        first = (site / "articles.jsonl").read_bytes().splitlines()
        # The article lines are lost (say, restored from an old backup): state forgets them too.
        (site / "articles.jsonl").unlink()
        with sqlite3.connect(site / "state.sqlite") as db:
            db.execute("DELETE FROM records WHERE key LIKE 'article:%'")
            db.execute("DELETE FROM jsonl_files WHERE name = 'articles.jsonl'")
        full = _crawl(profile, tmp_path, "--full")
    assert {kind for kind, uri, _, _ in full if "/archives/" in uri} == {"revisit"}
    again = (site / "articles.jsonl").read_bytes().splitlines()
    assert sorted(json.loads(a)["provenance"]["warc_record_id"] for a in again) == \
        sorted(json.loads(a)["provenance"]["warc_record_id"] for a in first)
    verify = subprocess.run([*LONGFORM, "verify", str(site)], capture_output=True, text=True)
    assert verify.returncode == 0, verify.stdout[-3000:]
