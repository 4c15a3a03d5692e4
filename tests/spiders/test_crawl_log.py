"""`spiders.crawl_log` on its own: the log held until the run starts, then routed by level; a log
line a full disk has no room for is dropped without a traceback on stderr."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from spiders.crawl_log import HeldLog, LogFile


def _record(level: int, message: str) -> logging.LogRecord:
    return logging.LogRecord("scrapy.core.engine", level, __file__, 1, message, None, None)


class Kept(logging.Handler):
    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_records_are_held_until_the_run_starts_then_go_to_each_handler_by_its_level() -> None:
    held = HeldLog()
    held.handle(_record(logging.INFO, "Scrapy started"))
    held.handle(_record(logging.WARNING, "slow site"))
    to_file, to_terminal = Kept(logging.INFO), Kept(logging.WARNING)
    assert to_file.messages == to_terminal.messages == []
    held.let_through(to_file, to_terminal)
    held.handle(_record(logging.ERROR, "Gave up retrying"))
    held.handle(_record(logging.DEBUG, "Crawled (200)"))
    assert to_file.messages == ["Scrapy started", "slow site", "Gave up retrying"]
    assert to_terminal.messages == ["slow site", "Gave up retrying"]


def test_a_refused_run_drops_what_was_held() -> None:
    held = HeldLog()
    held.handle(_record(logging.INFO, "Scrapy started"))
    held.drop_held()
    held.handle(_record(logging.ERROR, "after"))  # no target: nowhere
    assert held.held is None and held.targets == ()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_line_the_disk_has_no_room_for_is_dropped_quietly(capsys: pytest.CaptureFixture[str]) -> None:
    handler = LogFile("/dev/full", encoding="utf-8")  # every write fails with ENOSPC
    try:
        handler.handle(_record(logging.ERROR, "Disk full, stopping the crawl"))
    finally:
        handler.close()
    assert capsys.readouterr().err == ""
