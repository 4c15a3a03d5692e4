"""Two crawls of one site at once: the second exits 75 at once, touching nothing; a SIGKILLed
crawl leaves no stale lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from spiders.site_lock import LOCK_FILE, site_lock
from tests.sites.sample_site import serve_sample_site

LONGFORM = [sys.executable, "-m", "spiders.cli"]


def _profile(path: Path, base_url: str, delay: float) -> Path:
    path.write_text(
        f'name = "sample"\nbase_url = "{base_url}/"\ntimezone = "America/New_York"\n'
        f"autothrottle = false\ndownload_delay = {delay}\nconcurrency = 1\n"
    )
    return path


def _wait_for_crawl_of(pid: int, site: Path, timeout: float = 60) -> None:
    """Until process `pid` holds the lock and has written its WARC file."""
    deadline = time.monotonic() + timeout
    lock = site / LOCK_FILE
    while time.monotonic() < deadline:
        if lock.exists() and f"pid {pid}," in lock.read_text() and list(site.glob("warc/*.warc.gz")):
            return
        time.sleep(0.05)
    raise AssertionError(f"process {pid} never started crawling into {site}")


def _files(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*") if p.is_file()}


def test_second_crawl_is_refused_and_a_killed_crawl_leaves_no_stale_lock(tmp_path: Path) -> None:
    out, site = tmp_path / "out", tmp_path / "out" / "sample"
    with serve_sample_site() as base_url:
        profile = _profile(tmp_path / "sample.toml", base_url, delay=0.5)  # ~10 s: time to collide
        command = [*LONGFORM, "crawl", str(profile), "--out", str(out)]
        first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait_for_crawl_of(first.pid, site)
            warcs_before = sorted((site / "warc").glob("*.warc.gz"))
            started = time.monotonic()
            second = subprocess.run(command, capture_output=True, text=True, timeout=60)
            elapsed = time.monotonic() - started
            assert first.poll() is None, "the first crawl ended before the second one started"
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=30)
        finally:
            first.kill()

        assert second.returncode == 75, second.stderr
        assert second.stdout == ""
        expected = f"longform: another crawl of sample is running (pid {first.pid}, since "
        assert second.stderr.startswith(expected)
        assert len(second.stderr.strip().splitlines()) == 1 and "Traceback" not in second.stderr
        assert elapsed < 15  # at once: interpreter start-up, no crawling
        assert sorted((site / "warc").glob("*.warc.gz")) == warcs_before  # none of its own
        assert not (site / "reports").exists() and not (site / "crawl-report.json").exists()

        # The killed crawl's lock went with its process: the next run crawls.
        _profile(profile, base_url, delay=0)
        third = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert third.returncode == 0, third.stdout + third.stderr[-3000:]
    assert f"pid {first.pid}," not in (site / LOCK_FILE).read_text()
    assert len(list((site / "reports").glob("*.json"))) == 1


def test_demo_is_refused_while_its_folder_is_locked(tmp_path: Path) -> None:
    with site_lock(tmp_path / "demo"):
        before = _files(tmp_path)
        result = subprocess.run([*LONGFORM, "demo", "--out", str(tmp_path)],
                                capture_output=True, text=True, timeout=60)
        assert _files(tmp_path) == before
    assert result.returncode == 75, result.stderr
    assert f"another crawl of demo is running (pid {os.getpid()}, since " in result.stderr
    assert "Traceback" not in result.stderr
