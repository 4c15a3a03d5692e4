"""A bench-only Scrapy extension: where the crawl process's memory is, every N responses.

Loaded by `bench/memory_growth_bench.py --trace` through `bench/memory_probe_settings.py` (the
project's settings plus this extension). Every `MEMPROBE_EVERY` responses it appends one JSON line
to `MEMPROBE_FILE`: responses so far, RSS and the anonymous part of it (`/proc/self/smaps_rollup`),
glibc's heap (`mallinfo2`: in use, free in the arenas, mmapped), SQLite's own allocations
(`sqlite3_memory_used`), live Python objects (gc), and the sizes of the crawl's growing structures.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import json
import time
from typing import Any

from scrapy import signals


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]


def _libc() -> Any:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallinfo2.restype = _MallInfo2
        return libc
    except (OSError, AttributeError):
        return None


def _sqlite() -> Any:
    try:
        lib = ctypes.CDLL(ctypes.util.find_library("sqlite3") or "libsqlite3.so.0")
        lib.sqlite3_memory_used.restype = ctypes.c_int64
        return lib
    except (OSError, AttributeError):
        return None


def proc_kb(path: str, names: tuple[str, ...]) -> dict[str, int]:
    """`Name: N kB` lines of a /proc file, by name."""
    found = {}
    with open(path) as lines:
        for line in lines:
            name, _, rest = line.partition(":")
            if name in names:
                found[name] = int(rest.split()[0])
    return found


class MemoryProbe:
    """Appends a memory sample every MEMPROBE_EVERY responses (and at the end)."""

    def __init__(self, crawler: Any, path: str, every: int) -> None:
        self.crawler = crawler
        self.path = path
        self.every = every
        self.responses = 0
        self.started = time.monotonic()
        self.libc = _libc()
        self.sqlite = _sqlite()

    @classmethod
    def from_crawler(cls, crawler: Any) -> MemoryProbe:
        probe = cls(crawler, crawler.settings.get("MEMPROBE_FILE", "memprobe.jsonl"),
                    crawler.settings.getint("MEMPROBE_EVERY", 250))
        crawler.signals.connect(probe.response_received, signal=signals.response_received)
        crawler.signals.connect(probe.spider_closed, signal=signals.spider_closed)
        return probe

    def response_received(self, **_: Any) -> None:
        self.responses += 1
        if self.responses % self.every == 0:
            self.sample()

    def spider_closed(self, **_: Any) -> None:
        self.sample(anon_maps=True)

    def sample(self, anon_maps: bool = False) -> None:
        row: dict[str, Any] = {"responses": self.responses,
                               "s": round(time.monotonic() - self.started, 1)}
        row.update(proc_kb("/proc/self/status", ("VmRSS", "VmHWM", "RssAnon", "RssFile")))
        row.update(proc_kb("/proc/self/smaps_rollup", ("Anonymous", "Private_Dirty")))
        if self.libc is not None:
            info = self.libc.mallinfo2()
            row.update(heap_kb=info.arena // 1024, in_use_kb=info.uordblks // 1024,
                       free_kb=info.fordblks // 1024, mmap_kb=info.hblkhd // 1024)
        if self.sqlite is not None:
            row["sqlite_kb"] = self.sqlite.sqlite3_memory_used() // 1024
        row["gc_objects"] = len(gc.get_objects())
        row.update(self._structures())
        if anon_maps:
            row["anon_maps"] = anonymous_maps()
        with open(self.path, "a") as out:
            out.write(json.dumps(row) + "\n")

    def _structures(self) -> dict[str, int]:
        spider = getattr(self.crawler, "spider", None)
        engine = getattr(self.crawler, "engine", None)
        sizes: dict[str, int] = {}
        dupefilter = getattr(getattr(getattr(engine, "_slot", None), "scheduler", None), "df", None)
        if dupefilter is not None:
            sizes["fingerprints"] = len(getattr(dupefilter, "fingerprints", ()))
        policy = getattr(spider, "policy", None)
        if policy is not None:
            sizes["known"] = len(policy.known)
            sizes["wanted_pages"] = len(policy.wanted_pages)
        for name in ("comment_pages", "cross_checked_posts", "pending"):
            value = getattr(spider, name, None)
            if value is not None:
                sizes[name] = len(value)
        pool = next((ext for ext in getattr(getattr(engine, "crawler", None), "extensions", None)
                     and engine.crawler.extensions.middlewares or ()
                     if hasattr(ext, "_prepared")), None)
        if pool is not None:
            sizes["pool_prepared"] = len(pool._prepared)
        stats = getattr(self.crawler, "stats", None)
        if stats is not None:
            sizes["stats_keys"] = len(stats.get_stats())
            sizes["malloc_trims"] = stats.get_value("memory/malloc_trims", 0)
        return sizes


def anonymous_maps() -> dict[str, int]:
    """Resident kB of the anonymous mappings: glibc's main heap (`[heap]`, grown by brk) and the
    rest (pymalloc's arenas, glibc's thread arenas and big blocks, thread stacks; the kernel
    merges neighbouring ones, so they cannot be told apart by size)."""
    kinds = {"[heap]": 0, "other": 0}
    name = ""
    with open("/proc/self/smaps") as lines:
        for line in lines:
            fields = line.split()
            if not fields[0].endswith(":"):  # a mapping's first line: range perms offset dev inode [path]
                name = fields[5] if len(fields) > 5 else ""
            elif fields[0] == "Rss:" and name in ("", "[heap]"):
                kinds[name or "other"] += int(fields[1])
    return kinds
