"""Serving until the user stops it: Ctrl-C and SIGTERM both end the wait, so a server started by
`longform serve` or `longform demo --serve` is shut down in order either way."""

from __future__ import annotations

import contextlib
import signal
import types
from collections.abc import Iterator


class Stopped(Exception):
    """Raised by the SIGTERM handler of `sigterm_stops` (Ctrl-C raises KeyboardInterrupt)."""


@contextlib.contextmanager
def sigterm_stops() -> Iterator[None]:
    """Within the block SIGTERM raises Stopped and SIGINT KeyboardInterrupt (Python's own handler:
    a Scrapy crawl run before may have left its shutdown handler in place)."""

    def on_sigterm(signum: int, frame: types.FrameType | None) -> None:
        raise Stopped

    previous_term = signal.signal(signal.SIGTERM, on_sigterm)
    previous_int = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous_term)
        signal.signal(signal.SIGINT, previous_int)
