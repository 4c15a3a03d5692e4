"""Replay on a real dask.distributed cluster (a scheduler and two worker processes started as
subprocesses on 127.0.0.1, stopped by pid): the same bytes as a replay in one process, a worker
killed mid-replay changes nothing, a bad address is one line and exit 2."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.replay import replay
from pipelines.replay_dask import DaskCluster
from pipelines.replay_pool import InProcess, Runner
from spiders import sites

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "spiders" / "recorded_site" / "data" / "wordpress-demo.warc.gz"
DASK = str(Path(sys.executable).parent / "dask")  # the CLI of the venv running the tests


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(args: list[str], folder: Path, name: str) -> subprocess.Popen[bytes]:
    with open(folder / f"{name}.log", "wb") as log:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(args, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)  # its own session: the worker and its nanny child
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(address, log folder) of a scheduler with two single-threaded worker processes."""
    folder = tmp_path_factory.mktemp("dask")
    address = f"tcp://127.0.0.1:{_free_port()}"
    port = address.rsplit(":", 1)[1]
    processes = [_start([DASK, "scheduler", "--host", "127.0.0.1", "--port", port,
                         "--dashboard-address", ":0"], folder, "scheduler")]
    try:
        for n in range(2):
            processes.append(_start([DASK, "worker", address, "--nthreads", "1", "--nworkers", "1",
                                     "--host", "127.0.0.1", "--dashboard-address", ":0"],
                                    folder, f"worker-{n}"))
        _wait_for_workers(address, 2)
        yield address, folder
    finally:
        for process in reversed(processes):
            _stop(process)


def _wait_for_workers(address: str, count: int) -> None:
    from distributed import Client

    with Client(address, timeout="30s", set_as_default=False) as client:
        client.wait_for_workers(count, timeout=60)


def _jsonl(out: Path) -> tuple[bytes, bytes]:
    return (out / "articles.jsonl").read_bytes(), (out / "comments.jsonl").read_bytes()


def _replay(warcs: list[Path], out: Path, runner: Runner, part_bytes: int | None = None
            ) -> tuple[bytes, bytes]:
    replay(warcs, out, sites.bundled_for_url, runner=runner, part_bytes=part_bytes)
    return _jsonl(out)


def test_a_replay_on_two_dask_workers_equals_one_process(scheduler: tuple[str, Path], tmp_path: Path) -> None:
    address, _ = scheduler
    one = _replay([DEMO], tmp_path / "one", InProcess())
    cluster = DaskCluster(address)
    assert cluster.workers == 2
    assert _replay([DEMO], tmp_path / "dask", cluster, part_bytes=20_000) == one
    assert one[0].count(b"\n") == 11 and one[1].count(b"\n") == 94


def test_a_worker_killed_mid_replay_is_replaced_and_the_result_is_the_same(
        scheduler: tuple[str, Path], tmp_path: Path) -> None:
    address, _ = scheduler
    big = tmp_path / "big.warc.gz"
    big.write_bytes(DEMO.read_bytes() * 20)
    one = _replay([big], tmp_path / "one", InProcess())
    cluster = DaskCluster(address)
    victims = [int(pid) for pid in cluster.client.run(os.getpid).values()]
    killed: list[float] = []

    def kill() -> None:
        os.kill(victims[0], signal.SIGKILL)
        killed.append(time.monotonic())

    killer = threading.Timer(1.0, kill)
    killer.start()
    try:
        assert _replay([big], tmp_path / "dask", cluster, part_bytes=100_000) == one
        finished = time.monotonic()
    finally:
        killer.cancel()
    assert killed and killed[0] < finished  # the worker died while the replay ran
    _wait_for_workers(address, 2)  # the nanny started another: later tests see two again


def test_a_bad_scheduler_address_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "spiders.cli", "replay", str(DEMO), "--out", str(tmp_path / "out"),
         "--dask", f"tcp://127.0.0.1:{_free_port()}"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no Dask scheduler answers at" in lines[0], result.stderr
    assert not (tmp_path / "out" / "articles.jsonl").exists()


def test_longform_help_does_not_import_dask() -> None:
    code = ("import sys, spiders.cli\nsys.argv = ['longform', 'replay', '--help']\n"
            "try: spiders.cli.main()\nexcept SystemExit: pass\n"
            "print('distributed' in sys.modules, 'dask' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.stdout.strip().endswith("False False"), result.stdout + result.stderr
