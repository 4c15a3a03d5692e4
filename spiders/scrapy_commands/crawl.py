"""`scrapy crawl SITE`, exiting 1 when the crawl failed (disk full, the site down, stopped early),
judged by the same rules as `longform crawl` (`spiders.crawl_report`). Scrapy's own command exits 0
whenever the spider could start."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from scrapy.commands.crawl import Command as ScrapyCrawl

from archive.disk_guard import DISK_FULL_STAT
from spiders.crawl_report import failure

if TYPE_CHECKING:
    import argparse

    from scrapy.crawler import Crawler


class Command(ScrapyCrawl):
    crawler: Crawler | None = None

    def _create_crawler(self, spname: Any) -> Crawler:
        self.crawler = super()._create_crawler(spname)
        return self.crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        super().run(args, opts)
        stats = self.crawler.stats.get_stats() if self.crawler and self.crawler.stats else {}
        problem = stats.get(DISK_FULL_STAT) or (failure(stats) if stats else None)
        if problem and not self.exitcode:
            print(f"scrapy: error: {problem}", file=sys.stderr)
            self.exitcode = 1
