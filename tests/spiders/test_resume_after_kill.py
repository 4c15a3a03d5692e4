"""SIGKILL in the middle of a crawl, then the same command again: the dataset equals the one an
uninterrupted crawl writes (same record ids and content, no duplicates), the WARCs verify clean,
and the second run does not fetch again the article pages the killed run had finished."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from resume_checks import dataset
from warcio.archiveiterator import ArchiveIterator

from tests.sites.sample_site import serve_sample_site

LONGFORM = [sys.executable, "-m", "spiders.cli"]


def _profile(folder: Path, base_url: str, delay: float) -> Path:
    path = folder / "sample.toml"
    path.write_text(
        f'name = "sample"\nbase_url = "{base_url}/"\ntimezone = "America/New_York"\n'
        f"autothrottle = false\ndownload_delay = {delay}\nconcurrency = 1\n"
    )
    return path


def _crawl(profile: Path, out: Path) -> None:
    result = subprocess.run([*LONGFORM, "crawl", str(profile), "--out", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]


def _article_fetches(site: Path) -> list[str]:
    urls = []
    for path in sorted((site / "warc").glob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                if record.rec_type in ("response", "revisit") and "/archives/" in uri:
                    urls.append(uri)
    return urls


def test_a_crawl_killed_with_sigkill_resumes_to_the_uninterrupteddataset(tmp_path: Path) -> None:
    with serve_sample_site() as base_url:
        _crawl(_profile(tmp_path, base_url, 0.0), tmp_path / "whole")

        killed = tmp_path / "killed"
        killed.mkdir()
        profile = _profile(killed, base_url, 0.2)
        crawl = subprocess.Popen([*LONGFORM, "crawl", str(profile), "--out", str(killed)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        comments = killed / "sample" / "comments.jsonl"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (not comments.exists() or comments.stat().st_size < 20_000):
            time.sleep(0.02)
        crawl.send_signal(signal.SIGKILL)
        crawl.wait(timeout=30)
        partial = dataset(killed / "sample")
        fetched_before = set(_article_fetches(killed / "sample"))
        assert 0 < len(partial["articles"]) < len(dataset(tmp_path / "whole" / "sample")["articles"])

        _crawl(profile, killed)

    assert dataset(killed / "sample") == dataset(tmp_path / "whole" / "sample")
    fetches = _article_fetches(killed / "sample")
    again = [url for url in fetched_before if fetches.count(url) > 1]
    # At most the page in flight at the kill: archived, its records not yet written.
    assert len(again) <= 1, f"fetched again after the kill: {again}"
    verify = subprocess.run([*LONGFORM, "verify", str(killed / "sample")], capture_output=True, text=True)
    assert verify.returncode == 0, verify.stdout[-3000:]
