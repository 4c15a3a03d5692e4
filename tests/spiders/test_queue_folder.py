"""A crawl killed with SIGKILL leaves its disk queue folder behind; the next run on the machine,
of any site, removes it, and keeps the folders of runs still going (`spiders.queue_folder`).
Real `longform crawl` runs of the demo recording on loopback, in a temporary folder of their own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from spiders.queue_folder import QUEUE_PREFIX, remove_dead_queues, start_time
from spiders.recorded_site import serve_recorded_site

REPO = Path(__file__).resolve().parents[2]
LONGFORM = [sys.executable, "-m", "spiders.cli", "crawl"]


def _crawl(tmp_path: Path, base_url: str, site: str, delay: float) -> subprocess.Popen[str]:
    profile = tmp_path / f"{site}.toml"
    profile.write_text(f'name = "{site}"\nbase_url = "{base_url}"\ntimezone = "America/New_York"\n'
                       f"autothrottle = false\ndownload_delay = {delay}\nconcurrency = 1\n")
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp")}  # the queues: here, not in the shared /tmp
    return subprocess.Popen([*LONGFORM, str(profile), "--out", str(tmp_path / "out"),
                             "--extract-workers", "0"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _queue_of(tmp_path: Path, crawl: subprocess.Popen[str], site: str) -> Path:
    """The queue folder of the running `crawl`, once it has made it."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and crawl.poll() is None:
        found = list((tmp_path / "tmp").glob(f"{QUEUE_PREFIX}{site}@{crawl.pid}.*"))
        if found and (found[0] / "requests.queue").exists():  # Scrapy's queue is in use
            return found[0]
        time.sleep(0.05)
    raise AssertionError(f"no queue folder of {site} while it ran: {crawl.communicate()[1][-2000:]}")


def test_the_next_run_removes_the_queue_of_a_killed_crawl_and_keeps_a_running_one(tmp_path: Path) -> None:
    (tmp_path / "tmp").mkdir()
    with serve_recorded_site() as base_url:
        killed = _crawl(tmp_path, base_url, "rec", delay=0.5)
        running = _crawl(tmp_path, base_url, "other", delay=0.5)
        try:
            killed_queue = _queue_of(tmp_path, killed, "rec")
            running_queue = _queue_of(tmp_path, running, "other")
            killed.kill()
            killed.communicate(timeout=30)
            assert killed.returncode == -signal.SIGKILL and killed_queue.exists()  # left behind
            # Another site's run, while "other" still crawls.
            third = _crawl(tmp_path, base_url, "third", delay=0.0)
            out, err = third.communicate(timeout=300)
            assert third.returncode == 0, err[-3000:]
            assert not killed_queue.exists()
            assert running.poll() is None and running_queue.exists()
            assert not list((tmp_path / "tmp").glob(f"{QUEUE_PREFIX}third@*"))  # its own, at its end
            [log] = (tmp_path / "out" / "third" / "logs").glob("*.log")
            assert f"Removed {killed_queue}, the disk queue of a run that was killed" in log.read_text()
        finally:
            running.send_signal(signal.SIGTERM)  # a clean stop: the run removes its own queue
            running.communicate(timeout=120)
    assert list((tmp_path / "tmp").iterdir()) == []


def test_only_folders_named_by_a_run_whose_process_is_gone_are_removed(tmp_path: Path) -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()  # reaped: its pid names no process now
    zombie = subprocess.Popen(["sleep", "60"])
    zombie.kill()  # killed, not yet waited for
    while (fields := Path(f"/proc/{zombie.pid}/stat").read_text().rsplit(")", 1)[1].split())[0] != "Z":
        time.sleep(0.01)
    zombie_started = int(fields[19])  # its own start time: gone because it is a zombie
    me, started = os.getpid(), start_time(os.getpid())
    assert started is not None and start_time(zombie.pid) is None
    names = {
        "dead": f"{QUEUE_PREFIX}rec@{gone.pid}.{started}-abcd1234",
        "zombie": f"{QUEUE_PREFIX}rec@{zombie.pid}.{zombie_started}-abcd1234",
        "pid_used_again": f"{QUEUE_PREFIX}rec@{me}.{started + 1}-abcd1234",
        "alive": f"{QUEUE_PREFIX}my-site.v2@{me}.{started}-abcd1234",
        "older_version": f"{QUEUE_PREFIX}rec-abcd1234",
        "given_with_s": "my-jobdir",
    }
    for name in names.values():
        (tmp_path / name).mkdir()
        (tmp_path / name / "requests.queue").mkdir()
    # A link named like a dead run's queue (anyone can write in /tmp) is not followed.
    target = tmp_path / "not-a-queue"
    target.mkdir()
    (target / "keep").write_text("keep")
    link = tmp_path / f"{QUEUE_PREFIX}rec@{gone.pid}.{started}-link1234"
    link.symlink_to(target)
    removed = remove_dead_queues(tmp_path)
    zombie.wait()
    assert sorted(removed) == sorted(tmp_path / names[kind] for kind in ("dead", "zombie", "pid_used_again"))
    left = {path.name for path in tmp_path.iterdir()}
    assert left == {names["alive"], names["older_version"], "my-jobdir", "not-a-queue", link.name}
    assert (target / "keep").read_text() == "keep"
