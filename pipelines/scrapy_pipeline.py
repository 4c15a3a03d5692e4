"""Thin Scrapy item pipeline over `Dataset`: the same chain and writer replay uses."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

from archive.state import StateStore
from pipelines.dataset import Dataset

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
        record = self.dataset.normalize(item, self.timezone)
        if record is None:
            raise DropItem("already in this run's dataset", log_level="DEBUG")
        self.dataset.write(record)
        return record

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
