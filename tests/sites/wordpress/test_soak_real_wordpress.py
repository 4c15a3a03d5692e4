"""The short soak: a crawl of the real WordPress fixture stopped at 4 random-but-seeded moments
(SIGKILL, or SIGTERM twice: Scrapy's unclean shutdown) and resumed each time ends complete.

bench/soak.py does the work (100 stops: see docs/reliability.md, "Soak"); here the same code with
4 stops. Complete: the run after the last stop exits 0, every record of an uninterrupted crawl
exactly once with the same content hash, every post and approved comment of WordPress's own
export, every WARC passing `warcio check` and `longform verify`. Without the site the test skips,
except under CI=true, where it fails.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
KILLS = 4
SEED = 4


def test_a_crawl_stopped_four_times_at_random_and_resumed_ends_complete(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("soak_bench", HERE.parents[2] / "bench" / "soak.py")
    assert spec is not None and spec.loader is not None
    soak = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(soak)
    site = soak.load("wordpress_fixture_site", HERE / "site.py")
    url = site.url_for_tests()
    lines: list[dict[str, Any]] = []
    with site.exclusive():
        totals = soak.soak(url, tmp_path, KILLS, SEED, 4, lines.append)

    runs = [line for line in lines if "run" in line]
    assert sum(totals["kills"].values()) == KILLS, lines
    assert [r["signal"] for r in runs].count(None) == totals["rounds"], lines  # one finish a round
    assert runs[-1]["signal"] is None and runs[-1]["exit"] == 0, runs[-1]
    assert all(r["exit"] != 0 for r in runs if r["signal"]), "a stopped run reported success"
    checks = [line["check"] for line in lines if "check" in line]
    assert checks and all(soak.clean(c) for c in checks), checks
    assert totals["failed_unkilled_runs"] == 0 and totals["unclean_rounds"] == 0, totals
    assert all(c["articles"] == 56 and c["warcs"] for c in checks), checks
