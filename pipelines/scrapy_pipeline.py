"""Thin Scrapy item pipeline over `Dataset`: the same chain and writer replay uses.

The record ledger (which records the JSONL files hold) is in the state database the run shares
(`archive.state.shared`, opened by `spiders.run_lifecycle`); a run without state uses a scratch one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

from archive.disk_guard import disk_is_full, report_disk_full
from archive.disk_space import DiskFull, as_disk_full
from archive.site_folder import crawl_site_folder
from archive.state import shared
from pipelines import redis_ledger
from pipelines.dataset import Dataset
from pipelines.extract_pool import ExtractPool
from pipelines.ledger import RecordLedger, StateLedger
from pipelines.prepared import prepare


class AlreadyInRun(DropItem):
    """Raised by `DatasetPipeline` for a record this run already handled (the article shown again
    on its comment pages): dropped so later components count it once, yet it is in the dataset
    (`spiders.pending_pages` counts it as written)."""


class NotWritten(DropItem):
    """Raised by `DatasetPipeline` for a record the disk had no room for: the spider forgets its
    article in the schedule (`spiders.change_signals`), so the next run fetches it whole."""


if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class DatasetPipeline:
    """Writes items to <LONGFORM_DATA_DIR>/<site>/{articles,comments}.jsonl."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.dataset: Dataset | None = None
        self.timezone = "UTC"
        self.pool: ExtractPool | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DatasetPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        assert spider is not None
        folder = crawl_site_folder(self.crawler.settings, spider.name)
        state = shared(self.crawler)
        # The state remembers which records the files hold, so JSONL gets only new or changed ones.
        ledger: RecordLedger | None = StateLedger(state) if state is not None else None
        if ledger is not None:  # a Redis worker: the record hashes are shared by all workers
            ledger = redis_ledger.shared(self.crawler, ledger)
        self.dataset = Dataset(folder, ledger, self.crawler.settings.get("LONGFORM_JSONL_PART", ""))
        profile = getattr(spider, "profile", None)  # SiteSpider subclasses carry their profile
        self.timezone = profile.timezone if profile is not None else "UTC"
        if self.crawler.stats is not None:
            # Counted into the stats as they grow: a run stopped before the spider closed (a
            # second Ctrl-C) still reports what it appended.
            self.dataset.counted = self.crawler.stats.inc_value
        # Records the crawl's extraction workers prepared come back through the pool.
        self.pool = self.crawler.get_extension(ExtractPool)

    def process_item(self, item: Any) -> Any:
        """The record as written (or found written, unchanged); DropItem for an in-run duplicate,
        so that later components (`item_scraped`: field coverage) see each record once."""
        assert self.dataset is not None
        try:
            if disk_is_full(self.crawler):
                raise DiskFull(self.dataset.folder, 0, "the dataset")  # keep the reserve for the state
            record = self.pool.prepared(item) if self.pool is not None else None
            if record is None:  # extracted here, or comments filled from the REST API since
                record = prepare(item, self.timezone, str(self.dataset.folder))
            written = self.dataset.write_prepared(record)
        except Exception as error:
            full = as_disk_full(error, self.dataset.folder, "the state database")
            if full is None:
                raise
            self._not_written(full)
            # Dropped, not passed on: the spider learns the item's page only once every record of
            # it is through (`spiders.pending_pages`), so the page stays unfetched for the next run.
            raise NotWritten("not written: the disk is full", log_level="DEBUG") from None
        if written is None:
            raise AlreadyInRun("already in this run's dataset", log_level="DEBUG")
        return item

    def _not_written(self, error: DiskFull) -> None:
        report_disk_full(self.crawler, error)  # first: releases the space reserve
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value("dataset/not_written_disk_full")

    def close_spider(self) -> None:
        if self.dataset is None:
            return
        try:
            self.dataset.close()  # stores the ledger rows still held back
        except Exception as error:
            full = as_disk_full(error, self.dataset.folder, "the state database")
            if full is None:
                raise
            report_disk_full(self.crawler, full)  # every line is in the JSONL: catch_up redoes it
