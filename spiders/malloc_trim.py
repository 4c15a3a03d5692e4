"""Scrapy extension: hands the C heap's free memory back to the system every N responses (glibc).

A crawl's process allocates a body of ~90 KB per page, its decompressed copy, the WARC record's
buffers and, with the state, SQLite pages, and frees them a moment later in another order. glibc
keeps what is freed in its arenas for reuse; the holes between live chunks are never returned
(only the top of the heap is trimmed), so resident memory grows with the pages crawled although
what is in use stays flat (issue 15; docs/design-notes.md, "Bytes and memory of a crawl").
`malloc_trim(0)` returns every free page of every arena (`madvise(MADV_DONTNEED)`): a fraction of
a millisecond for a heap of a few tens of MB, once per `LONGFORM_MALLOC_TRIM_PAGES` responses.

Settings:
    LONGFORM_MALLOC_TRIM_PAGES (int, default 200): responses between trims; 0 = never. Off
        (NotConfigured) where the C library has no `malloc_trim` (musl, macOS, Windows).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


def glibc_malloc_trim() -> Any:
    """glibc's `malloc_trim`, or None where the C library has none."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


class MallocTrim:
    """Calls `malloc_trim(0)` every `every` responses."""

    def __init__(self, crawler: Crawler, trim: Any, every: int) -> None:
        self.crawler = crawler
        self.trim = trim
        self.every = every
        self.responses = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MallocTrim:
        every = crawler.settings.getint("LONGFORM_MALLOC_TRIM_PAGES", 200)
        trim = glibc_malloc_trim() if every > 0 else None
        if trim is None:
            raise NotConfigured("malloc_trim: off, or not glibc")
        extension = cls(crawler, trim, every)
        crawler.signals.connect(extension.response_received, signal=signals.response_received)
        return extension

    def response_received(self, **_: Any) -> None:
        self.responses += 1
        if self.responses % self.every == 0:
            self.trim(0)
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value("memory/malloc_trims")
