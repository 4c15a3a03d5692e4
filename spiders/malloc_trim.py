"""Scrapy extension: hands the C heap's free memory back to the system every N responses (glibc).

A crawl's process allocates a body of ~90 KB per page, its decompressed copy, the WARC record's
buffers and, with the state, SQLite pages, and frees them a moment later in another order. glibc
keeps what is freed in its arenas for reuse; the holes between live chunks are never returned
(only the top of the heap is trimmed), so resident memory grows with the pages crawled although
what is in use stays flat (issue 15; docs/design-notes.md, "Bytes and memory of a crawl").
Two glibc calls, both guarded (elsewhere the extension is off):
- at start, `mallopt(M_MMAP_THRESHOLD, 64 KiB)`: blocks from 64 KiB up (response bodies) get
  their own mapping, returned whole when freed, instead of the heap glibc's dynamic threshold
  moves them into after the first big free (it rises up to 32 MiB);
- every `LONGFORM_MALLOC_TRIM_PAGES` responses, `malloc_trim(0)`: every free page of every arena
  goes back (`madvise(MADV_DONTNEED)`), ~7 ms for a heap with ~25 MB of holes.

Settings:
    LONGFORM_MALLOC_TRIM_PAGES (int, default 200): responses between trims; 0 = never (and no
        mallopt). Off (NotConfigured) where the C library has no `malloc_trim` (musl, macOS).
    LONGFORM_MALLOC_MMAP_THRESHOLD (int, default 65536): bytes from which a block is mapped on
        its own; 0 = leave glibc's dynamic threshold.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

M_MMAP_THRESHOLD = -3
"""glibc's `mallopt` parameter number (malloc.h)."""


def _glibc() -> Any:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim.argtypes, libc.malloc_trim.restype = [ctypes.c_size_t], ctypes.c_int
        libc.mallopt.argtypes, libc.mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    except (OSError, AttributeError):
        return None
    return libc


def glibc_malloc_trim() -> Any:
    """glibc's `malloc_trim`, or None where the C library has none."""
    libc = _glibc()
    return libc.malloc_trim if libc is not None else None


def set_mmap_threshold(size: int) -> bool:
    """Blocks of `size` bytes and more get their own mapping (glibc); whether it was set."""
    libc = _glibc()
    return bool(libc is not None and libc.mallopt(M_MMAP_THRESHOLD, size) == 1)


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
        threshold = crawler.settings.getint("LONGFORM_MALLOC_MMAP_THRESHOLD", 65536)
        if threshold > 0:
            set_mmap_threshold(threshold)  # for the crawl's process: it exits with the crawl
        extension = cls(crawler, trim, every)
        crawler.signals.connect(extension.response_received, signal=signals.response_received)
        return extension

    def response_received(self, **_: Any) -> None:
        self.responses += 1
        if self.responses % self.every == 0:
            self.trim(0)
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value("memory/malloc_trims")
