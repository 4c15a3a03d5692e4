"""A crawl shared by Redis workers that ends with a comment thread short is no success, and the
next crawl, by any workers, fetches what is missing (`spiders.change_signals`, over the schedule
the workers share, `spiders.redis_schedule`).

Two `longform crawl --redis` workers (real processes, a private real redis-server) crawl the
sample site while the long thread's comment page 3 answers 500: each worker fetched only some of
the thread's pages, yet both end with exit status 1 and say a thread lacks comment pages. With
the page back, two more workers complete the dataset: every article and comment exactly once.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.sites.sample_site import ground_truth, serve_sample_site

_spec = importlib.util.spec_from_file_location(
    "redis_server_fixture", Path(__file__).resolve().parents[1] / "redis_server.py")
assert _spec is not None and _spec.loader is not None
redis_fixture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(redis_fixture)

LONGFORM = [sys.executable, "-m", "spiders.cli"]


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    with redis_fixture.redis_server(tmp_path / "redis") as server:
        yield str(server.url)


def _profile(folder: Path, base_url: str) -> Path:
    path = folder / "sample.toml"
    path.write_text(f'name = "sample"\nbase_url = "{base_url}/"\ntimezone = "America/New_York"\n'
                    "autothrottle = false\ndownload_delay = 0\nconcurrency = 2\n", "utf-8")
    return path


def _workers(profile: Path, out: Path, redis_url: str, ids: tuple[str, ...]) -> list[Any]:
    """Run one worker per id together; (exit status, stdout, stderr) of each."""
    processes = [subprocess.Popen([*LONGFORM, "crawl", str(profile), "--out", str(out),
                                   "--redis", redis_url, "--worker-id", worker_id],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  stdin=subprocess.DEVNULL) for worker_id in ids]
    results = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=120)
        results.append((process.returncode, stdout, stderr))
    return results


def _records(site: Path, kind: str) -> list[dict[str, Any]]:
    return [json.loads(line) for path in sorted(site.glob(f"{kind}.*.jsonl"))
            for line in path.read_text("utf-8").splitlines()]


def test_workers_fail_a_crawl_that_ends_with_a_thread_short_and_the_next_completes_it(
    tmp_path: Path, redis_url: str
) -> None:
    out = tmp_path / "out"
    broken = {"page 3": True}
    with serve_sample_site(fails=lambda path: broken["page 3"] and "comment-page-3" in path) as base_url:
        profile = _profile(tmp_path, base_url)
        short = _workers(profile, out, redis_url, ("w-a", "w-b"))
        broken["page 3"] = False
        rerun = _workers(profile, out, redis_url, ("w-c", "w-d"))

    for status, stdout, stderr in short:
        assert status == 1, stdout[-2000:] + stderr[-2000:]
        assert "FAILED: 1 comment threads lack comment pages the site links to" in stdout
        assert "Comment pages [3] of " in stderr
    for status, stdout, stderr in rerun:
        assert status == 0, stdout[-2000:] + stderr[-2000:]
    site = out / "sample"
    truth = ground_truth(base_url)
    assert Counter(a["url"] for a in _records(site, "articles")) == Counter(a.url for a in truth)
    got = Counter(f"{c['article_url']}#{c['id']}" for c in _records(site, "comments"))
    assert got == Counter(f"{a.url}#{c.id}" for a in truth for c in a.comments if not c.is_ping)
