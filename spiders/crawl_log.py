"""Where the log of a `longform crawl` goes, and when.

Scrapy's full log goes to `<site folder>/logs/<crawl_id>.log` (at `LOG_LEVEL`, INFO unless
--log-level asks for more); stderr gets warnings and errors only (`-v`: INFO too; --log-level
LEVEL; --quiet: errors only), each printed over the progress line, which is drawn again after it.

Scrapy logs its start-up (version, reactor, add-ons) before the run extension takes the site's lock
(`spiders.run_lifecycle`), and the log file's name holds the crawl id the extension derives. So the
log is held in memory until the run has started (`let_through`: then it goes to the file and to
stderr, what was held first), and dropped when it never does (`drop_held`): a crawl refused by the
lock or a damaged state prints its one line and writes nothing. Scrapy's own root handler is not
installed (`LOG_INSTALL_ROOT_HANDLER` off); this module installs the crawl's.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import attrs
from scrapy.utils.log import TopLevelFormatter

from archive.site_folder import crawl_site_folder
from spiders.crawl_progress import CrawlProgress
from spiders.progress import ProgressLine

LOGS_FOLDER = "logs"


@attrs.define(frozen=True)
class CrawlOutput:
    """What a `longform crawl` shows on the terminal (from -v, --log-level, --quiet)."""

    stderr_level: int = logging.WARNING
    progress: bool = False
    """Draw the progress line (stderr is a terminal and --quiet was not given)."""


class HeldLog(logging.Handler):
    """Holds records back until `let_through(handlers)`, then hands every record to those."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.held: list[logging.LogRecord] | None = []
        self.targets: tuple[logging.Handler, ...] = ()

    def emit(self, record: logging.LogRecord) -> None:
        if self.held is not None:
            self.held.append(record)
            return
        for target in self.targets:
            if record.levelno >= target.level:
                target.handle(record)

    def let_through(self, *targets: logging.Handler) -> None:
        """From now on records go to `targets`; those held so far go first."""
        held, self.held, self.targets = self.held or [], None, targets
        for record in held:
            self.emit(record)

    def drop_held(self) -> None:
        """Drop what was held (the run never started); later records go nowhere."""
        self.held = None

    def close(self) -> None:
        for target in self.targets:
            target.close()
        super().close()


class TerminalHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """stderr, one line per record (tracebacks are in the log file), erasing the progress line
    (if any) first; the line redraws itself."""

    def __init__(self, line: ProgressLine | None = None) -> None:
        super().__init__()
        self.line = line

    def emit(self, record: logging.LogRecord) -> None:
        if self.line is not None:
            self.line.close()
        super().emit(record)

    def format(self, record: logging.LogRecord) -> str:
        bare = logging.makeLogRecord(record.__dict__)
        bare.exc_info, bare.exc_text, bare.stack_info = None, None, None
        return super().format(bare)


class LogFile(logging.FileHandler):
    """The crawl's log file; a line that cannot be written (the disk is full) is dropped without
    a word: the crawl says what matters on stderr and in its report, and logging's own complaint
    would be a traceback on stderr for every line."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        pass

    def flush(self) -> None:
        try:
            super().flush()
        except OSError:
            pass  # as above

    def close(self) -> None:
        try:
            super().close()
        except OSError:
            pass  # closing flushes what is buffered: as above


def route(log: HeldLog, crawler: Any, output: CrawlOutput) -> Path | None:
    """Once the run has started: the log to its file and to stderr; the file's path (None when
    no run owns the crawl, `LONGFORM_RUN_ENABLED` off: then stderr alone, at `LOG_LEVEL`)."""
    settings, crawl_id = crawler.settings, crawler.settings.get("LONGFORM_CRAWL_ID")
    if not crawl_id:
        log.let_through(stderr_handler(settings))
        return None
    worker = settings.get("LONGFORM_WORKER_ID")  # a Redis worker: one log per worker
    name = f"{crawl_id}.{worker}" if worker else crawl_id
    to_file = file_handler(crawl_site_folder(settings, crawler.spidercls.name), name, settings,
                           output.stderr_level)
    terminal = stderr_handler(settings, output.stderr_level)
    terminal.line = next((extension.line for extension in crawler.extensions.middlewares
                          if isinstance(extension, CrawlProgress)), None)
    log.let_through(to_file, terminal)
    return Path(to_file.baseFilename)


def stderr_handler(settings: Any, level: int | str | None = None) -> TerminalHandler:
    """A handler like the one Scrapy would install: stderr, `LOG_FORMAT`, `level` (`LOG_LEVEL`)."""
    return _formatted(TerminalHandler(), settings, level or settings.get("LOG_LEVEL"))


def file_handler(site_folder: Path, crawl_id: str, settings: Any, level: int) -> logging.FileHandler:
    """`<site folder>/logs/<crawl_id>.log` at `LOG_LEVEL`, or `level` when that is lower."""
    folder = site_folder / LOGS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    handler = LogFile(folder / f"{crawl_id}.log", encoding="utf-8")
    configured = logging.getLevelName(str(settings.get("LOG_LEVEL")))
    return _formatted(handler, settings, min(level, configured) if isinstance(configured, int) else level)


def _formatted(handler: logging.Handler, settings: Any, level: int | str) -> Any:
    handler.setFormatter(logging.Formatter(fmt=settings.get("LOG_FORMAT"),
                                           datefmt=settings.get("LOG_DATEFORMAT")))
    handler.setLevel(level)
    if settings.getbool("LOG_SHORT_NAMES"):
        handler.addFilter(TopLevelFormatter(["scrapy"]))
    return handler


def install(handler: logging.Handler) -> None:
    """Make `handler` the root handler (Scrapy's loggers propagate to it)."""
    logging.root.setLevel(logging.NOTSET)
    logging.root.addHandler(handler)


def uninstall(handler: logging.Handler) -> None:
    logging.root.removeHandler(handler)
    handler.close()
