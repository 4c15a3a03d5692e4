"""`scrapy crawl SITE` and `longform crawl SITE` give the same run (`spiders.run_lifecycle`): the
same files, the same report, the same lock and the same exit statuses. Both commands run as
subprocesses against the demo recording (`spiders/recorded_site/`) on loopback."""

from __future__ import annotations

import json
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from spiders.recorded_site import serve_recorded_site
from spiders.site_lock import LOCK_FILE

REPO = Path(__file__).resolve().parents[2]
LONGFORM = [sys.executable, "-m", "spiders.cli"]
SCRAPY = [str(Path(sys.executable).with_name("scrapy"))]
RUN_SPECIFIC = re.compile(r"\d{8}T\d{6}Z|\d{20}")
"""Crawl ids ('<site>-YYYYMMDDTHHMMSSZ') and WARC file stamps: differ from run to run."""
PER_RUN_REPORT_FIELDS = ("crawl_id", "started", "finished", "duration_seconds")


def _profile(tmp_path: Path, base_url: str, delay: float = 0.0) -> Path:
    path = tmp_path / "rec.toml"
    path.write_text(
        f'name = "rec"\nbase_url = "{base_url}"\ntimezone = "America/New_York"\n'
        f"autothrottle = false\ndownload_delay = {delay}\nconcurrency = 1\n"
    )
    return path


def _longform(profile: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*LONGFORM, "crawl", str(profile), "--out", str(out)],
                          capture_output=True, text=True, timeout=300, cwd=REPO)


def _scrapy_command(profile: Path, out: Path) -> list[str]:
    return [*SCRAPY, "crawl", str(profile), "-s", f"LONGFORM_DATA_DIR={out}"]


def _scrapy(profile: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_scrapy_command(profile, out), capture_output=True, text=True,
                          timeout=300, cwd=REPO)


def _files(site: Path) -> list[str]:
    return sorted(RUN_SPECIFIC.sub("ID", str(path.relative_to(site)))
                  for path in site.rglob("*") if path.is_file())


def _records(path: Path) -> list[dict[str, Any]]:
    """The JSONL records without what differs per run (fetch time, WARC record ids and offsets)."""
    records = []
    for line in path.read_text("utf-8").splitlines():
        record = json.loads(line)
        record.pop("fetched_at")
        provenance = record.pop("provenance")
        assert provenance["warc_record_id"] and provenance["crawl_id"].startswith("rec-")
        record["provenance_uri"] = provenance["target_uri"]
        record["provenance_digest"] = provenance["payload_digest"]
        records.append(record)
    return records


def _report(site: Path) -> dict[str, Any]:
    report = json.loads((site / "crawl-report.json").read_text("utf-8"))
    copy = json.loads((site / "reports" / f"{report['crawl_id']}.json").read_text("utf-8"))
    assert copy == report
    for field in PER_RUN_REPORT_FIELDS:
        report.pop(field)
    for warc in report["warc_files"]:  # gzip sizes vary with the dates they compress
        warc["path"] = RUN_SPECIFIC.sub("ID", warc["path"])
        assert warc.pop("bytes") > 0
    return report


def _runs(site: Path) -> list[str]:
    with sqlite3.connect(site / "state.sqlite") as db:
        return [row[0] for row in db.execute("SELECT status FROM runs")]


def _summary(stdout: str) -> list[str]:
    """The report's lines as printed, without ids, times and the folder."""
    lines = stdout[stdout.index("Report "):].splitlines()
    return [RUN_SPECIFIC.sub("ID", re.sub(r"\S*/rec/", "", line)) for line in lines
            if not line.startswith("  20")]  # the start .. finish line


