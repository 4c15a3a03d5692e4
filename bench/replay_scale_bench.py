"""Replay scaling (issues 15 and 17): `longform replay` with 1, 2, 4 pool workers and on 1, 2, 4
Dask workers, against the replay floors (warcio + lxml, FastWARC + lxml) measured in the same run,
over a WARC a `longform crawl` wrote (e.g. `bench/speed_bench.py --stages longform --keep DIR`).

    .venv/bin/python bench/replay_scale_bench.py WARC... [--workers 1,2,4] [--dask 1,2,4]

CPU ms/page: user + system time of the replay process and its reaped children (`wait4`; the pool's
workers are its children), plus, for Dask, the CPU the worker processes spent meanwhile (psutil over
the `dask worker` process tree). Every run's JSONL must equal the first's byte for byte (checked).
Prints a Markdown table with the load average at the start and end of each run. Not a unit test.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from speed.measure import Run, run  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PROCS = Path(__file__).parent / "speed" / "procs"
DASK = str(Path(sys.executable).parent / "dask")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warcs", nargs="+", type=Path)
    parser.add_argument("--workers", default="1,2,4", help="pool sizes (comma-separated)")
    parser.add_argument("--dask", default="1,2,4", help="Dask worker counts ('' for none)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="replay-scale-") as tmp:
        work = Path(tmp)
        rows = _floors(args.warcs, work)
        pages = rows[0][1]
        reference: Path | None = None
        for n in _counts(args.workers):
            out, row = _longform(args.warcs, work / f"pool-{n}", pages, f"longform replay --workers {n}",
                                 ["--workers", str(n)])
            reference = _check(reference, out)
            rows.append(row)
        for n in _counts(args.dask):
            with _cluster(n, work / f"dask-{n}") as (address, tree):
                before = _tree_cpu(tree)
                out, row = _longform(args.warcs, work / f"dask-{n}", pages,
                                     f"longform replay --dask ({n} workers)", ["--dask", address],
                                     extra_cpu=lambda tree=tree, before=before: _tree_cpu(tree) - before)
            reference = _check(reference, out)
            rows.append(row)
    print("| stage | pages/s | CPU ms/page | ratio to floor | load avg (start-end) |")
    print("|---|---|---|---|---|")
    floor = rows[0][2]
    for name, count, seconds, cpu, load in rows:
        rate = count / seconds
        print(f"| {name} | {rate:.1f} | {1000 * cpu / count:.2f} | {rate / (count / floor):.2f} | {load} |")
    print(f"\n{pages} HTML pages; outputs byte-identical across runs: yes")
    return 0


Row = tuple[str, int, float, float, str]


def _floors(warcs: list[Path], work: Path) -> list[Row]:
    rows = []
    for mode in ("warcio", "fastwarc"):
        load = _load()
        done = run([sys.executable, str(PROCS / "replay_stage.py"), mode, *map(str, warcs)], work / mode)
        pages = json.loads(done.stdout.splitlines()[-1])["pages"]
        rows.append((f"floor: {mode} + lxml", pages, done.seconds, done.cpu_seconds, f"{load}-{_load()}"))
    return rows


def _longform(warcs: list[Path], out: Path, pages: int, name: str, options: list[str],
              extra_cpu: object = None) -> tuple[Path, Row]:
    load = _load()
    done: Run = run([sys.executable, "-m", "spiders.cli", "replay", *map(str, warcs), "--out", str(out),
                     *options], out.parent / f"{out.name}-log", cwd=ROOT, ok=(0, 1))
    cpu = done.cpu_seconds + (extra_cpu() if callable(extra_cpu) else 0.0)
    return out, (name, pages, done.seconds, cpu, f"{load}-{_load()}")


def _check(reference: Path | None, out: Path) -> Path:
    if reference is not None:
        for name in ("articles.jsonl", "comments.jsonl"):
            if not filecmp.cmp(reference / name, out / name, shallow=False):
                raise SystemExit(f"replay_scale_bench: {out / name} differs from {reference / name}")
    return out


class _cluster:
    """A scheduler and `n` single-threaded workers on 127.0.0.1, stopped by pid."""

    def __init__(self, n: int, folder: Path) -> None:
        self.n, self.folder = n, folder

    def __enter__(self) -> tuple[str, int]:
        from distributed import Client

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.address = f"tcp://127.0.0.1:{port}"
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        self.scheduler = _spawn([DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                 "--dashboard-address", ":0"],
                                self.folder.parent / f"{self.folder.name}-s.log")
        self.workers = _spawn([DASK, "worker", self.address, "--nworkers", str(self.n), "--nthreads", "1",
                               "--host", "127.0.0.1", "--dashboard-address", ":0"],
                              self.folder.parent / f"{self.folder.name}-w.log")
        with Client(self.address, timeout="30s", set_as_default=False) as client:
            client.wait_for_workers(self.n, timeout=120)
        return self.address, self.workers.pid

    def __exit__(self, *exc: object) -> None:
        for process in (self.workers, self.scheduler):
            process.terminate()
            process.wait(timeout=60)


def _spawn(command: list[str], log: Path) -> subprocess.Popen[bytes]:
    with open(log, "wb") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)


def _tree_cpu(pid: int) -> float:
    import psutil  # comes with distributed

    total = 0.0
    root = psutil.Process(pid)
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def _counts(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


if __name__ == "__main__":
    raise SystemExit(main())
