"""Several `longform crawl --redis` workers on the real WordPress fixture (issue 17), each a real
process, on a private real `redis-server` (tests/redis_server.py).

- Three workers started together give, between them, exactly the records one process gives: the
  same articles and comments, each in exactly one worker's JSONL part, and no URL fetched twice
  (robots.txt aside: Scrapy fetches it in each process, outside the scheduler).
- One of three workers SIGKILLed mid-crawl, nothing started in its place: the other two finish
  (its leases expire and its requests come back on the queue), the dataset is complete and
  duplicate-free, and its WARC files verify clean to their last record.

The site is only read; its settings are held still (`site.exclusive()`) for the comparison.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

HERE = Path(__file__).resolve().parent
SITE_NAME = "wp-fixture"


def _load(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


redis_fixture = _load("redis_server_fixture", HERE.parent.parent / "redis_server.py")


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    site = _load("wordpress_fixture_site", HERE / "site.py")
    url = site.url_for_tests()
    with site.exclusive():  # nobody reconfigures the site between the crawls compared
        yield url


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[Any]:
    with redis_fixture.redis_server(tmp_path / "redis") as server:
        yield server


@pytest.fixture
def redis_url(redis_server: Any) -> str:
    return str(redis_server.url)


def _longform() -> list[str]:
    script = Path(sys.executable).with_name("longform")
    return [str(script)] if script.exists() else [sys.executable, "-m", "spiders.cli"]


def _profile(base: str, folder: Path, delay: float = 0.0, concurrency: int = 8) -> Path:
    path = folder / "profile.toml"
    path.write_text(f'name = "{SITE_NAME}"\nbase_url = "{base}"\nplatform = "wordpress"\n'
                    f'timezone = "America/New_York"\ndownload_delay = {delay}\nautothrottle = false\n'
                    f"concurrency = {concurrency}\n", "utf-8")
    return path


def _worker(profile: Path, out: Path, redis_url: str | None, *extra: str,
            lease_seconds: float = 3) -> subprocess.Popen[str]:
    args = [*_longform(), "crawl", str(profile), "--out", str(out), "-q", *extra]
    if redis_url:
        args += ["--redis", redis_url]
    env = {**os.environ, "LONGFORM_LEASE_SECONDS": str(lease_seconds)}
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL, env=env)


def _finished(process: subprocess.Popen[str], timeout: float = 180) -> str:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, f"{out[-2000:]}{err[-3000:]}"
    assert out.startswith("Crawl finished"), out
    return out


def _records(folder: Path, kind: str) -> Counter[str]:
    keys: Counter[str] = Counter()
    for path in sorted(folder.glob(f"{kind}*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            record = json.loads(line)
            keys[record["url"] if kind == "articles" else f"{record['article_url']}#{record['id']}"] += 1
    return keys


def _fetched(folder: Path) -> Counter[str]:
    urls: Counter[str] = Counter()
    for path in sorted((folder / "warc").glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                uri = record.rec_headers.get_header("WARC-Target-URI")
                if record.rec_type == "response" and not uri.endswith("/robots.txt"):
                    urls[uri] += 1
    return urls


def _holds_a_lease(redis_url: str, worker: str, timeout: float) -> bool:
    """Wait until `worker` has a request in flight (a lease in Redis), the moment to kill it."""
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            crawl = client.get(f"longform:{SITE_NAME}:current")
            leases = client.zrange(f"longform:{SITE_NAME}:{crawl.decode()}:leases", 0, -1) if crawl else []
            if any(lease.startswith(f"{worker}:".encode()) for lease in leases):
                return True
            time.sleep(0.01)
        return False
    finally:
        client.close()


@pytest.fixture(scope="module")
def single(base_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One process on its own, no Redis: what the workers must give between them."""
    folder = tmp_path_factory.mktemp("single")
    _finished(_worker(_profile(base_url, folder), folder / "out", None))
    return folder / "out" / SITE_NAME


