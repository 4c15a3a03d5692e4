"""The dataset item pipeline built by Scrapy (`get_crawler`), fed records of a real recorded page.

Whole crawls through it are in `tests/spiders/test_demo_crawl.py` and `test_pending_pages.py`;
here each decision on its own: what is written where, in-run duplicates, records already in the
dataset from an earlier run (the state the run shares), and a full disk.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from archive.disk_guard import DISK_FULL_STAT
from archive.state import StateDB, attach
from archive.writer import RecordLocation
from pipelines.derive import derive_page
from pipelines.scrapy_pipeline import AlreadyInRun, DatasetPipeline, NotWritten
from scrapers.http import HttpResponse
from scrapers.items import Article, Comment
from scrapers.profile import SiteProfile
from spiders.loader import spider_class

DATA = Path(__file__).resolve().parents[1] / "data"
URL = "https://moritz-meyer.net/blog/vreni-frost-instagram-abmahnung/"  # tests/data/real-wordpress/README
BODY = (DATA / "real-wordpress" / "moritz-meyer.net.vreni.html").read_bytes()
PROFILE = SiteProfile(name="mm", base_url="https://moritz-meyer.net/", timezone="Europe/Berlin")
SETTINGS = {"ITEM_PIPELINES": {"pipelines.scrapy_pipeline.DatasetPipeline": 300},
            "DOWNLOAD_HANDLERS": {"http": None, "https": None}, "LONGFORM_STATE": False}


def _records(crawl_id: str) -> list[Article | Comment]:
    location = RecordLocation("/d/mm/warc/mm-1.warc.gz", 0, 1, "<urn:uuid:1>", URL,
                              "2026-01-02T03:04:05Z", "sha1:X")
    page = derive_page(HttpResponse(URL, 200, (("Content-Type", "text/html"),), BODY), location, PROFILE,
                       crawl_id)
    assert page is not None
    return [page.article, *page.comments]


def _pipeline(tmp_path: Path, state: StateDB | None = None) -> tuple[Crawler, DatasetPipeline]:
    crawler = get_crawler(spider_class(PROFILE), {**SETTINGS, "LONGFORM_DATA_DIR": str(tmp_path)})
    if state is not None:
        attach(crawler, state)  # what the run extension does before the engine is built
    crawler.spider = crawler._create_spider()
    crawler.engine = crawler._create_engine()
    [pipeline] = [p for p in crawler.engine.scraper.itemproc.middlewares if isinstance(p, DatasetPipeline)]
    pipeline.open_spider()
    return crawler, pipeline


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()] if path.exists() else []


def test_records_are_normalized_in_the_sites_zone_and_written_to_its_folder(tmp_path: Path) -> None:
    crawler, pipeline = _pipeline(tmp_path)
    article, *comments = _records("run-1")
    written = pipeline.process_item(article)
    assert isinstance(written, Article) and written.authors == ["MoritzMeyer"]
    first = pipeline.process_item(comments[0])
    # Printed "19. Juni 2018 um 15:28 Uhr" on a site in Europe/Berlin (summer time: UTC+2).
    assert (first.id, first.published) == ("114", "2018-06-19T13:28:00Z")
    for comment in comments[1:]:
        pipeline.process_item(comment)
    with pytest.raises(AlreadyInRun):  # the article again, shown on another comment page
        pipeline.process_item(article)
    pipeline.close_spider()
    assert [r["id"] for r in _lines(tmp_path / "mm" / "articles.jsonl")] == [written.id]
    assert len(_lines(tmp_path / "mm" / "comments.jsonl")) == len(comments) == 20
    assert crawler.stats is not None and crawler.stats.get_value("dataset/comments") == 20


def test_records_the_dataset_holds_from_an_earlier_run_are_not_written_again(tmp_path: Path) -> None:
    state = StateDB(tmp_path / "mm" / "state.sqlite")
    for crawl_id in ("run-1", "run-2"):
        crawler, pipeline = _pipeline(tmp_path, state)
        for record in _records(crawl_id):
            pipeline.process_item(record)
        pipeline.close_spider()
    assert crawler.stats is not None
    assert crawler.stats.get_value("incremental/comments_refetched_unchanged") == 20
    assert crawler.stats.get_value("dataset/comments") is None  # nothing appended in the second run
    assert len(_lines(tmp_path / "mm" / "comments.jsonl")) == 20
    state.close()


def test_on_a_full_disk_a_record_is_not_written_and_the_run_is_told(tmp_path: Path) -> None:
    crawler, pipeline = _pipeline(tmp_path)
    assert crawler.stats is not None
    crawler.stats.set_value(DISK_FULL_STAT, "no space left")  # another writer found the disk full
    with pytest.raises(NotWritten):
        pipeline.process_item(_records("run-1")[0])
    pipeline.close_spider()
    assert crawler.stats.get_value("dataset/not_written_disk_full") == 1
    assert not (tmp_path / "mm" / "articles.jsonl").exists()
