"""`scrapy crawl SITE` with the run of `longform crawl`: the site's lock, the state check, the crawl
report and the exit status are the run extension's (`spiders.run_lifecycle`), so this command only
prints what `longform crawl` prints of them. Scrapy's own command exits 0 whenever the spider could
start."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from archive.disk_guard import DISK_FULL_STAT
from spiders.crawl_report import summary
from spiders.run import end_of_run
from spiders.run_lifecycle import RefusalCatcher

if TYPE_CHECKING:
    import argparse

    from scrapy.crawler import Crawler


class Command(ScrapyCrawl):
    crawler: Crawler | None = None

    def _create_crawler(self, spname: Any) -> Crawler:
        self.crawler = super()._create_crawler(spname)
        return self.crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) < 1:
            raise UsageError
        if len(args) > 1:
            raise UsageError("running 'scrapy crawl' with more than one spider is not supported")
        assert self.crawler_process
        refusal = RefusalCatcher()
        crawler = self._create_crawler(args[0])
        refusal.watch(self.crawler_process.crawl(crawler, **opts.spargs))
        self.crawler_process.start()
        if refusal.refused is not None:
            print(f"scrapy: {refusal.refused.message}", file=sys.stderr)
            self.exitcode = refusal.refused.status
            return
        outcome = end_of_run(crawler)
        if outcome is None:  # not a site spider, or LONGFORM_RUN_ENABLED off: Scrapy's own rules
            self.exitcode = 1 if self.crawler_process.bootstrap_failed else 0
            return
        stats = crawler.stats.get_stats() if crawler.stats else {}
        if outcome.report_path is not None:
            print(summary(outcome.report, outcome.report_path))
        problem = stats.get(DISK_FULL_STAT) or outcome.report["failure"] or outcome.report_error
        if problem:
            print(f"scrapy: error: {problem}", file=sys.stderr)
        self.exitcode = outcome.status
