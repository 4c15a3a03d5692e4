"""Scrapy extension that owns one crawl run of a site, however it was started.

`longform crawl`, `longform demo` and `scrapy crawl SITE` all get the same run: before the engine
builds anything that writes, the extension takes the site's lock (`spiders.site_lock`), checks the
state database (`archive.state_check`: a damaged state must stop the crawl, not be half-trusted),
opens it once and shares that connection with the archive middleware, the item pipeline and the
spider (`archive.state.attach`), repairs the WARC tail a killed run may have torn, and marks the
run started. When the engine stops it writes the crawl report (`spiders.crawl_report`), marks the
run finished or failed, closes the state and releases the lock; `outcome` holds the exit status.

A run that cannot start raises `RunRefused` from `from_crawler` (nothing written): another crawl
holds the lock (exit 75), the state is damaged (1) or from a newer archiver (2). The commands catch
it (`RefusalCatcher`) and print its one line.

Settings:
    LONGFORM_RUN_ENABLED (bool, default True): off, a site spider runs without lock or report
    LONGFORM_DATA_DIR (str, default "data"): the site folder is <LONGFORM_DATA_DIR>/<site>/
    LONGFORM_STATE (bool, default True): keep the state database (off: every run is a full crawl)
    LONGFORM_FULL (bool, default False): fetch everything again (a lost state is then no loss)
    LONGFORM_CRAWL_ID (str, default <site>-<UTC timestamp>): the run's id
    LONGFORM_REDIS_URL (str): run as one worker of a crawl shared through Redis
        (`spiders.redis_worker`): the crawl id is the shared crawl's, the site lock is shared by
        its workers, and this worker keeps its own state (`state.<worker>.sqlite`)
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import sqlite3
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet.defer import Deferred

from archive.repair import repair_folder
from archive.site_folder import crawl_site_folder
from archive.state import STATE_FILE, StateDB, StateError, attach
from archive.state_check import StateDamaged, ensure_sound
from scrapers.profile import SiteProfile
from spiders.crawl_report import build_report, exit_status_of, fetch_failure, write_report
from spiders.crawl_state import FAILED, FINISHED, Runs
from spiders.errors import EXIT_FAILED, EXIT_TEMPFAIL, EXIT_USAGE
from spiders.run_settings import derive_run_settings, new_crawl_id, own_job_dir, warc_folder
from spiders.site_lock import SiteBusy, site_lock
from spiders.site_spider import NOT_WORDPRESS
from spiders.state_rebuild import has_archive

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

_CRAWLER_ATTRIBUTE = "longform_run"
UNCLEAN_SHUTDOWN = "unclean_shutdown"
"""Finish reason of a run whose process stopped before the spider closed (Scrapy, on a second
Ctrl-C or SIGTERM: "forcing unclean shutdown"); the report still counts what it wrote."""


class RunRefused(Exception):
    """Raised by `RunLifecycle.from_crawler` when the run cannot start; nothing was written."""

    def __init__(self, status: int, message: str) -> None:
        self.status, self.message = status, message
        super().__init__(message)


class RefusalCatcher:
    """Watches what `crawl` of a crawler process returns (a Deferred, or an asyncio Task under
    `AsyncCrawlerProcess`) and keeps the `RunRefused` it fails with."""

    refused: RunRefused | None = None

    def watch(self, started: Any) -> None:
        if isinstance(started, Deferred):
            started.addErrback(self._failed)
        else:
            started.add_done_callback(self._done)

    def _failed(self, failure: Failure) -> None:
        failure.trap(RunRefused)
        self.refused = failure.value

    def _done(self, task: asyncio.Future[None]) -> None:
        if task.cancelled():
            return
        error = task.exception()  # retrieved here: asyncio would log it again at exit
        if isinstance(error, RunRefused):
            self.refused = error
        elif error is not None:
            logger.error("The crawl failed to start", exc_info=error)


@attrs.define
class RunOutcome:
    """How a run ended: its exit status, its report and where that went."""

    status: int
    report: dict[str, Any]
    report_path: Path | None
    report_error: str | None = None
    """Why the report could not be written (a full disk), or None."""
    not_wordpress: bool = False
    """The start page answered but is not WordPress: bad input (exit 2), not a failed fetch."""


class RunLifecycle:
    """The run of one site: lock, state, start and finish, report, exit status."""

    def __init__(self, crawler: Crawler, profile: SiteProfile, crawl_id: str) -> None:
        self.crawler = crawler
        self.profile = profile
        self.crawl_id = crawl_id
        self.folder = crawl_site_folder(crawler.settings, profile.name)
        self.state: StateDB | None = None
        self.worker: Any = None
        """The Redis worker (`spiders.redis_worker`) in worker mode, else None."""
        self.outcome: RunOutcome | None = None
        self._held = ExitStack()
        """The lock and the state connection, released in reverse order when the run ends."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunLifecycle:
        profile = getattr(crawler.spidercls, "profile", None)
        # Bare NotConfigured: Scrapy would log a reason at WARNING on every such crawl.
        if not isinstance(profile, SiteProfile) or not crawler.settings.getbool(
            "LONGFORM_RUN_ENABLED", True
        ):
            raise NotConfigured
        worker = _join_redis_crawl(crawler, profile)
        run = cls(crawler, profile, derive_run_settings(crawler.settings, profile))
        run.worker = worker
        run.begin()
        crawler.signals.connect(run.finish, signal=signals.engine_stopped)
        setattr(crawler, _CRAWLER_ATTRIBUTE, run)
        return run

    @staticmethod
    def of(crawler: Crawler) -> RunLifecycle | None:
        """The run of `crawler`, once its extensions are built."""
        run = getattr(crawler, _CRAWLER_ATTRIBUTE, None)
        return run if isinstance(run, RunLifecycle) else None

    def begin(self) -> None:
        """Lock the site, check and open its state, start the run; RunRefused when it cannot."""
        job_dir = own_job_dir(self.crawler.settings)
        if job_dir is not None:  # removed when the run ends, or here when it is refused
            self._held.callback(shutil.rmtree, job_dir, ignore_errors=True)
        try:
            self._held.enter_context(site_lock(self.folder, shared=self.worker is not None))
            if self.worker is not None:
                from spiders.redis_crawl import worker_slot

                wanted = self.crawler.settings.get("LONGFORM_WORKER_ID") or None
                self.worker.configure(self._held.enter_context(worker_slot(self.folder, wanted)))
        except SiteBusy as busy:
            self._held.close()
            raise RunRefused(EXIT_TEMPFAIL, str(busy)) from None
        try:
            if self.crawler.settings.getbool("LONGFORM_STATE", True):
                self.state = self._open_state()
        except BaseException:
            self._held.close()
            raise

    def _open_state(self) -> StateDB:
        settings = self.crawler.settings
        path, archive_exists, own_warcs = self.folder / STATE_FILE, has_archive(self.folder), "*.warc.gz"
        if self.worker is not None:  # its own state, files and repairs: other workers are writing
            path = self.folder / f"state.{self.worker.worker_id}.sqlite"
            archive_exists = self.worker.own_files(self.folder, warc_folder(settings))
            own_warcs = f"{settings['ARCHIVE_PREFIX']}-*.warc.gz"
        try:
            ensure_sound(path, archive_exists, self.folder, full=settings.getbool("LONGFORM_FULL"))
            state = StateDB(path)
        except (StateDamaged, StateError) as error:
            status = EXIT_FAILED if isinstance(error, StateDamaged) else EXIT_USAGE
            raise RunRefused(status, f"error: {error}") from None
        self._held.callback(state.close)
        runs = Runs(state)
        killed_since = runs.unfinished_since(self.crawl_id)
        if killed_since is not None:  # a killed run may have left a torn record at a file's end
            repair_folder(warc_folder(settings), killed_since - 1, own_warcs)
        runs.start_run(self.crawl_id)
        attach(self.crawler, state)
        return state

    def finish(self) -> RunOutcome:
        """Write the report, finish the run in the state, let go of state and lock (once)."""
        if self.outcome is not None:
            return self.outcome
        if self.crawler.stats is not None and self.crawler.stats.get_value("finish_reason") is None:
            self.crawler.stats.set_value("finish_reason", UNCLEAN_SHUTDOWN)  # the engine never closed
            self.crawler.stats.set_value("finish_time", datetime.now(UTC))
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        reason = str(stats.get("finish_reason", UNCLEAN_SHUTDOWN))
        # A site that answers but is not WordPress is bad input; one that does not answer is a failure.
        not_wordpress = reason == NOT_WORDPRESS and fetch_failure(stats) is None
        status = EXIT_USAGE if not_wordpress else exit_status_of(stats)
        warcs = [Path(path) for path in stats.get("archive/files", [])]
        report = build_report(stats, self.profile.name, self.crawl_id, self.folder, warcs, status)
        path, error = None, None
        try:
            path = write_report(report, self.folder)
        except OSError as problem:  # a full disk: the run's outcome is said anyway, the report is lost
            error = f"cannot write the crawl report in {self.folder}: {problem.strerror}"
        self._finish_in_state(reason)
        self._held.close()
        self.outcome = RunOutcome(status, report, path, error, not_wordpress)
        return self.outcome

    def _finish_in_state(self, reason: str) -> None:
        if self.state is None:
            return
        runs = Runs(self.state)
        try:
            runs.finish_run(self.crawl_id, FINISHED if reason == "finished" else FAILED)
            if reason == "finished":
                runs.close_interrupted(self.crawl_id)
        except sqlite3.Error as error:  # the run stays "running": the next one resumes it
            logger.error("Cannot mark the run %s finished in %s: %s", self.crawl_id,
                         self.state.path, error)


def _join_redis_crawl(crawler: Crawler, profile: SiteProfile) -> Any:
    """The Redis worker when the run is one (`LONGFORM_REDIS_URL`), its crawl id set; else None."""
    settings = crawler.settings
    if not settings.get("LONGFORM_REDIS_URL"):
        return None
    from spiders.redis_crawl import RedisUnavailable, is_worker_id
    from spiders.redis_worker import RedisWorker

    wanted = settings.get("LONGFORM_WORKER_ID")
    if wanted and not is_worker_id(wanted):
        raise RunRefused(EXIT_USAGE, f"error: bad worker id {wanted!r}: letters, digits and '-' only")
    try:
        worker = RedisWorker.join(crawler, profile.name,
                                  settings.get("LONGFORM_CRAWL_ID") or new_crawl_id(profile.name))
    except RedisUnavailable as error:
        raise RunRefused(EXIT_TEMPFAIL, f"error: {error}") from None
    settings.set("LONGFORM_CRAWL_ID", worker.crawl_id, priority="cmdline")
    return worker
