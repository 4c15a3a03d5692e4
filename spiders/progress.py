"""A self-overwriting progress line on a terminal: records, bytes of the total, rate and ETA
(replay, verify, rebuild-state), or any line of the same kind (`show`: the crawl's).

Shown only when stderr is a terminal (a log file or a pipe gets the final summary alone), at most
five times a second, so printing costs nothing next to the work it reports on.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

INTERVAL = 0.2  # seconds between redraws


def progress_text(verb: str, records: int, done: int, total: int, elapsed: float) -> str:
    """One progress line: records so far, bytes of the total, records/s and the time left.

    >>> progress_text("replaying", 1200, 30_000_000, 120_000_000, 4.0)
    'replaying: 1,200 records, 30.0 of 120.0 MB (25%), 300 records/s, ETA 12s'
    >>> progress_text("replaying", 7, 0, 0, 0.0)
    'replaying: 7 records, 0.0 of 0.0 MB, 0 records/s, ETA --'
    >>> progress_text("replaying", 50, 1_000_000, 2_000_000_000, 10.0)
    'replaying: 50 records, 1.0 of 2,000.0 MB (0%), 5 records/s, ETA 5h33m'
    """
    rate = records / elapsed if elapsed > 0 else 0.0
    share = f" ({done * 100 // total}%)" if total else ""
    return (f"{verb}: {records:,} records, {done / 1e6:,.1f} of {total / 1e6:,.1f} MB{share}, "
            f"{rate:,.0f} records/s, ETA {eta_text(done, total, elapsed)}")


def eta_text(done: float, total: float, elapsed: float) -> str:
    """Time left at the rate so far ('--' before there is a rate).

    >>> eta_text(30, 120, 10.0), eta_text(0, 5, 1.0)
    ('30s', '--')
    """
    if done <= 0 or elapsed <= 0 or total <= 0:
        return "--"
    left = int(max(total - done, 0) * elapsed / done)
    hours, rest = divmod(left, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    return f"{minutes}m{seconds:02d}s" if minutes else f"{seconds}s"


class ProgressLine:
    """Redraws `progress_text` (or the text given to `show`) on `stream` as work advances;
    `close()` clears it (a later update draws it again)."""

    def __init__(self, verb: str, total: int, stream: TextIO = sys.stderr) -> None:
        self.verb, self.total, self.stream = verb, total, stream
        self.started = time.monotonic()
        self.shown = float("-inf")  # the first update is drawn at once
        self.visible = False

    def update(self, records: int, done: int) -> None:
        """`records` handled and `done` bytes of `total` read so far."""
        if self._due():
            self._draw(progress_text(self.verb, records, done, self.total, self.elapsed))

    def show(self, text: str) -> None:
        """Draw `text` in place of the line (at most every INTERVAL seconds)."""
        if self._due():
            self._draw(text)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def _due(self) -> bool:
        now = time.monotonic()
        if now - self.shown < INTERVAL:
            return False
        self.shown = now
        return True

    def _draw(self, text: str) -> None:
        self.visible = True
        print(f"\r\033[K{text}", end="", file=self.stream, flush=True)

    def close(self) -> None:
        """Erase the line, so the summary that follows starts on a clean line."""
        if self.visible:
            print("\r\033[K", end="", file=self.stream, flush=True)
            self.visible = False
            self.shown = float("-inf")  # drawn again at the next update
