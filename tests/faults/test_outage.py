"""The site goes down in the middle of a crawl (connections refused, then 503 to everything).

A short outage: the crawl pauses the whole site with a growing back-off instead of spending its
retries in a second, and finishes the dataset once the site is back. An outage longer than the
profile's `max_duration`: the crawl stops with exit status 1, its report lists what it did not
fetch, nothing unfetched counts as done, and the next run fetches exactly what was missing.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from fault_server import UNAVAILABLE, FaultServer

from tests.sites.sample_site import ground_truth

LONGFORM = [sys.executable, "-m", "spiders.cli"]


def _profile(folder: Path, base_url: str, max_duration: float) -> Path:
    path = folder / "sample.toml"
    path.write_text(
        f'name = "sample"\nbase_url = "{base_url}/"\ntimezone = "America/New_York"\n'
        "autothrottle = false\ndownload_delay = 0.1\nconcurrency = 1\n"
        f"[outage]\nthreshold = 2\nbackoff_start = 0.2\nbackoff_max = 0.8\nmax_duration = {max_duration}\n"
    )
    return path


def _wait_for_lines(path: Path, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.02)
    raise AssertionError(f"fewer than {count} records in {path} after {timeout}s")


def _records(site: Path, kind: str) -> list[dict[str, Any]]:
    data = (site / f"{kind}.jsonl").read_bytes()
    assert data.endswith(b"\n"), f"{kind}.jsonl ends in a torn line"
    return [json.loads(line) for line in data.splitlines()]


def _assert_complete_once(site: Path) -> None:
    """Every article and reader comment of the site, each exactly once."""
    truth = ground_truth()
    articles, comments = _records(site, "articles"), _records(site, "comments")
    assert sorted(a["id"] for a in articles) == sorted({a["id"] for a in articles})
    assert len(articles) == len(truth)
    expected = sorted(c.id for a in truth for c in a.comments if not c.is_ping)
    assert sorted(c["id"] for c in comments) == expected


def _outage(fault: FaultServer, refuse: float, unavailable: float | None, retry_after: int | None) -> None:
    fault.refuse()
    time.sleep(refuse)
    fault.unavailable(retry_after)
    if unavailable is not None:
        time.sleep(unavailable)
        fault.up()


def test_a_short_outage_is_ridden_out_with_backoff(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with FaultServer() as fault:
        command = [*LONGFORM, "crawl", str(_profile(tmp_path, fault.origin, 30)), "--out", str(out)]
        crawl = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            _wait_for_lines(out / "sample" / "articles.jsonl", 2)
            down = threading.Thread(target=_outage, args=(fault, 1.5, 1.5, None))
            started = time.monotonic()
            down.start()
            down.join()
            back = time.monotonic()
            stdout, stderr = crawl.communicate(timeout=120)
        finally:
            crawl.kill()
    assert crawl.returncode == 0, stderr[-3000:]
    assert "The site looks down" in stderr and "answers again after" in stderr
    report = json.loads((out / "sample" / "crawl-report.json").read_text())
    refused = report["errors"]["exceptions"].get("scrapy.exceptions.DownloadConnectionRefusedError", 0)
    during_503 = [path for moment, mode, path in fault.served if mode == UNAVAILABLE]
    # Backed off: a few tries over 3 s (0.2, 0.4, 0.8, 0.8... s apart), not retries burnt at once
    # (a request gives up after 3 tries within milliseconds without the back-off).
    assert 1 <= refused <= 12, report["errors"]
    assert 1 <= len(during_503) <= 8, during_503
    assert back - started >= 3.0
    assert report["not_fetched"] == []
    _assert_complete_once(out / "sample")


def _page_fetches(site: Path) -> list[tuple[str, int, str]]:
    """(WARC file name, status, URL) of every article or comment page response, in order."""
    from warcio.archiveiterator import ArchiveIterator

    found = []
    for path in sorted((site / "warc").glob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                if record.rec_type in ("response", "revisit") and "/archives/" in uri:
                    found.append((path.name, record.http_headers.get_statuscode(), uri))
    return found


def test_a_long_outage_stops_the_crawl_and_the_next_run_fetches_what_is_missing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    site = out / "sample"
    with FaultServer() as fault:
        command = [*LONGFORM, "crawl", str(_profile(tmp_path, fault.origin, 2.0)), "--out", str(out)]
        crawl = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            _wait_for_lines(site / "articles.jsonl", 2)
            _outage(fault, 0.5, None, 1)  # refused, then 503 + Retry-After: 1 until the crawl gives up
            started = time.monotonic()
            stdout, stderr = crawl.communicate(timeout=120)
            stopped_after = time.monotonic() - started
        finally:
            crawl.kill()
        assert crawl.returncode == 1, stderr[-3000:]
        assert stopped_after < 15
        report = json.loads((site / "crawl-report.json").read_text())
        assert report["finish_reason"] == "site_outage"
        assert "stopped early" in report["failure"]
        assert report["not_fetched"], report
        assert "not fetched (the site was down)" in stdout
        first = _page_fetches(site)
        first_run = {name for name, _, _ in first}
        done = {url for _, status, url in first if status == "200"}
        assert not set(report["not_fetched"]) & done  # what it says it did not fetch, it did not

        fault.up()
        rerun = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert rerun.returncode == 0, rerun.stderr[-3000:]

    _assert_complete_once(site)
    second = [(status, url) for name, status, url in _page_fetches(site) if name not in first_run]
    missing_pages = {url for url in report["not_fetched"] if "/archives/" in url}
    refetched = {url for _, url in second} & done
    # The second run fetched every page the first left out, and of the pages the first had,
    # at most the permalinks of articles whose comment pages were left out (their re-check).
    assert missing_pages <= {url for _, url in second}
    assert all("comment-page" not in url for url in refetched), refetched
    assert len(refetched) <= len(missing_pages)


def test_sigterm_during_a_pause_stops_the_crawl_without_waiting_it_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    profile = tmp_path / "slow.toml"
    with FaultServer() as fault:
        profile.write_text(_profile(tmp_path, fault.origin, 600).read_text()
                           .replace("backoff_start = 0.2", "backoff_start = 60").replace("0.8", "60"))
        crawl = subprocess.Popen([*LONGFORM, "crawl", str(profile), "--out", str(out)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            _wait_for_lines(out / "sample" / "articles.jsonl", 2)
            fault.refuse()
            time.sleep(3)  # the site counts as down: a 60 s pause is on
            crawl.send_signal(signal.SIGTERM)
            stopped = time.monotonic()
            stdout, stderr = crawl.communicate(timeout=60)
            waited = time.monotonic() - stopped
        finally:
            crawl.kill()
    assert "pausing the crawl 60.0 s" in stderr
    assert crawl.returncode == 1 and waited < 10, (waited, stderr[-2000:])
    assert "Crawl shutdown" in stdout
