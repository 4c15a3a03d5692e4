"""The run extension (`spiders.run_lifecycle`) through Scrapy's own `get_crawler`: what it takes,
derives and refuses before the engine exists, and what it leaves when the run ends."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from archive.state import shared
from scrapers.profile import SiteProfile
from spiders.loader import spider_class
from spiders.run_lifecycle import RunLifecycle, RunRefused
from spiders.site_lock import SiteBusy, site_lock

EXTENSION = "spiders.run_lifecycle.RunLifecycle"
PROFILE = SiteProfile(name="unit", base_url="http://127.0.0.1:9/")


def _run(tmp_path: Path, **settings: object) -> tuple[Crawler, RunLifecycle]:
    """A crawler with the run extension built, as `Crawler.crawl` builds it before the engine."""
    crawler = get_crawler(spider_class(PROFILE), {"LONGFORM_DATA_DIR": str(tmp_path), **settings,
                                                  "EXTENSIONS": {EXTENSION: -100}})
    crawler._apply_settings()  # stats, then the extensions; raises what from_crawler raises
    run = RunLifecycle.of(crawler)
    assert run is not None
    return crawler, run


def test_a_run_locks_the_site_opens_the_state_and_derives_the_archive_settings(tmp_path: Path) -> None:
    crawler, run = _run(tmp_path)
    site = tmp_path / "unit"
    with pytest.raises(SiteBusy):  # held for the whole run
        with site_lock(site):
            pass
    assert shared(crawler) is run.state and RunLifecycle.of(crawler) is run
    crawl_id = crawler.settings["LONGFORM_CRAWL_ID"]
    assert crawl_id.startswith("unit-") and crawler.settings["ARCHIVE_CRAWL_ID"] == crawl_id
    assert crawler.settings["ARCHIVE_DIR"] == str(site / "warc")
    assert crawler.settings["ARCHIVE_PREFIX"] == "unit"
    assert json.loads(crawler.settings.getdict("ARCHIVE_INFO")["longform-profile"])["name"] == "unit"
    with sqlite3.connect(site / "state.sqlite") as db:
        assert db.execute("SELECT crawl_id, status FROM runs").fetchall() == [(crawl_id, "running")]

    stats = crawler.stats
    stats.set_value("start_time", datetime(2026, 1, 1, tzinfo=UTC))
    stats.set_value("finish_time", datetime(2026, 1, 1, 0, 0, 5, tzinfo=UTC))
    stats.set_value("finish_reason", "finished")
    outcome = run.finish()
    assert run.finish() is outcome  # once: the engine_stopped signal and the command both call it
    assert outcome.status == 0 and outcome.report_path == site / "crawl-report.json"
    assert json.loads(outcome.report_path.read_text())["duration_seconds"] == 5.0
    with sqlite3.connect(site / "state.sqlite") as db:
        assert db.execute("SELECT status FROM runs").fetchall() == [("finished",)]
    with site_lock(site):  # released
        pass


def test_a_locked_site_is_refused_with_75_and_nothing_written(tmp_path: Path) -> None:
    with site_lock(tmp_path / "unit"), pytest.raises(RunRefused) as refused:
        _run(tmp_path)
    assert refused.value.status == 75
    assert refused.value.message.startswith("another crawl of unit is running (pid ")
    assert sorted(p.name for p in (tmp_path / "unit").iterdir()) == [".lock"]


def test_a_damaged_state_is_refused_with_1_and_the_lock_let_go(tmp_path: Path) -> None:
    site = tmp_path / "unit"
    site.mkdir()
    (site / "state.sqlite").write_bytes(b"not a database" * 100)
    with pytest.raises(RunRefused) as refused:
        _run(tmp_path)
    assert refused.value.status == 1
    assert "is not an SQLite database; nothing was crawled. Run `longform rebuild-state" \
        in refused.value.message
    with site_lock(site):  # not left held by the refused run
        pass


def test_without_state_the_run_still_locks_and_reports(tmp_path: Path) -> None:
    crawler, run = _run(tmp_path, LONGFORM_STATE=False)
    assert run.state is None and shared(crawler) is None
    outcome = run.finish()  # no finish reason in the stats: a run that never finished, failed
    assert outcome.status == 1 and outcome.report["failure"].startswith("the crawl stopped early")
    assert not (tmp_path / "unit" / "state.sqlite").exists()
