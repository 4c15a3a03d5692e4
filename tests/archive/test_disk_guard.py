"""The disk-full guard as Scrapy builds it (`get_crawler`): the run's space reserve, one report.

A crawl meeting a real full disk (a small tmpfs) is in `tests/faults/test_disk_full.py`.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from archive.disk_guard import (
    DISK_FULL_STAT,
    RESERVE_FILE,
    DiskFullGuard,
    disk_is_full,
    report_disk_full,
)
from archive.disk_space import DiskFull


class DemoSpider(scrapy.Spider):
    name = "demo"


def _crawler(tmp_path: Path, reserve: int = 4096) -> tuple[Crawler, DiskFullGuard]:
    # Scrapy's own extensions off: they want a running reactor on spider_opened.
    settings = {"EXTENSIONS_BASE": {}, "DOWNLOAD_HANDLERS": {"http": None, "https": None},
                "EXTENSIONS": {"archive.disk_guard.DiskFullGuard": 0},
                "LONGFORM_DATA_DIR": str(tmp_path), "LONGFORM_DISK_RESERVE": reserve}
    crawler = get_crawler(DemoSpider, settings)
    crawler.spider = crawler._create_spider()
    crawler.engine = crawler._create_engine()  # built, not started: no spider of its own to close
    [guard] = [ext for ext in crawler.extensions.middlewares if isinstance(ext, DiskFullGuard)]
    return crawler, guard


def _open(crawler: Crawler) -> None:
    crawler.signals.send_catch_log(signals.spider_opened, spider=crawler.spider)


def test_the_reserve_is_held_in_the_site_folder_for_the_run_and_given_back_at_its_end(tmp_path: Path) -> None:
    crawler, _ = _crawler(tmp_path)
    _open(crawler)
    reserve = tmp_path / "demo" / RESERVE_FILE
    assert reserve.stat().st_size == 4096
    crawler.signals.send_catch_log(signals.spider_closed, spider=crawler.spider, reason="finished")
    assert not reserve.exists()


def test_a_full_disk_is_reported_once_and_frees_the_reserve(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    crawler, _ = _crawler(tmp_path)
    _open(crawler)
    assert not disk_is_full(crawler)
    error = DiskFull(tmp_path, 100, "a WARC record to demo-1.warc.gz")
    with caplog.at_level(logging.ERROR, logger="archive.disk_guard"):
        report_disk_full(crawler, error)
        report_disk_full(crawler, DiskFull(tmp_path, 5, "a line of articles.jsonl"))  # a second writer
    assert disk_is_full(crawler)
    assert crawler.stats is not None and crawler.stats.get_value(DISK_FULL_STAT) == str(error)
    logged = [r.getMessage() for r in caplog.records if r.name == "archive.disk_guard"]
    assert logged == [f"Disk full, stopping the crawl: {error}"]
    assert not (tmp_path / "demo" / RESERVE_FILE).exists()  # the space the run needs to finish


def test_no_reserve_when_it_is_turned_off(tmp_path: Path) -> None:
    crawler, _ = _crawler(tmp_path, reserve=0)
    _open(crawler)
    assert not (tmp_path / "demo").exists() and not disk_is_full(crawler)
