"""How long does `longform rebuild-state` take, and how much memory, as the archive grows?

Run: .venv/bin/python bench/rebuild_bench.py [--copies 10,80]

Builds archives as bench/scale_bench.py does (copies of the demo crawl's HTML responses under
distinct URLs and ids), replays each into a site folder's JSONL files (a site folder as a crawl
leaves it, without its state), then runs `longform rebuild-state` on it in a fresh interpreter and
reports its wall time, CPU time and peak RSS (GNU time). Not a unit test.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scale_bench import copies, crawl_sample, html_exchanges, write_archive  # noqa: E402

from pipelines.replay import replay  # noqa: E402


def rebuild(site: Path) -> dict[str, str]:
    result = subprocess.run(["/usr/bin/time", "-v", sys.executable, "-m", "spiders.cli", "rebuild-state",
                             str(site)], capture_output=True, text=True, cwd=ROOT, check=True)
    wanted = {"Elapsed (wall clock) time (h:mm:ss or m:ss)": "wall", "User time (seconds)": "user",
              "Maximum resident set size (kbytes)": "rss_kb"}
    found = {}
    for line in result.stderr.splitlines():
        name, _, value = line.strip().rpartition(": ")
        if name in wanted:
            found[wanted[name]] = value
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", default="10,80", help="comma-separated copy counts (default: 10,80)")
    counts = [int(n) for n in parser.parse_args().copies.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        info, pages = html_exchanges(crawl_sample(work / "crawl"))
        origin = re.match(r"https?://[^/]+", pages[0][0]).group(0)  # type: ignore[union-attr]
        print(f"{'pages':>7} {'WARC MB':>8} {'JSONL lines':>12} {'wall':>8} {'CPU s':>7} {'peak RSS':>9}")
        for count in counts:
            site = work / f"site-{count}"
            (site / "warc").mkdir(parents=True)
            warc = site / "warc" / f"scaled-{count:05d}-00000.warc.gz"
            records = write_archive(warc, info, copies(pages, count, origin))
            replay([warc], site)
            lines = sum(len(p.read_text().splitlines()) for p in site.glob("*.jsonl"))
            found = rebuild(site)
            print(f"{records - 1:>7} {warc.stat().st_size / 1e6:>8.1f} {lines:>12} {found['wall']:>8} "
                  f"{found['user']:>7} {int(found['rss_kb']) // 1024:>5} MiB")


if __name__ == "__main__":
    main()
