"""`longform status SITE --redis URL` on a real private redis-server holding a crawl's queue,
leases and per-worker counts (made through `spiders.leases`, as workers make them)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import pytest

from spiders.leases import Leases
from spiders.redis_crawl import connect, join_crawl
from spiders.redis_keys import SiteKeys


def _status(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "spiders.cli", "status", *args], capture_output=True,
                          text=True, timeout=60, check=False)


def test_status_shows_queue_in_flight_and_pages_per_worker(redis_url: str) -> None:
    client = connect(redis_url)
    keys = SiteKeys("busy")
    crawl_id, created = join_crawl(client, keys, "busy-1", "2026-01-01T00:00:00Z")
    assert (crawl_id, created) == ("busy-1", True)
    assert join_crawl(client, keys, "busy-2", "2026-01-01T00:00:01Z") == ("busy-1", False)
    leases = Leases(client, keys.crawl(crawl_id), ttl=60)
    for n in range(6):
        leases.push(f"request {n}".encode(), 0, f"fp{n}")
    for worker in ("host-1", "host-1", "host-2"):
        lease, _ = leases.take(worker) or ("", b"")
        leases.release(lease, done_by=worker)
    leases.take("host-2")  # in flight
    Leases(client, keys.crawl(crawl_id), ttl=0.01).take("host-3")  # its worker died
    time.sleep(0.05)
    proc = _status("busy", "--redis", redis_url)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "Crawl busy-1 of busy: running",
        "  queued: 1",
        "  in flight: 2 (leases; 1 past their deadline)",
        "  put back after a worker stopped: 0",
        "  pages done: 3",
        "    host-1: 2",
        "    host-2: 1",
    ]


def test_status_of_a_site_never_crawled_says_how_to_start(redis_url: str) -> None:
    proc = _status("quiet", "--redis", redis_url)
    assert proc.returncode == 0
    assert proc.stdout.strip() == ("No crawl of quiet in Redis yet: start one with "
                                   "`longform crawl quiet --redis URL`")


def test_status_without_redis_or_with_redis_down_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LONGFORM_REDIS_URL", raising=False)
    missing = _status("busy")
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
    assert "--redis" in missing.stderr
    with socket.socket() as probe:  # a port nobody listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    down = _status("busy", "--redis", f"redis://127.0.0.1:{port}/0")
    assert down.returncode == 75 and "Traceback" not in down.stderr
    assert down.stderr.startswith("longform: error: cannot reach Redis at")
