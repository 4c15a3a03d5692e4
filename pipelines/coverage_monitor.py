"""Scrapy extension: field coverage of the run's records, judged when the spider closes.

It counts every record the dataset pipeline passes on (`item_scraped`: new, changed and unchanged
records, each once; in-run duplicates are dropped before it), and at `spider_closed` puts the
coverage section into the stats (`coverage`, read by the crawl report and the exit status) and
logs one ERROR line per field under its threshold. Thresholds come from prefixed settings, which
a site spider sets from its profile's `[coverage]` (spider priority, so `-s` overrides them):

- `COVERAGE_ENABLED` (default True),
- `COVERAGE_MIN_RECORDS` (default 10),
- `COVERAGE_<TYPE>_<FIELD>` in percent, e.g. `COVERAGE_COMMENTS_AUTHOR = 95`
  (`pipelines.coverage.FIELDS` lists the fields; defaults in `scrapers.profile.Coverage`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from pipelines.coverage import FIELDS, CoverageCounter, judge, notes, problems
from scrapers.items import Article, Comment
from scrapers.profile import Coverage, coverage_from_dict

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)

STATS_KEY = "coverage"
"""Stats key of the coverage section (a dict, as `pipelines.coverage.judge` returns it)."""


def setting_name(kind: str, field: str) -> str:
    """`COVERAGE_COMMENTS_AUTHOR` for ('comments', 'author')."""
    return f"COVERAGE_{kind.upper()}_{field.upper()}"


def coverage_settings(coverage: Coverage) -> dict[str, Any]:
    """A profile's `[coverage]` as the prefixed settings this extension reads."""
    values: dict[str, Any] = {"COVERAGE_MIN_RECORDS": coverage.min_records}
    for kind, names in FIELDS.items():
        for name in names:
            values[setting_name(kind, name)] = getattr(getattr(coverage, kind), name)
    return values


def coverage_from_settings(settings: Any) -> Coverage:
    """The thresholds the settings give; a missing one keeps its default. ValueError when bad."""
    defaults = Coverage()
    data: dict[str, Any] = {"min_records": settings.getint("COVERAGE_MIN_RECORDS", defaults.min_records)}
    for kind, names in FIELDS.items():
        data[kind] = {name: settings.getfloat(setting_name(kind, name),
                                              getattr(getattr(defaults, kind), name))
                      for name in names}
    try:
        return coverage_from_dict(data)
    except (TypeError, ValueError) as error:
        raise ValueError(f"COVERAGE_* settings: {error}") from None


class FieldCoverageMonitor:
    """Counts the run's records and judges their field coverage when the spider closes."""

    def __init__(self, stats: StatsCollector, thresholds: Coverage) -> None:
        self.stats = stats
        self.thresholds = thresholds
        self.counter = CoverageCounter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FieldCoverageMonitor:
        if not crawler.settings.getbool("COVERAGE_ENABLED", True):
            raise NotConfigured
        assert crawler.stats is not None
        monitor = cls(crawler.stats, coverage_from_settings(crawler.settings))
        crawler.signals.connect(monitor.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(monitor.spider_closed, signal=signals.spider_closed)
        return monitor

    def item_scraped(self, item: Any) -> None:
        if isinstance(item, Article | Comment):
            self.counter.count(item)

    def spider_closed(self) -> None:
        section = judge(self.counter, self.thresholds)
        self.stats.set_value(STATS_KEY, section)
        for line in notes(section):
            logger.info("%s", line)
        for line in problems(section):
            logger.error("%s", line)
