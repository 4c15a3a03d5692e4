"""Peak RSS of a full crawl as the site grows (issue 15: < 30 MB more from 1k to 50k articles).

Run: .venv/bin/python bench/memory_growth_bench.py --articles 1000,10000 [--memory-queue]
     [--trace DIR -s MEMPROBE_EVERY=1000] [-s NAME=VALUE ...]

For each size: the speed harness's generated site (kept under --site-dir), served by nginx on
loopback, crawled by `scrapy crawl <profile.toml>` with the bench profile (16 concurrent, no
delay), the scheduler's queues on disk (the default) or, with --memory-queue, in memory
(`-s LONGFORM_DISK_QUEUE=0`). Prints pages, peak RSS (VmHWM, sampled), CPU ms/page and the
scheduler's counters (requests queued on disk / in memory) per size, and the growth per 1,000
articles between the smallest and the largest; with --trace, a memory sample every N responses
(bench/memory_probe.py) in DIR/<articles>.jsonl. Not a unit test: tests/bench/test_memory_growth.py
runs a small one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed.measure import StageFailed, run  # noqa: E402
from speed.stages import ROOT, ok_pages  # noqa: E402
from speed_bench import DEFAULT_SITE_DIR, served_site  # noqa: E402

PROFILE = ('name = "bench"\nbase_url = "{base}/"\nplatform = "wordpress"\ntimezone = "UTC"\n'
           "autothrottle = false\ndownload_delay = 0.0\nconcurrency = 16\n")
COUNTERS = ("scheduler/enqueued/disk", "scheduler/enqueued/memory", "scheduler/unserializable")


def crawl(articles: int, site_dir: Path, memory_queue: bool, work: Path,
          settings: list[str] = (), trace: Path | None = None) -> dict[str, object]:
    """One full crawl of the `articles` site: its pages, peak RSS, CPU and scheduler counters."""
    extra = [arg for setting in settings for arg in ("-s", setting)]
    if trace is not None:  # the project's settings plus bench/memory_probe.py
        trace.mkdir(parents=True, exist_ok=True)
        os.environ["SCRAPY_SETTINGS_MODULE"] = "memory_probe_settings"
        os.environ["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).parent), str(ROOT)])
        extra += ["-s", f"MEMPROBE_FILE={trace / f'{articles}.jsonl'}"]
    with served_site(site_dir, articles) as (_root, manifest, base):
        out = work / f"{articles}-{'memory' if memory_queue else 'disk'}"
        out.mkdir(parents=True)
        profile = out / "bench.toml"
        profile.write_text(PROFILE.format(base=base))
        done = run([sys.executable, "-m", "scrapy", "crawl", str(profile),
                    "-s", f"LONGFORM_DATA_DIR={out}", "-s", "LOG_LEVEL=INFO",
                    "-s", f"LONGFORM_DISK_QUEUE={int(not memory_queue)}", *extra],
                   out / "log", cwd=ROOT, ok=(0, 1))
    pages = len(ok_pages(sorted((out / "bench" / "warc").glob("*.warc.gz"))))
    counters = _counters((out / "log" / "stderr").read_text(errors="replace"))
    return {"articles": articles, "pages": pages, "site_pages": manifest.pages,
            "queue": "memory" if memory_queue else "disk", "peak_rss_mb": round(done.peak_rss_mb, 1),
            "cpu_ms_per_page": round(1000 * done.cpu_seconds / max(pages, 1), 2),
            "seconds": round(done.seconds, 1), "status": done.status, **counters}


def _counters(log: str) -> dict[str, int]:
    """The scheduler's counters from Scrapy's stats dump at the end of the log."""
    found = {}
    for name in COUNTERS:
        match = re.search(rf"'{re.escape(name)}': (\d+)", log)
        found[name] = int(match.group(1)) if match else 0
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", default="1000,10000", help="comma-separated site sizes")
    parser.add_argument("--site-dir", type=Path, default=DEFAULT_SITE_DIR)
    parser.add_argument("--memory-queue", action="store_true", help="the scheduler's queues in memory")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a Scrapy setting for every crawl (e.g. LONGFORM_EXTRACT_WORKERS=0)")
    parser.add_argument("--trace", type=Path, metavar="DIR",
                        help="sample memory every 250 responses into DIR/<articles>.jsonl")
    args = parser.parse_args(argv)
    try:
        sizes = sorted(int(n) for n in args.articles.split(","))
    except ValueError:
        parser.exit(2, f"memory_growth_bench: --articles takes numbers, not {args.articles!r}\n")
    if not sizes or sizes[0] < 1:
        parser.exit(2, "memory_growth_bench: --articles < 1\n")
    rows = []
    with tempfile.TemporaryDirectory(prefix="lfmem-") as tmp:
        for articles in sizes:
            print(f"  {articles} articles ...", file=sys.stderr, flush=True)
            try:
                rows.append(crawl(articles, args.site_dir, args.memory_queue, Path(tmp), args.set,
                                  args.trace))
            except StageFailed as failed:
                print(f"memory_growth_bench: {failed}", file=sys.stderr)
                return 1
    print(render(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


def render(rows: list[dict[str, object]]) -> str:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [f"load average {load}", "",
             "| articles | pages | queue | peak RSS MB | CPU ms/page | s | queued on disk | in memory |",
             "|---|---|---|---|---|---|---|---|"]
    lines += [f"| {r['articles']} | {r['pages']} | {r['queue']} | {r['peak_rss_mb']} | "
              f"{r['cpu_ms_per_page']} | {r['seconds']} | {r.get(COUNTERS[0], '')} | "
              f"{r.get(COUNTERS[1], '')} |" for r in rows]
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = float(last["peak_rss_mb"]) - float(first["peak_rss_mb"])  # type: ignore[arg-type]
        per_k = growth / ((int(last["articles"]) - int(first["articles"])) / 1000)  # type: ignore[call-overload]
        lines += ["", f"peak RSS grew {growth:.1f} MB from {first['articles']} to {last['articles']} "
                  f"articles: {per_k:.2f} MB per 1,000 articles"]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
