"""Run a crawl of one site in this process and summarize what it wrote."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import attrs
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from archive.site_folder import site_folder
from pipelines.dataset import ARTICLES_FILE, COMMENTS_FILE
from pipelines.jsonl import part_name
from scrapers.profile import SiteProfile
from spiders.crawl_log import CrawlOutput, HeldLog, install, route, uninstall
from spiders.crawl_report import OK_REASONS
from spiders.run_lifecycle import RefusalCatcher, RunLifecycle, RunOutcome
from spiders.site_spider import SiteSpider


@attrs.define
class CrawlResult:
    """What a finished crawl left on disk, for the summary and the exit status."""

    site_folder: Path
    finish_reason: str
    stats: dict[str, Any]
    warc_files: list[Path]
    crawl_id: str = ""
    outcome: RunOutcome | None = None
    """The run's exit status and report (`spiders.run_lifecycle`)."""
    log_file: Path | None = None
    """Scrapy's log of the run (`spiders.crawl_log`)."""
    part: str = ""
    """A Redis worker's id: its JSONL parts are `articles.<part>.jsonl`..."""

    @property
    def ok(self) -> bool:
        return self.finish_reason in OK_REASONS

    def summary(self) -> str:
        """Human-readable lines: counts, files and sizes."""
        lines = [
            f"Crawl {self.finish_reason}: {self.stats.get('dataset/articles', 0)} articles, "
            f"{self.stats.get('dataset/comments', 0)} comments, "
            f"{self.stats.get('downloader/response_count', 0)} responses archived",
            f"  {self.site_folder / part_name(ARTICLES_FILE, self.part)}",
            f"  {self.site_folder / part_name(COMMENTS_FILE, self.part)}",
        ]
        lines += [f"  {path} ({path.stat().st_size:,} bytes)" for path in self.warc_files]
        errors = self.stats.get("log_count/ERROR", 0)
        if errors:
            lines.append(f"  {errors} errors logged; see {self.log_file or 'the log above'}")
        return "\n".join(lines)


def crawl_settings(out: Path, overrides: dict[str, Any] | None = None) -> Settings:
    """Project settings (spiders.settings) with the data folder and any overrides."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "spiders.settings")
    settings = get_project_settings()
    settings.set("LONGFORM_DATA_DIR", str(out), priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def run_crawl(
    spider_class: type[SiteSpider], settings: Settings, output: CrawlOutput | None = None,
    **spider_args: Any,
) -> CrawlResult:
    """Crawl with Scrapy (SIGINT/SIGTERM stop it cleanly: WARCs closed, JSONL whole lines); the
    log goes where `output` says (`spiders.crawl_log`).

    Raises `RunRefused` when the run could not start (the site locked, its state damaged).
    """
    output = output or CrawlOutput()
    settings.set("LONGFORM_PROGRESS", output.progress, priority="cmdline")
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    log = HeldLog()  # nothing but its one line when the run is refused
    install(log)
    try:
        process = CrawlerProcess(settings)
        crawler = process.create_crawler(spider_class)
        refusal = RefusalCatcher()
        # The extensions, the run's among them, are built before this returns.
        refusal.watch(process.crawl(crawler, **spider_args))
        if refusal.refused is not None:
            log.drop_held()
            raise refusal.refused
        log_file = route(log, crawler, output)
        process.start()
        outcome = end_of_run(crawler)
    finally:
        uninstall(log)
    stats = crawler.stats.get_stats() if crawler.stats else {}
    profile: SiteProfile = spider_class.profile
    folder = site_folder(settings.get("LONGFORM_DATA_DIR"), profile.name)
    warcs = [Path(path) for path in stats.get("archive/files", [])]
    crawl_id = str(crawler.settings.get("LONGFORM_CRAWL_ID") or "")
    return CrawlResult(folder, str(stats.get("finish_reason", "unknown")), stats, warcs, crawl_id,
                       outcome, log_file, str(crawler.settings.get("LONGFORM_JSONL_PART") or ""))


def end_of_run(crawler: Crawler) -> RunOutcome | None:
    """The run's outcome once the process is done; finished here when the engine never stopped
    cleanly (a second Ctrl-C stops the reactor at once)."""
    run = RunLifecycle.of(crawler)
    return run.finish() if run is not None else None
