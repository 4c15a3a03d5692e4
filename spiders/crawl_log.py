"""Where the log of a `longform crawl` goes, and when.

Scrapy logs its start-up (version, reactor, add-ons) before the run extension takes the site's lock
(`spiders.run_lifecycle`). A crawl refused by the lock or a damaged state must print its one line
and nothing else, so the log is held in memory until the run has started (`let_through`), and dropped
when it never does (`drop_held`). Scrapy's own root handler is not installed
(`LOG_INSTALL_ROOT_HANDLER` off); this module installs the one the crawl uses.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.utils.log import TopLevelFormatter


class HeldLog(logging.Handler):
    """Hands records to `target`, holding them back until `let_through()`."""

    def __init__(self, target: logging.Handler) -> None:
        super().__init__(logging.NOTSET)
        self.target = target
        self.held: list[logging.LogRecord] | None = []

    def emit(self, record: logging.LogRecord) -> None:
        if self.held is None:
            self.target.handle(record)
        else:
            self.held.append(record)

    def let_through(self) -> None:
        """From now on records go through; those held so far go first."""
        held, self.held = self.held or [], None
        for record in held:
            self.target.handle(record)

    def drop_held(self) -> None:
        """Drop what was held (the run never started); later records go through."""
        self.held = None

    def close(self) -> None:
        self.target.close()
        super().close()


def stderr_handler(settings: Any) -> logging.Handler:
    """A handler like the one Scrapy would install: stderr, `LOG_LEVEL`, `LOG_FORMAT`."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(fmt=settings.get("LOG_FORMAT"),
                                           datefmt=settings.get("LOG_DATEFORMAT")))
    handler.setLevel(settings.get("LOG_LEVEL"))
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
