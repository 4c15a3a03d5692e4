"""Crawl pages/s with 1, 2 and 4 `longform crawl --redis` workers on the loopback bench site (issue 17).

Serves the synthetic site of issue 15 (`bench/speed`, --articles 2000 under --site-dir, held for
the run and on a port of its own, as `bench/speed_bench.py` does) with nginx, starts a private
redis-server, and for each worker count runs that many workers (subprocesses) from an empty Redis
and data folder. Reports wall time, pages/s, pages of the site not fetched (`missing`: a figure
with missing > 0 is not a full crawl), and the CPU ms per page of the workers (user + system from
`os.wait4`) and of redis-server, with the load average before and after: on a shared machine read
CPU per page first. Not a unit test: tests/bench/test_site_folders.py runs a small one.

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

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from redis_server import redis_server  # noqa: E402
from speed.stages import ok_pages  # noqa: E402
from speed_bench import DEFAULT_SITE_DIR, served_site  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _profile(folder: Path, base: str) -> Path:
    path = folder / "bench.toml"
    path.write_text(f'name = "bench"\nbase_url = "{base}/"\nplatform = "wordpress"\ntimezone = "UTC"\n'
                    "autothrottle = false\ndownload_delay = 0.0\nconcurrency = 16\n", "utf-8")
    return path


def _cpu_of(pid: int) -> float:
    with open(f"/proc/{pid}/stat", encoding="ascii") as stream:
        fields = stream.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(workers: int, profile: Path, work: Path, site_pages: set[str],
        appendfsync: str = "always") -> dict[str, float | str]:
    out = work / f"out-{workers}-{appendfsync}"
    with redis_server(work / f"redis-{workers}-{appendfsync}", appendfsync) as redis:
        assert redis.process is not None
        redis_cpu = _cpu_of(redis.process.pid)
        load = os.getloadavg()[0]
        started = time.monotonic()
        logs = [work / f"worker-{workers}-{n}.stderr" for n in range(workers)]
        procs = [_worker(profile, out, redis.url, log) for log in logs]
        cpu = 0.0
        for proc, log in zip(procs, logs, strict=True):
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            cpu += usage.ru_utime + usage.ru_stime
            if proc.returncode != 0:
                for other in procs:  # none left behind, crawling on
                    if other.returncode is None:
                        other.kill()
                        other.wait()
                raise SystemExit(f"a worker failed ({proc.returncode}): {log.read_text()[-2000:]!r}")
        wall = time.monotonic() - started
        redis_cpu = _cpu_of(redis.process.pid) - redis_cpu
    warcs = sorted((out / "bench" / "warc").glob("*.warc.gz"))
    pages = len(site_pages & ok_pages(warcs))  # each once; robots.txt is fetched by every worker
    return {"workers": workers, "appendfsync": appendfsync,
            "pages": pages, "missing": len(site_pages) - pages,
            "responses": _responses(warcs), "wall_s": round(wall, 2), "pages_per_s": round(pages / wall, 1),
            "worker_cpu_ms_per_page": round(1000 * cpu / max(pages, 1), 2),
            "redis_cpu_ms_per_page": round(1000 * redis_cpu / max(pages, 1), 3),
            "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2)}


def _worker(profile: Path, out: Path, redis_url: str, log: Path) -> subprocess.Popen[bytes]:
    with open(log, "wb") as errors:  # a file, not a pipe: a chatty worker never blocks on it
        command = [sys.executable, "-m", "spiders.cli", "crawl", str(profile), "--out", str(out), "-q",
                   "--redis", redis_url]
        return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors,
                                stdin=subprocess.DEVNULL)


def _responses(warcs: list[Path]) -> int:
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    for path in warcs:
        with path.open("rb") as stream:
            count += sum(record.rec_type == "response" for record in ArchiveIterator(stream))
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles in the site (2000)")
    parser.add_argument("--site-dir", type=Path, default=DEFAULT_SITE_DIR,
                        help=f"where sites are generated and kept (default {DEFAULT_SITE_DIR})")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--appendfsync", choices=("always", "everysec"), nargs="+", default=["always"],
                        help="Redis's append-only fsync policy, each measured (default: always, "
                             "the tests' setting; everysec is Redis's own default)")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)
    if args.articles < 1 or min(args.workers) < 1:
        parser.exit(2, "redis_workers_bench: --articles and --workers take numbers >= 1\n")
    rows = []
    with served_site(args.site_dir, args.articles) as (root, manifest, base), \
            tempfile.TemporaryDirectory(prefix="lf-redis-bench-") as tmp:
        work = Path(tmp)
        profile = _profile(work, base)
        print(f"site: {root} ({manifest.articles} articles, {manifest.pages} URLs) on {base}, "
              f"{os.cpu_count()} cores", flush=True)
        for policy in args.appendfsync:
            for workers in args.workers:
                rows.append(run(workers, profile, work, set(manifest.urls), policy))
                print(json.dumps(rows[-1]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