def test_three_workers_give_the_single_crawl_each_record_once(
    base_url: str, single: Path, redis_url: str, tmp_path: Path
) -> None:
    profile = _profile(base_url, tmp_path)
    workers = [_worker(profile, tmp_path / "out", redis_url) for _ in range(3)]
    for worker in workers:
        _finished(worker)
    data = tmp_path / "out" / SITE_NAME
    for kind in ("articles", "comments"):
        union, alone = _records(data, kind), _records(single, kind)
        assert alone and set(alone.values()) == {1}
        assert union == alone  # the same records, each written by exactly one worker
    fetched = _fetched(data)
    assert [url for url, count in fetched.items() if count > 1] == []
    assert set(fetched) == set(_fetched(single))
    # Each worker wrote its own files, named by its id: never two writers on one file.
    ids = {path.name.split(".")[1] for path in data.glob("state.*.sqlite")}
    assert len(ids) == 3
    for warc in (data / "warc").glob("*.warc.gz"):
        assert sum(warc.name.startswith(f"{SITE_NAME}-{worker}-2") for worker in ids) == 1, warc.name


def test_a_worker_killed_mid_crawl_loses_nothing(
    base_url: str, single: Path, redis_url: str, tmp_path: Path
) -> None:
    # Slow enough that the kill lands mid-crawl: each request waits 0.15 s, two at a time.
    profile = _profile(base_url, tmp_path, delay=0.15, concurrency=2)
    out = tmp_path / "out"
    # w-a starts alone and is killed once it has written records and the others have joined.
    workers = {"w-a": _worker(profile, out, redis_url, "--worker-id", "w-a")}
    victim = out / SITE_NAME / "comments.w-a.jsonl"
    deadline = time.monotonic() + 60
    while not (victim.exists() and victim.stat().st_size > 0) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert victim.exists(), "the worker to kill wrote nothing within a minute"
    for worker_id in ("w-b", "w-c"):
        workers[worker_id] = _worker(profile, out, redis_url, "--worker-id", worker_id)
    assert _holds_a_lease(redis_url, "w-a", timeout=30), "w-a held no request to lose"
    workers["w-a"].send_signal(signal.SIGKILL)
    workers["w-a"].communicate(timeout=10)  # closes its pipes
    for worker_id in ("w-b", "w-c"):
        _finished(workers[worker_id])
    data = out / SITE_NAME
    logs = "".join(path.read_text("utf-8") for path in (data / "logs").glob("*.w-[bc].log"))
    assert "expired leases (a worker stopped) back on the queue" in logs  # w-a held some
    for kind in ("articles", "comments"):
        union, alone = _records(data, kind), _records(single, kind)
        assert set(union) == set(alone)  # complete
        assert [key for key, count in union.items() if count > 1] == []  # each record once
    killed_warcs = sorted((data / "warc").glob(f"{SITE_NAME}-w-a-*.warc.gz"))
    assert killed_warcs
    verify = subprocess.run([*_longform(), "verify", *map(str, killed_warcs)], capture_output=True,
                            text=True, timeout=120, check=False)
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_workers_wait_through_a_redis_restart_and_finish(
    base_url: str, single: Path, redis_server: Any, tmp_path: Path
) -> None:
    profile = _profile(base_url, tmp_path, delay=0.15, concurrency=2)
    out = tmp_path / "out"
    workers = [_worker(profile, out, redis_server.url, "--worker-id", worker_id, lease_seconds=30)
               for worker_id in ("r-a", "r-b")]
    started = out / SITE_NAME / "comments.r-a.jsonl"
    deadline = time.monotonic() + 60
    while not (started.exists() and started.stat().st_size > 0) and time.monotonic() < deadline:
        time.sleep(0.05)
    redis_server.stop()  # SIGTERM: the append-only file holds every write so far
    time.sleep(3)
    assert all(worker.poll() is None for worker in workers), "a worker quit while Redis was down"
    redis_server.start()  # same port, same data folder
    for worker in workers:
        _finished(worker)
    data = out / SITE_NAME
    for kind in ("articles", "comments"):
        union, alone = _records(data, kind), _records(single, kind)
        assert set(union) == set(alone)
        assert [key for key, count in union.items() if count > 1] == []
    logs = "".join(path.read_text("utf-8") for path in (data / "logs").glob("*.r-?.log"))
    assert "is unreachable" in logs and "waiting for it" in logs
    assert "is back after" in logs
