"""A small run of bench/memory_growth_bench.py: two site sizes crawled whole, the queue on disk.

The long run (1,000 to 10,000 articles, both queues) is in docs/benchmarks.md; this one checks
that the script crawls every page of each site and reads the scheduler's counters it reports.
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
         "--json", str(rows_file)], capture_output=True, text=True, timeout=240, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = json.loads(rows_file.read_text())
    assert [row["articles"] for row in rows] == [6, 12]  # smallest first
    for row in rows:
        assert row["status"] == 0 and row["pages"] == row["site_pages"] > row["articles"]
        assert row["scheduler/enqueued/disk"] >= row["pages"] - 1  # robots.txt is not scheduled
        assert row["scheduler/enqueued/memory"] == 0 and row["peak_rss_mb"] > 50
    assert "peak RSS grew" in done.stdout and "| 12 |" in done.stdout


def test_bad_sizes_are_refused_in_one_line() -> None:
    done = subprocess.run([sys.executable, str(BENCH), "--articles", "ten"], capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
