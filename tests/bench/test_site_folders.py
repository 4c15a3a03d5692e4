"""Two bench runs never share a generated site or its port: the second takes a sibling folder, the
first one's pages (whose URLs carry its port) are left as they were (bench/speed_bench.py `site`),
and a port another process took gets the site rebuilt on a free one (`serve_site`)."""

from __future__ import annotations

import gzip
import importlib.util
import json
import socket
import subprocess
import sys
import urllib.request
from dataclasses import asdict
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _speed_bench() -> ModuleType:
    sys.path.insert(0, str(BENCH))  # as the script does for its `speed` package
    spec = importlib.util.spec_from_file_location("speed_bench", BENCH / "speed_bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_site_held_by_one_run_is_not_rebuilt_by_another(tmp_path: Path) -> None:
    bench = _speed_bench()
    with bench.site(tmp_path, 2) as (first, manifest):
        before = (first / "manifest.json").read_text()
        home = (first / "index.html.gz").read_bytes()
        with bench.site(tmp_path, 2) as (second, other):
            assert first == tmp_path / "2" and second == tmp_path / "2-2"
            assert other.base != manifest.base  # its own port, baked into its own pages
        assert (first / "manifest.json").read_text() == before
        assert (first / "index.html.gz").read_bytes() == home
    with bench.site(tmp_path, 2) as (again, reused):  # free again: reused as it is
        assert again == first and reused.base == json.loads(before)["base"]


def _home(base: str) -> bytes:
    with urllib.request.urlopen(base + "/", timeout=10) as answer:  # gzip'd as stored
        return gzip.decompress(answer.read())


def test_a_port_another_process_took_gets_the_site_rebuilt_on_a_free_one(tmp_path: Path) -> None:
    bench = _speed_bench()
    with bench.site(tmp_path, 2) as (root, manifest), socket.socket() as other:
        port = int(manifest.base.rsplit(":", 1)[1])
        other.bind(("127.0.0.1", port))  # taken after the site was built for it
        other.listen()
        for delay_ms in (0.0, 5.0):  # nginx, then the delaying server
            with pytest.raises(bench.server.PortTaken):
                with bench.server.serve(root, port, delay_ms):
                    pass
        with bench.serve_site(root, manifest) as (served, base):
            assert served.base == base != manifest.base
            home = _home(base)  # this run's nginx, its pages linking to its own port
            assert f'href="{base}/"'.encode() in home and manifest.base.encode() not in home
        with bench.server.serve(root, int(base.rsplit(":", 1)[1]), 5.0) as delayed:
            assert _home(delayed) == home  # the delaying server, on the socket handed to it
    assert json.loads((root / "manifest.json").read_text())["base"] == base


def test_the_redis_bench_takes_its_own_site_and_crawls_all_of_it(tmp_path: Path) -> None:
    """A small run of bench/redis_workers_bench.py while another run holds the default site."""
    bench, rows_file = _speed_bench(), tmp_path / "rows.json"
    with bench.site(tmp_path / "sites", 3) as (held, manifest):
        done = subprocess.run(
            [sys.executable, str(BENCH / "redis_workers_bench.py"), "--articles", "3", "--site-dir",
             str(tmp_path / "sites"), "--workers", "1", "2", "--appendfsync", "always", "everysec",
             "--json", str(rows_file)],
            capture_output=True, text=True, timeout=240, cwd=BENCH.parent)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"site: {tmp_path / 'sites' / '3-2'} (3 articles, {manifest.pages} URLs)" in done.stdout
    assert (held / "manifest.json").read_text() == json.dumps(asdict(manifest))
    rows = json.loads(rows_file.read_text())
    assert [(row["appendfsync"], row["workers"]) for row in rows] == \
        [("always", 1), ("always", 2), ("everysec", 1), ("everysec", 2)]
    for row in rows:
        assert row["missing"] == 0 and row["pages"] == manifest.pages and row["pages_per_s"] > 0
        assert row["responses"] >= row["pages"]  # robots.txt, once per worker