def test_longform_crawl_and_scrapy_crawl_write_the_same_files_and_report(tmp_path: Path) -> None:
    with serve_recorded_site() as base_url:
        profile = _profile(tmp_path, base_url)
        longform = _longform(profile, tmp_path / "longform")
        scrapy = _scrapy(profile, tmp_path / "scrapy")
    assert longform.returncode == 0, longform.stderr[-3000:]
    assert scrapy.returncode == 0, scrapy.stderr[-3000:]
    one, two = tmp_path / "longform" / "rec", tmp_path / "scrapy" / "rec"

    assert _files(one) == _files(two)
    assert {"crawl-report.json", "reports/rec-ID.json", "state.sqlite", LOCK_FILE,
            "warc/rec-ID-00000.warc.gz"} <= set(_files(one))
    for name in ("articles.jsonl", "comments.jsonl"):
        assert _records(one / name) == _records(two / name)
    assert len(_records(one / "articles.jsonl")) == 11  # the recording's posts
    assert len(_records(one / "comments.jsonl")) == 94
    report = _report(one)
    assert report == _report(two)
    assert report["exit_status"] == 0 and report["failure"] is None
    assert report["records_appended"] == {"articles": 11, "comments": 94}
    assert _runs(one) == _runs(two) == ["finished"]
    assert _summary(longform.stdout) == _summary(scrapy.stdout)


def test_a_second_scrapy_crawl_of_the_site_is_refused_by_the_lock(tmp_path: Path) -> None:
    out, site = tmp_path / "out", tmp_path / "out" / "rec"
    with serve_recorded_site() as base_url:
        profile = _profile(tmp_path, base_url, delay=0.5)  # 16 requests, ~8 s: time to collide
        first = subprocess.Popen(_scrapy_command(profile, out), cwd=REPO,
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            _wait_for_crawl_of(first.pid, site)
            before = _files(site)
            second = _scrapy(profile, out)
            after = _files(site)
            assert first.poll() is None, "the first crawl ended before the second one started"
            first.send_signal(signal.SIGTERM)
            stdout, _ = first.communicate(timeout=60)
        finally:
            first.kill()

    assert second.returncode == 75, second.stderr[-3000:]
    refusal = [line for line in second.stderr.splitlines() if line.startswith("scrapy: ")]
    assert len(refusal) == 1 and "Traceback" not in second.stderr
    assert refusal[0].startswith(f"scrapy: another crawl of rec is running (pid {first.pid}, since ")
    assert "Report " not in second.stdout
    # The refused run wrote nothing: no file of its own (no WARC, no report) beside the first's.
    assert after == before and "crawl-report.json" not in after
    assert len(list(site.glob("warc/*.warc.gz"))) == 1
    # The first, stopped by SIGTERM, still reported: a shutdown fails the run (exit 1).
    assert first.returncode == 1
    report = json.loads((site / "crawl-report.json").read_text("utf-8"))
    assert report["finish_reason"] == "shutdown" and report["exit_status"] == 1
    assert "FAILED: the crawl stopped early (finish reason: shutdown)" in stdout
    assert _runs(site) == ["failed"]


def test_a_crawl_of_a_dead_port_exits_1_and_the_report_says_why(tmp_path: Path) -> None:
    profile = _profile(tmp_path, f"http://127.0.0.1:{_free_port()}/")
    scrapy, longform = _scrapy(profile, tmp_path / "scrapy"), _longform(profile, tmp_path / "longform")
    for result, folder in ((scrapy, "scrapy"), (longform, "longform")):
        assert result.returncode == 1, result.stderr[-3000:]
        report = json.loads((tmp_path / folder / "rec" / "crawl-report.json").read_text("utf-8"))
        assert report["exit_status"] == 1
        assert re.fullmatch(r"all \d+ requests failed; is the site up and reachable\?", report["failure"])
        assert report["errors"]["exceptions"]  # connection refused, by type
        assert f"FAILED: {report['failure']}" in result.stdout
    assert f"scrapy: error: {report['failure']}" in scrapy.stderr.splitlines()


def _free_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_crawl_of(pid: int, site: Path, timeout: float = 60) -> None:
    """Until process `pid` holds the lock and has written its WARC file."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lock = site / LOCK_FILE
        if lock.exists() and f"pid {pid}," in lock.read_text() and list(site.glob("warc/*.warc.gz")):
            return
        time.sleep(0.05)
    raise AssertionError(f"process {pid} never started crawling into {site}")
