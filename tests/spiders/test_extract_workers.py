"""A crawl with extraction workers writes the dataset a crawl without them writes, also when a
worker is killed mid-crawl (issue 15). Real crawls of the demo recording on loopback."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import jsonschema

from pipelines.schema import SCHEMA_DIR
from spiders.recorded_site import serve_recorded_site

REPO = Path(__file__).resolve().parents[2]
LONGFORM = [sys.executable, "-m", "spiders.cli", "crawl"]
VARYING = ("fetched_at", "provenance")
"""Differ between two crawls of the same site: when and where in which WARC."""
STAT = re.compile(r"'(extract_pool/[a-z_]+)': (\d+)")


def _profile(tmp_path: Path, base_url: str, delay: float) -> Path:
    path = tmp_path / "rec.toml"
    path.write_text(f'name = "rec"\nbase_url = "{base_url}"\ntimezone = "America/New_York"\n'
                    f"autothrottle = false\ndownload_delay = {delay}\nconcurrency = 4\n")
    return path


def _crawl(profile: Path, out: Path, workers: int) -> subprocess.Popen[str]:
    return subprocess.Popen([*LONGFORM, str(profile), "--out", str(out), "--extract-workers", str(workers)],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _records(site: Path, name: str) -> dict[str, dict[str, Any]]:
    """Records by key, without what differs between two crawls; each key once in the file."""
    records: dict[str, dict[str, Any]] = {}
    for line in (site / name).read_text("utf-8").splitlines():
        record = json.loads(line)
        key = f"{record.get('article_id', '')}:{record['id']}"
        assert key not in records, f"{key} written twice"
        provenance = record["provenance"]
        assert provenance["warc_file"].startswith("warc/") and provenance["warc_length"] > 0
        records[key] = {name: value for name, value in record.items() if name not in VARYING}
    return records


def _children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                children.append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
    return children


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def test_workers_write_the_same_records_and_a_killed_worker_loses_no_page(tmp_path: Path) -> None:
    with serve_recorded_site() as base_url:
        profile = _profile(tmp_path, base_url, delay=0.05)
        plain = _crawl(profile, tmp_path / "plain", 0)
        out, err = plain.communicate(timeout=300)
        assert plain.returncode == 0, err[-3000:]
        crawl = _crawl(profile, tmp_path / "pool", 1)
        # The worker is the crawl's child: kill it once the dataset has its first article, while
        # pages are still being fetched.
        articles = tmp_path / "pool" / "rec" / "articles.jsonl"
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while not workers and time.monotonic() < deadline and crawl.poll() is None:
            if articles.exists() and articles.stat().st_size:
                workers = [pid for pid in _children(crawl.pid) if b"spawn_main" in _cmdline(pid)]
            time.sleep(0.02)
        assert workers, "no worker process found while the crawl ran"
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
        out, err = crawl.communicate(timeout=300)
    assert crawl.returncode == 0, err[-3000:]
    assert "An extraction worker died" in err  # and its pages were extracted in the crawl's process
    for name in ("articles.jsonl", "comments.jsonl"):
        expected = _records(tmp_path / "plain" / "rec", name)
        assert len(expected) > (10 if name == "articles.jsonl" else 90)
        assert _records(tmp_path / "pool" / "rec", name) == expected
    report = json.loads((tmp_path / "pool" / "rec" / "crawl-report.json").read_text())
    jsonschema.validate(report, json.loads((SCHEMA_DIR / "crawl-report.schema.json").read_text()))
    assert report["failure"] is None
    # Scrapy's stats, dumped into the run's log: pages went through workers, and after the kill
    # through this process (the page the dead worker had among them).
    log = (tmp_path / "pool" / "rec" / "logs" / f"{report['crawl_id']}.log").read_text()
    stats = {name: int(value) for name, value in STAT.findall(log)}
    assert stats["extract_pool/worker_lost"] == 1
    assert stats["extract_pool/pages"] > 0 and stats["extract_pool/extracted_in_process"] > 0
    # The report and the summary printed say so too: a worker death is not only in the log.
    pages = stats["extract_pool/pages"] + stats["extract_pool/extracted_in_process"]
    assert pages >= len(_records(tmp_path / "plain" / "rec", "articles.jsonl"))  # and comment pages
    assert report["extraction"] == {
        "workers": 1, "pages_in_workers": stats["extract_pool/pages"],
        "pages_in_process": stats["extract_pool/extracted_in_process"], "workers_lost": 1, "restarts": 1}
    assert (f"  extraction: 1 worker processes; {stats['extract_pool/pages']} pages extracted in them, "
            f"{stats['extract_pool/extracted_in_process']} in the crawl's process; WORKER DIED x1, "
            "pool restarted x1\n") in out
    plain_report = json.loads((tmp_path / "plain" / "rec" / "crawl-report.json").read_text())
    assert plain_report["extraction"] == dict.fromkeys(report["extraction"], 0)
