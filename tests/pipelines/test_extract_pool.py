"""The extraction pool built by Scrapy (`get_crawler`): real worker processes, a real page."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from archive.writer import RecordLocation
from pipelines.extract_job import ExtractJob, extract
from pipelines.extract_pool import ExtractPool
from pipelines.prepared import prepare_page
from pipelines.scrapy_pipeline import DatasetPipeline
from scrapers.profile import SiteProfile
from spiders.loader import spider_class

DATA = Path(__file__).resolve().parents[1] / "data"
URL = "https://moritz-meyer.net/blog/vreni-frost-instagram-abmahnung/"  # tests/data/real-wordpress/README
BODY = (DATA / "real-wordpress" / "moritz-meyer.net.vreni.html").read_bytes()
PROFILE = SiteProfile(name="mm", base_url="https://moritz-meyer.net/", timezone="Europe/Berlin")
LOCATION = RecordLocation("/d/mm/warc/mm-1.warc.gz", 0, 1, "<urn:uuid:1>", URL,
                          "2026-01-02T03:04:05Z", "sha1:X")
SETTINGS = {"EXTENSIONS": {"pipelines.extract_pool.ExtractPool": 700},
            "ITEM_PIPELINES": {"pipelines.scrapy_pipeline.DatasetPipeline": 300},
            "DOWNLOAD_HANDLERS": {"http": None, "https": None}, "LONGFORM_STATE": False}


def _job(location: RecordLocation | None = LOCATION) -> ExtractJob:
    return ExtractJob(URL, 200, (("Content-Type", "text/html"),), BODY, location,  # type: ignore[arg-type]
                      PROFILE, "run-1", "/d/mm")


def _crawler(tmp_path: Path, workers: int | None) -> Crawler:
    settings = {**SETTINGS, "LONGFORM_DATA_DIR": str(tmp_path)}
    if workers is not None:
        settings["LONGFORM_EXTRACT_WORKERS"] = workers
    crawler = get_crawler(spider_class(PROFILE), settings)
    crawler.spider = crawler._create_spider()
    crawler.engine = crawler._create_engine()
    return crawler


def _pool(crawler: Crawler) -> ExtractPool:
    pool = crawler.get_extension(ExtractPool)
    assert pool is not None
    return pool


def _workers() -> list[int]:
    """This process's extraction workers (multiprocessing's spawned children)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if not entry.name.isdigit():
                continue
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if parent == os.getpid() and b"spawn_main" in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_one_worker_per_core_by_default_and_none_with_zero(tmp_path: Path) -> None:
    assert _pool(_crawler(tmp_path, None)).workers == os.cpu_count()
    crawler = _crawler(tmp_path, 0)
    _pool(crawler).open()  # spider_opened
    assert ExtractPool.of(crawler) is None  # the spider extracts in its own process


def test_a_worker_gives_the_page_and_records_this_process_would(tmp_path: Path) -> None:
    crawler = _crawler(tmp_path, 1)
    pool = _pool(crawler)
    pool.start("/d/mm")
    try:
        page, records = asyncio.run(pool.extract(_job()))
    finally:
        pool.close()
    here = extract(_job())
    assert page == here.page and records == here.records
    assert page is not None and len(records) == 1 + len(page.comments) == 21
    assert crawler.stats is not None and crawler.stats.get_value("extract_pool/pages") == 1
    assert not pool.active and _workers() == []  # closed: the workers are gone


def test_a_page_that_raises_in_a_worker_raises_here_and_a_killed_worker_loses_no_page(
        tmp_path: Path) -> None:
    crawler = _crawler(tmp_path, 1)
    pool = _pool(crawler)
    pool.start("/d/mm")

    async def scenario() -> None:
        with pytest.raises(AttributeError):  # no WARC location: derive_page fails, as here
            await pool.extract(_job(location=None))
        assert pool.active  # an error in a page is not a lost worker
        for pid in _workers():
            os.kill(pid, signal.SIGKILL)
        page, records = await pool.extract(_job())
        assert page is not None and len(records) == 21  # extracted here instead
        assert pool.active  # and a new pool started for the next pages

    try:
        asyncio.run(scenario())
    finally:
        pool.close()
    assert crawler.stats is not None
    assert crawler.stats.get_value("extract_pool/worker_lost") == 1
    assert crawler.stats.get_value("extract_pool/extracted_in_process") == 1


def test_the_pipeline_appends_the_line_a_worker_prepared(tmp_path: Path) -> None:
    crawler = _crawler(tmp_path, 1)
    pipeline = next(p for p in crawler.engine.scraper.itemproc.middlewares  # type: ignore[union-attr]
                    if isinstance(p, DatasetPipeline))
    pipeline.open_spider()
    page = extract(_job()).page
    assert page is not None
    # Prepared against another folder: the line tells which record the pipeline wrote.
    records = prepare_page(page, PROFILE.timezone, "/elsewhere")
    _pool(crawler).remember([page.article], records[:1])
    pipeline.process_item(page.article)
    pipeline.process_item(page.comments[0])  # nothing remembered for it: prepared here
    pipeline.close_spider()
    article_line = (tmp_path / "mm" / "articles.jsonl").read_bytes()
    assert article_line == records[0].line and b'"warc_file":"../d/mm/warc' in article_line
    here = os.path.relpath(LOCATION.warc_file, tmp_path / "mm")
    assert f'"warc_file":"{here}"'.encode() in (tmp_path / "mm" / "comments.jsonl").read_bytes()
    assert _pool(crawler).prepared(page.article) is None  # taken once
