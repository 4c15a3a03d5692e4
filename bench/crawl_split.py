"""Where a crawl's CPU goes with extraction workers: the crawl's own process against its workers.

    .venv/bin/python bench/crawl_split.py --articles 2000 --workers 0,2 [--profile out.prof]

Serves the speed harness's site (bench/speed, reused from /tmp/longform-bench-site) with nginx and
runs `longform crawl --extract-workers N` over it for each N, one after the other. For each it prints
pages/s, CPU ms per page in all (`wait4`: the crawl and its reaped workers) and of the crawl's own
process (its utime + stime from /proc, sampled every 10 ms up to its exit), and the load average.
--profile runs the last one under cProfile (the crawl's own process only) and prints its top
functions by own time.
"""

from __future__ import annotations

import argparse
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed.stages import Context, crawl_command  # noqa: E402
from speed_bench import DEFAULT_SITE_DIR, served_site  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TICK = os.sysconf("SC_CLK_TCK")


def _own_cpu(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def measure(command: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s with reaped children, CPU s of the process itself)."""
    started = time.perf_counter()
    errors = tempfile.TemporaryFile()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
    own = 0.0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        own = _own_cpu(process.pid) or own
        time.sleep(0.01)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        errors.seek(0)
        raise SystemExit(f"crawl_split: {' '.join(command[:6])}... exited {process.returncode}:\n"
                         + errors.read().decode(errors="replace")[-3000:])
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime, own


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--site-dir", type=Path, default=DEFAULT_SITE_DIR)
    parser.add_argument("--workers", default="0,2")
    parser.add_argument("--profile", type=Path, help="cProfile the last run's own process into this file")
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",")]
    with tempfile.TemporaryDirectory(prefix="crawl-split-") as tmp, \
            served_site(args.site_dir, args.articles) as (_root, manifest, base):  # the harness's
        print(f"{manifest.pages} pages; load average {os.getloadavg()}")
        ctx = Context(manifest, base, Path(tmp) / "urls.txt", Path(tmp))
        for index, workers in enumerate(counts):
            out = Path(tmp) / f"w{workers}-{index}"
            command = [sys.executable, *crawl_command(ctx, out), "--extract-workers", str(workers)]
            if args.profile and index == len(counts) - 1:
                command[1:1] = ["-m", "cProfile", "-o", str(args.profile)]
            wall, cpu, own = measure(command)
            pages = manifest.pages
            print(f"workers {workers}: {pages / wall:.1f} pages/s, CPU {cpu * 1000 / pages:.2f} "
                  f"ms/page in all, crawl process {own * 1000 / pages:.2f} ms/page, "
                  f"workers {(cpu - own) * 1000 / pages:.2f} ms/page; load {os.getloadavg()}")
    if args.profile:
        pstats.Stats(str(args.profile)).sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
