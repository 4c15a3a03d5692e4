"""Crawl pages/s with 1, 2 and 4 `longform crawl --redis` workers on the loopback bench site (issue 17).

Serves the synthetic site of issue 15 (`bench/speed`, default /tmp/longform-bench-site/2000) with
nginx on its own port, starts a private redis-server, and for each worker count runs that many
workers (subprocesses) from an empty Redis and data folder. Reports wall time, pages/s, and the CPU
ms per page of the workers (user + system from `os.wait4`) and of redis-server, with the load
average before and after: on a shared machine read CPU per page first.

    .venv/bin/python bench/redis_workers_bench.py --workers 1 2 4
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from redis_server import redis_server  # noqa: E402
from speed import server  # noqa: E402


def _profile(folder: Path, base: str) -> Path:
    path = folder / "bench.toml"
    path.write_text(f'name = "bench"\nbase_url = "{base}/"\nplatform = "wordpress"\ntimezone = "UTC"\n'
                    "autothrottle = false\ndownload_delay = 0.0\nconcurrency = 16\n", "utf-8")
    return path


def _cpu_of(pid: int) -> float:
    with open(f"/proc/{pid}/stat", encoding="ascii") as stream:
        fields = stream.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(workers: int, profile: Path, work: Path) -> dict[str, float]:
    out = work / f"out-{workers}"
    with redis_server(work / f"redis-{workers}") as redis:
        assert redis.process is not None
        redis_cpu = _cpu_of(redis.process.pid)
        load = os.getloadavg()[0]
        started = time.monotonic()
        procs = [subprocess.Popen([sys.executable, "-m", "spiders.cli", "crawl", str(profile), "--out",
                                   str(out), "-q", "--redis", redis.url], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
                 for _ in range(workers)]
        cpu = 0.0
        for proc in procs:
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            cpu += usage.ru_utime + usage.ru_stime
            if proc.returncode != 0:
                raise SystemExit(f"a worker failed ({proc.returncode}): {proc.stderr.read()[-2000:]!r}")
        wall = time.monotonic() - started
        redis_cpu = _cpu_of(redis.process.pid) - redis_cpu
    pages = _responses(out / "bench" / "warc")
    return {"workers": workers, "pages": pages, "wall_s": round(wall, 2),
            "pages_per_s": round(pages / wall, 1), "worker_cpu_ms_per_page": round(1000 * cpu / pages, 2),
            "redis_cpu_ms_per_page": round(1000 * redis_cpu / pages, 3),
            "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2)}


def _responses(folder: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    for path in sorted(folder.glob("*.warc.gz")):
        with path.open("rb") as stream:
            count += sum(record.rec_type == "response" for record in ArchiveIterator(stream))
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("/tmp/longform-bench-site/2000"))
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args(argv)
    manifest = json.loads((args.site / "manifest.json").read_text())
    port = urlsplit(manifest["base"]).port
    with server.serve(args.site, port) as base, tempfile.TemporaryDirectory(prefix="lf-redis-bench-") as tmp:
        work = Path(tmp)
        profile = _profile(work, base)
        print(f"site: {args.site} ({manifest['articles']} articles, {len(manifest['urls'])} URLs), "
              f"{os.cpu_count()} cores", flush=True)
        for workers in args.workers:
            print(json.dumps(run(workers, profile, work)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
