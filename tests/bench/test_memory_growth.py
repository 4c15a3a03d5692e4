"""A small run of bench/memory_growth_bench.py: two site sizes crawled whole, the queue on disk.

The long run (1,000 to 10,000 articles, both queues) is in docs/benchmarks.md; this one checks
that the script crawls every page of each site and reads the scheduler's counters it reports,
and, through its memory trace, that nothing of ours keeps a thing per page or article once the
page is done, and that the heap is trimmed as the crawl goes (issue 15). RSS itself is not
asserted: at a few hundred articles the growth the fixes remove (~1.5 MB per 1,000 articles) is
below the run-to-run noise, and tests/spiders/test_malloc_trim.py shows the trim's effect.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench" / "memory_growth_bench.py"


def test_each_size_is_crawled_whole_with_its_requests_queued_on_disk(tmp_path: Path) -> None:
    rows_file = tmp_path / "rows.json"
    done = subprocess.run(
        [sys.executable, str(BENCH), "--articles", "12,6", "--site-dir", str(tmp_path / "sites"),
         "--json", str(rows_file), "--trace", str(tmp_path / "trace"), "-s", "MEMPROBE_EVERY=5",
         "-s", "LONGFORM_MALLOC_TRIM_PAGES=4"], capture_output=True, text=True, timeout=240, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = json.loads(rows_file.read_text())
    assert [row["articles"] for row in rows] == [6, 12]  # smallest first
    for row in rows:
        assert row["status"] == 0 and row["pages"] == row["site_pages"] > row["articles"]
        assert row["scheduler/enqueued/disk"] >= row["pages"] - 1  # robots.txt is not scheduled
        assert row["scheduler/enqueued/memory"] == 0 and row["peak_rss_mb"] > 50
    assert "peak RSS grew" in done.stdout and "| 12 |" in done.stdout
    samples = [json.loads(line) for line in (tmp_path / "trace" / "12.jsonl").read_text().splitlines()]
    last = samples[-1]  # at spider_closed
    assert len(samples) >= 3 and last["responses"] == rows[1]["pages"]
    assert all(row["known"] == 0 for row in samples)  # a first crawl's articles: in the state file
    assert last["pending"] == last["pool_prepared"] == last["cross_checked_posts"] == 0
    assert last["malloc_trims"] == last["responses"] // 4 and last["RssAnon"] > 10_000
    assert last["fingerprints"] == rows[1]["pages"] - 1  # Scrapy's dupefilter: robots.txt is not in it


def test_bad_sizes_are_refused_in_one_line() -> None:
    done = subprocess.run([sys.executable, str(BENCH), "--articles", "ten"], capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
