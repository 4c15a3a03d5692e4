"""Pending requests wait on disk (`LONGFORM_DISK_QUEUE`: Scrapy's `JOBDIR`, a fresh temporary
folder per run, removed at its end) without changing what a crawl fetches or writes; a `JOBDIR`
the user gives is theirs. Real `scrapy crawl` runs of the demo recording."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from spiders.recorded_site import serve_recorded_site

REPO = Path(__file__).resolve().parents[2]
SCRAPY = [str(Path(sys.executable).with_name("scrapy"))]


def _crawl(base_url: str, out: Path, *settings: str) -> subprocess.CompletedProcess[str]:
    profile = out.parent / f"{out.name}.toml"
    profile.write_text(f'name = "rec"\nbase_url = "{base_url}"\ntimezone = "America/New_York"\n'
                       "autothrottle = false\ndownload_delay = 0.0\nconcurrency = 4\n")
    command = [*SCRAPY, "crawl", str(profile), "-s", f"LONGFORM_DATA_DIR={out}", "-s", "LOG_LEVEL=INFO"]
    for setting in settings:
        command += ["-s", setting]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def _stat(log: str, name: str) -> int:
    found = re.search(rf"'{re.escape(name)}': (\d+)", log)
    return int(found.group(1)) if found else 0


def _ids(site: Path, name: str) -> list[tuple[str, str]]:
    lines = (site / name).read_text("utf-8").splitlines()
    return sorted((record.get("article_id", ""), record["id"]) for record in map(json.loads, lines))


def test_the_queue_on_disk_fetches_and_writes_what_the_queue_in_memory_does(tmp_path: Path) -> None:
    with serve_recorded_site() as base_url:
        disk = _crawl(base_url, tmp_path / "disk")
        memory = _crawl(base_url, tmp_path / "memory", "LONGFORM_DISK_QUEUE=0")
    on_disk = _stat(disk.stderr, "scheduler/enqueued/disk")
    assert on_disk > 10 and _stat(disk.stderr, "scheduler/enqueued/memory") == 0
    assert _stat(memory.stderr, "scheduler/enqueued/memory") == on_disk
    assert _stat(memory.stderr, "scheduler/enqueued/disk") == 0
    one, two = tmp_path / "disk" / "rec", tmp_path / "memory" / "rec"
    for name in ("articles.jsonl", "comments.jsonl"):
        assert _ids(one, name) == _ids(two, name)
    assert len(_ids(one, "comments.jsonl")) == 94  # the recording's comments
    queue = re.search(r"'JOBDIR': '([^']+)'", disk.stderr)
    assert queue is not None and "longform-queue-rec@" in queue.group(1)
    assert not Path(queue.group(1)).exists()  # removed when the run ended
    assert "'JOBDIR'" not in memory.stderr


def test_a_jobdir_the_user_gives_is_kept(tmp_path: Path) -> None:
    mine = tmp_path / "my-jobdir"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine")
    with serve_recorded_site() as base_url:
        done = _crawl(base_url, tmp_path / "out", f"JOBDIR={mine}")
    assert _stat(done.stderr, "scheduler/enqueued/disk") > 10
    assert (mine / "notes.txt").read_text() == "mine" and (mine / "requests.seen").exists()
    assert f"'JOBDIR': '{mine}'" in done.stderr
