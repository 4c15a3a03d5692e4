"""Thin Scrapy item pipeline over `Dataset`: the same chain and writer replay uses."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

from archive.disk_guard import disk_is_full, report_disk_full
from archive.disk_space import DiskFull, as_disk_full
from archive.state import StateStore
from pipelines.dataset import Dataset


class AlreadyInRun(DropItem):
    """Raised by `DatasetPipeline` for a record this run already handled (the article shown again
    on its comment pages): dropped so later components count it once, yet it is in the dataset
    (`spiders.pending_pages` counts it as written)."""


if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class DatasetPipeline:
    """Writes items to <LONGFORM_DATA_DIR>/<site>/{articles,comments}.jsonl."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.dataset: Dataset | None = None
        self.store: StateStore | None = None
        self.timezone = "UTC"

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DatasetPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        assert spider is not None
        folder = Path(self.crawler.settings.get("LONGFORM_DATA_DIR", "data")) / spider.name
        state_file = self.crawler.settings.get("ARCHIVE_STATE_FILE")
        # The state remembers which records the files hold, so JSONL gets only new or changed ones.
        self.store = StateStore(Path(state_file)) if state_file else None
        self.dataset = Dataset(folder, self.store)
        profile = getattr(spider, "profile", None)  # SiteSpider subclasses carry their profile
        self.timezone = profile.timezone if profile is not None else "UTC"

    def process_item(self, item: Any) -> Any:
        """The record as written (or found written, unchanged); DropItem for an in-run duplicate,
        so that later components (`item_scraped`: field coverage) see each record once."""
        assert self.dataset is not None
        try:
            if disk_is_full(self.crawler):
                raise DiskFull(self.dataset.folder, 0, "the dataset")  # keep the reserve for the state
            record = self.dataset.normalize(item, self.timezone)
            if record is not None:
                self.dataset.write(record)
        except Exception as error:
            full = as_disk_full(error, self.dataset.folder, "the state database")
            if full is None:
                raise
            self._not_written(item, full)
            # Dropped, not passed on: the spider learns the item's page only once every record of
            # it is through (`spiders.pending_pages`), so the page stays unfetched for the next run.
            raise DropItem("not written: the disk is full", log_level="DEBUG") from None
        if record is None:
            raise AlreadyInRun("already in this run's dataset", log_level="DEBUG")
        return record

    def _not_written(self, item: Any, error: DiskFull) -> None:
        """Forget the item's article in the state (an earlier run may have marked its pages
        fetched), so the next run fetches it whole."""
        report_disk_full(self.crawler, error)  # first: releases the space reserve
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value("dataset/not_written_disk_full")
        url = getattr(item, "article_url", None) or getattr(item, "url", None)
        if self.store is not None and url:
            self.store.forget_article(url)

    def close_spider(self) -> None:
        if self.dataset is None:
            return
        self.dataset.close()
        if self.store is not None:
            self.store.close()
        stats = self.crawler.stats
        if stats is not None:
            for name, value in self.dataset.stats.items():
                stats.set_value(name, value)
