"""A crawl stopped at any point, by SIGINT, SIGTERM or SIGKILL: one more run completes the dataset.

The sample site counts the responses it has sent and the test signals the crawl the moment the
Nth one has gone out, so each stop point is a place in the crawl, not a time. After the stop the
same command runs once more; it must exit 0 only with every article and every reader comment of
the ground truth exactly once, JSONL lines whole and WARCs that `warcio check` passes.

A SIGKILL can also land between two records of one page (the state must not call the page done
before its last record is written): a test pipeline kills the crawl right after a chosen comment.

The suite stops the crawl at a handful of points spread over it for each signal. Every point:
    LONGFORM_RESUME_SWEEP=all .venv/bin/python -m pytest -q tests/spiders/test_resume_any_point.py
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from resume_checks import jsonl

from tests.sites.sample_site import ground_truth, serve_sample_site

LONGFORM = [sys.executable, "-m", "spiders.cli"]
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)
WHOLE_CRAWL = 20
"""Responses an uninterrupted crawl of the sample site takes (robots.txt, home, sitemaps, feeds,
12 articles, comment pages 2 and 3 of the long thread, served one at a time)."""
SAMPLE_POINTS = {
    signal.SIGINT: (4, 13, 15),
    signal.SIGTERM: (8, 14, 19),
    signal.SIGKILL: (11, 16, 17),
}
"""Responses served before the signal, suite version: spread over the crawl, different for each
signal, each signal stopping once right after the long thread's permalink or its comment page 2
(13: the permalink, 15: page 2; the old bug lost comments at 12-17)."""
KILLED_AFTER_COMMENTS = ("51259", "51309")
"""Comments after which the crawl is killed: the middle of the long thread's pages 1 and 2."""
HERE = Path(__file__).resolve().parent
FULL_SWEEP = os.environ.get("LONGFORM_RESUME_SWEEP") == "all"


def _profile(folder: Path, base_url: str) -> Path:
    """Fast (no delay, no autothrottle) and one request at a time, so a stop point is exact."""
    path = folder / "sample.toml"
    path.write_text(
        f'name = "sample"\nbase_url = "{base_url}/"\ntimezone = "America/New_York"\n'
        "autothrottle = false\ndownload_delay = 0\nconcurrency = 1\n"
    )
    return path


def _points() -> Iterator[tuple[signal.Signals, int]]:
    for sig in SIGNALS:
        for n in (range(1, WHOLE_CRAWL) if FULL_SWEEP else SAMPLE_POINTS[sig]):
            yield sig, n


@pytest.mark.parametrize(("sig", "served"), list(_points()),
                         ids=lambda v: v.name if isinstance(v, signal.Signals) else str(v))
def test_one_more_run_completes_a_crawl_stopped_here(
    tmp_path: Path, sig: signal.Signals, served: int
) -> None:
    out = tmp_path / "out"
    with serve_sample_site(on_served=lambda n: _stop_at(n, served, sig, crawl)) as base_url:
        command = [*LONGFORM, "crawl", str(_profile(tmp_path, base_url)), "--out", str(out)]
        crawl: list[subprocess.Popen[str]] = []
        crawl.append(subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True))
        try:
            _, stderr = crawl[0].communicate(timeout=120)
        finally:
            crawl[0].kill()
        # Stopped (so the signal came before the end), and never a success for cron.
        assert crawl[0].returncode != 0, f"the stopped run reported success\n{stderr[-2000:]}"
        rerun = subprocess.run(command, capture_output=True, text=True, timeout=120)

    site = out / "sample"
    assert rerun.returncode == 0, rerun.stdout[-2000:] + rerun.stderr[-2000:]
    _assert_complete(site, base_url)
    warcs = sorted(str(p) for p in (site / "warc").glob("*.warc.gz"))
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", *warcs],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]


@pytest.mark.parametrize("comment_id", KILLED_AFTER_COMMENTS)
def test_one_more_run_completes_a_crawl_killed_between_two_records_of_a_page(
    tmp_path: Path, comment_id: str
) -> None:
    out = tmp_path / "out"
    killing = {**os.environ, "SCRAPY_SETTINGS_MODULE": "kill_after_record",
               "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
               "LONGFORM_TEST_KILL_AFTER": comment_id}
    with serve_sample_site() as base_url:
        command = [*LONGFORM, "crawl", str(_profile(tmp_path, base_url)), "--out", str(out)]
        killed = subprocess.run(command, capture_output=True, text=True, timeout=120, env=killing)
        assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
        written = {c["id"] for c in jsonl(out / "sample" / "comments.jsonl")}
        assert comment_id in written and str(int(comment_id) + 1) not in written  # mid-page
        rerun = subprocess.run(command, capture_output=True, text=True, timeout=120)

    assert rerun.returncode == 0, rerun.stdout[-2000:] + rerun.stderr[-2000:]
    _assert_complete(out / "sample", base_url)


def test_a_run_that_ends_with_a_thread_short_fails_and_the_next_completes_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    broken = {"page 3": True}  # the long thread's last comment page answers 500, then recovers
    with serve_sample_site(fails=lambda path: broken["page 3"] and "comment-page-3" in path) as base_url:
        command = [*LONGFORM, "crawl", str(_profile(tmp_path, base_url)), "--out", str(out)]
        short = subprocess.run(command, capture_output=True, text=True, timeout=120)
        broken["page 3"] = False
        rerun = subprocess.run(command, capture_output=True, text=True, timeout=120)

    # 3 failed requests of 22 (retries) are not enough to fail a run: the missing page is.
    assert short.returncode == 1, short.stdout[-2000:]
    assert "FAILED: 1 comment threads lack comment pages the site links to" in short.stdout
    assert "Comment pages [3] of " in short.stderr
    assert rerun.returncode == 0, rerun.stdout[-2000:] + rerun.stderr[-2000:]
    _assert_complete(out / "sample", base_url)


def _stop_at(n: int, served: int, sig: signal.Signals, crawl: list[subprocess.Popen[str]]) -> None:
    """Called by the server after each response: signal the first run after the `served`th."""
    if n == served and crawl:
        crawl[0].send_signal(sig)


def _assert_complete(site: Path, base_url: str) -> None:
    """Every article and every reader comment of the ground truth exactly once, lines whole."""
    truth = ground_truth(base_url)
    articles = jsonl(site / "articles.jsonl")
    comments = jsonl(site / "comments.jsonl")
    assert Counter(a["url"] for a in articles) == Counter(a.url for a in truth)
    got = Counter(f"{c['article_url']}#{c['id']}" for c in comments)
    want = Counter(f"{a.url}#{c.id}" for a in truth for c in a.comments if not c.is_ping)
    missing, extra = want - got, got - want
    assert not missing and not extra, (
        f"{len(got)} of {len(want)} comments; missing {sorted(missing)[:5]}, "
        f"more than once or unknown {sorted(extra)[:5]}")

