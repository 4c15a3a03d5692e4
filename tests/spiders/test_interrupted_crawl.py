"""SIGTERM in the middle of a crawl: WARCs closed cleanly, JSONL whole lines, a rerun completes it."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from tests.sites.sample_site import ground_truth, serve_sample_site

LONGFORM = [sys.executable, "-m", "spiders.cli"]


def _profile(tmp_path: Path, base_url: str) -> Path:
    """A slow, polite crawl of the sample site, so there is time to interrupt it."""
    path = tmp_path / "sample.toml"
    path.write_text(
        f'name = "sample"\nbase_url = "{base_url}/"\ntimezone = "America/New_York"\n'
        "autothrottle = false\ndownload_delay = 0.25\nconcurrency = 1\n"
    )
    return path


def _wait_for_records(path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= 1:
            return
        time.sleep(0.05)
    raise AssertionError(f"no records in {path} after {timeout}s")


def _lines(path: Path) -> list[dict[str, object]]:
    data = path.read_bytes()
    assert data.endswith(b"\n"), f"{path} ends in a torn line"
    return [json.loads(line) for line in data.splitlines()]


def test_sigterm_closes_the_warc_and_a_rerun_completes_the_dataset(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with serve_sample_site() as base_url:
        command = [*LONGFORM, "crawl", str(_profile(tmp_path, base_url)), "--out", str(out)]
        crawl = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            _wait_for_records(out / "sample" / "articles.jsonl")
            crawl.send_signal(signal.SIGTERM)
            stdout, stderr = crawl.communicate(timeout=60)
        finally:
            crawl.kill()
        assert crawl.returncode == 1, stderr[-2000:]  # interrupted: not a success for cron
        assert "Crawl shutdown" in stdout

        site = out / "sample"
        partial = {kind: _lines(site / f"{kind}.jsonl") for kind in ("articles", "comments")}
        for warc in (site / "warc").glob("*.warc.gz"):
            check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(warc)],
                                   capture_output=True, text=True)
            assert check.returncode == 0, check.stdout + check.stderr

        rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
        assert rerun.returncode == 0, rerun.stderr[-2000:]

    truth = ground_truth()
    articles = _lines(site / "articles.jsonl")
    comments = _lines(site / "comments.jsonl")
    assert len(partial["articles"]) < len(truth)  # the interruption did cut the first run short
    assert articles[: len(partial["articles"])] == partial["articles"]  # appended, not rewritten
    assert sorted(Counter(a["id"] for a in articles).values()) == [1] * len(truth)
    reader_comments = [c for a in truth for c in a.comments if not c.is_ping]
    assert sorted(c["id"] for c in comments) == sorted(c.id for c in reader_comments)
