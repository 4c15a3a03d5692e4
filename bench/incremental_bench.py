"""Cost of an incremental crawl when nothing changed: run 2's requests for bodies vs run 1's requests.

Run (the real WordPress test site up; its settings held steady by the machine-wide lock):
    flock /tmp/wp-site.lock .venv/bin/python bench/incremental_bench.py [--base http://127.0.0.1:8089/]

Crawls the site twice into a fresh folder with the same `longform crawl` command: run 1 full (no
state yet), run 2 incremental, nothing changed in between. Counts from the WARC files each run
wrote (every request the crawl made has a response or revisit record there):
- requests: response + revisit records;
- 200 with a body: the server sent a body (a full `response` record, or an identical-payload
  `revisit`, whose body came over the wire but was not stored again);
- bodies stored: full 200 `response` records.
Not a unit test.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

ROOT = Path(__file__).resolve().parents[1]


def _crawl(profile: Path, out: Path) -> tuple[float, list[Path]]:
    before = set(out.glob("*/warc/*.warc.gz"))
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "spiders.cli", "crawl", str(profile), "--out", str(out)],
                   check=True, capture_output=True, cwd=ROOT)
    return time.monotonic() - start, sorted(set(out.glob("*/warc/*.warc.gz")) - before)


def _count(warcs: list[Path]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in warcs:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type not in ("response", "revisit"):
                    continue
                status = record.http_headers.get_statuscode()
                counts["requests"] += 1
                counts[f"{record.rec_type} {status}"] += 1
                if status == "200":
                    counts["200 with a body"] += 1
                    counts["bodies stored"] += record.rec_type == "response"
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8089/")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        profile = out / "bench.toml"
        profile.write_text(f'name = "bench"\nbase_url = "{args.base}"\ntimezone = "America/New_York"\n'
                           "download_delay = 0.0\nautothrottle = false\nconcurrency = 8\n")
        runs = [_crawl(profile, out) for _ in range(2)]
        first, second = (_count(warcs) for _, warcs in runs)
    for label, (seconds, _), counts in (("run 1 (full)", runs[0], first),
                                        ("run 2 (no change)", runs[1], second)):
        detail = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())
                           if k not in ("requests", "200 with a body", "bodies stored"))
        print(f"{label:18} {counts['requests']:4} requests, {counts['200 with a body']:3} with a body, "
              f"{counts['bodies stored']:3} stored, {seconds:5.1f} s  ({detail})")
    print(f"run 2 requests for bodies / run 1 requests: {second['200 with a body']}/{first['requests']}"
          f" = {100 * second['200 with a body'] / first['requests']:.1f}%"
          f"  (bodies stored: {100 * second['bodies stored'] / first['requests']:.1f}%;"
          f" all requests: {100 * second['requests'] / first['requests']:.1f}%)")


if __name__ == "__main__":
    main()
