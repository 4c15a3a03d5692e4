"""CPU ms per page of `longform replay` in one process (user + system of the child, `wait4`).

    .venv/bin/python bench/replay_cpu.py WARC [--rounds 3]

Pages are the WARC's HTML response records (the speed harness counts the same). Prints one line
per round and the load average, since other work on a shared machine moves wall time far more
than CPU time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator


def html_pages(warc: Path) -> int:
    with warc.open("rb") as stream:
        return sum(1 for record in ArchiveIterator(stream) if record.rec_type == "response"
                   and "html" in (record.http_headers.get_header("Content-Type") or ""))


def one_round(warc: Path) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one replay."""
    longform = Path(sys.executable).parent / "longform"
    with tempfile.TemporaryDirectory(prefix="replaycpu-") as out:
        start = time.monotonic()
        child = subprocess.Popen([str(longform), "replay", "--out", out, str(warc)],
                                 stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.monotonic() - start
    if status != 0:
        raise SystemExit(f"replay_cpu: replay exited with status {status}")
    return usage.ru_utime + usage.ru_stime, wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warc", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pages = html_pages(args.warc)
    for number in range(args.rounds):
        cpu, wall = one_round(args.warc)
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"round {number + 1}: {pages} pages, CPU {cpu * 1000 / pages:.2f} ms/page, "
              f"{pages / wall:.1f} pages/s wall, load average {load}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
