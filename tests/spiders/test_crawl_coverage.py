"""Field coverage of real crawls of the sample site: every record counts once per run, whether the run
appended it or found it already written; a run that sees too few records says it did not judge; and
`scrapy crawl` takes its thresholds from the profile, overridden by `-s`. (A crawl that fails its
coverage: tests/sites/wordpress/test_coverage_real_wordpress.py, on the real WordPress fixture.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.sites.sample_site import ground_truth, serve_sample_site

LONGFORM = [sys.executable, "-m", "spiders.cli"]
REPO = Path(__file__).resolve().parents[2]


def _profile(tmp_path: Path, base_url: str, extra: str = "") -> Path:
    path = tmp_path / "site.toml"
    path.write_text(f'name = "site"\nbase_url = "{base_url}/"\ntimezone = "UTC"\n'
                    f"autothrottle = false\ndownload_delay = 0\nconcurrency = 4\n{extra}")
    return path


def _crawl(profile: Path, out: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    proc = subprocess.run([*LONGFORM, "crawl", str(profile), "--out", str(out), *args],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc, json.loads((out / "site" / "crawl-report.json").read_text("utf-8"))


def _lines(path: Path) -> int:
    return len(path.read_text("utf-8").splitlines())


def test_each_record_counts_once_per_run_new_or_unchanged(tmp_path: Path) -> None:
    readers = sum(1 for article in ground_truth() for c in article.comments if not c.is_ping)
    with serve_sample_site() as base_url:
        profile = _profile(tmp_path, base_url)
        first, first_report = _crawl(profile, tmp_path)
        full, full_report = _crawl(profile, tmp_path, "--full")
        incremental, incremental_report = _crawl(profile, tmp_path)
    site = tmp_path / "site"
    articles, comments = _lines(site / "articles.jsonl"), _lines(site / "comments.jsonl")
    assert (articles, comments) == (len(ground_truth()), readers)
    # First run: every record new, each counted once although comment pages show the article again.
    coverage = first_report["coverage"]
    assert (coverage["articles"]["records"], coverage["comments"]["records"]) == (articles, comments)
    assert coverage["comments"]["fields"]["author"]["filled"] == comments
    assert f"coverage: comments ({comments}): author 100.0%, published 100.0%, text 100.0%" in first.stdout
    # --full fetches everything again and appends nothing: the unchanged records are still judged.
    assert full_report["records_appended"] == {"articles": 0, "comments": 0}
    assert full_report["coverage"] == coverage
    # The incremental rerun fetches no article: nothing to judge, and it says so instead of failing.
    empty = incremental_report["coverage"]
    unjudged = {name: {**entry, "filled": 0, "percent": None}
                for name, entry in coverage["comments"]["fields"].items()}
    assert empty["comments"] == {"records": 0, "judged": False, "fields": unjudged}
    assert "coverage: comments (0; not judged): author -" in incremental.stdout
    log = site / "logs" / f"{incremental_report['crawl_id']}.log"  # Scrapy's log of `longform crawl`
    assert "fewer than 10: comments coverage not judged" in log.read_text("utf-8")


def test_scrapy_crawl_takes_thresholds_from_the_profile_and_dash_s_overrides_them(tmp_path: Path) -> None:
    with serve_sample_site() as base_url:
        profile = _profile(tmp_path, base_url, "[coverage]\nmin_records = 200\n")
        proc = subprocess.run(
            [str(Path(sys.executable).with_name("scrapy")), "crawl", str(profile),
             "-s", f"LONGFORM_DATA_DIR={tmp_path}", "-s", "COVERAGE_MIN_RECORDS=100"],
            capture_output=True, text=True, timeout=120, cwd=REPO)
    assert proc.returncode == 0, proc.stderr[-3000:]
    # 12 articles and 130 comments: under 100 only the articles go unjudged (under 200, both would).
    assert "coverage: 12 articles in this run, fewer than 100: articles coverage not judged" in proc.stderr
    assert "comments coverage not judged" not in proc.stderr
