"""Where `longform crawl` and `longform replay` spend their milliseconds: a cProfile summary.

Each command runs once more under cProfile (in its own process, as measured, but slower: cProfile
adds a cost per Python call, so read the ms/page as shares rather than as absolute cost). The
summary lists our modules' functions by cumulative time, and the functions anywhere with the most
own time (lxml, sqlite, gzip and Twisted show up there).
"""

from __future__ import annotations

import pstats
import sys
from dataclasses import dataclass
from pathlib import Path

from .measure import run
from .stages import ROOT, Context, crawl_command, html_pages, ok_pages, replay_command

OUR_PACKAGES = ("scrapers", "pipelines", "archive", "spiders")


@dataclass(frozen=True)
class Hotspot:
    """One function: where it is, ms per page cumulative (with callees) and own."""

    function: str
    cumulative_ms: float
    own_ms: float


@dataclass(frozen=True)
class Profile:
    """The summary of one profiled command."""

    command: str
    pages: int
    seconds: float
    ours: list[Hotspot]
    own: list[Hotspot]


def profile_crawl(ctx: Context, max_articles: int | None, top: int = 15) -> Profile:
    out = ctx.work / "profile-crawl"
    stats_file = out / "crawl.prof"
    out.mkdir(parents=True, exist_ok=True)
    run([sys.executable, "-m", "cProfile", "-o", str(stats_file), *crawl_command(ctx, out, max_articles)],
        out / "log", cwd=ROOT)
    pages = len(ok_pages(sorted((out / "bench" / "warc").glob("*.warc.gz"))))
    return summarize("longform crawl", stats_file, pages, top)


def profile_replay(ctx: Context, top: int = 15) -> Profile:
    out = ctx.work / "profile-replay"
    stats_file = out / "replay.prof"
    out.mkdir(parents=True, exist_ok=True)
    run([sys.executable, "-m", "cProfile", "-o", str(stats_file), *replay_command(ctx, out)],
        out / "log", cwd=ROOT)
    return summarize("longform replay", stats_file, html_pages(ctx.longform_warcs), top)


def summarize(command: str, stats_file: Path, pages: int, top: int) -> Profile:
    """Top functions of our packages by cumulative time, and of all code by own time.

    Our functions are those called at least once per 4 pages: the per-page work, not the start-up
    (imports, settings) nor the drivers around the whole run (the CLI, the reactor), whose
    cumulative time is everything.
    """
    stats = pstats.Stats(str(stats_file))
    table = stats.stats  # type: ignore[attr-defined]  # {(file, line, name): (cc, nc, tt, ct, callers)}
    per_page = 1000.0 / max(pages, 1)
    rows = [(_name(key), ct * per_page, tt * per_page) for key, (_, _, tt, ct, _) in table.items()]
    per_page_calls = {_name(key) for key, (_, nc, _, _, _) in table.items()
                      if nc >= pages / 4 and key[2] != "<module>"}
    ours = sorted((r for r in rows if r[0].split(".")[0] in OUR_PACKAGES and r[0] in per_page_calls),
                  key=lambda r: -r[1])
    own = sorted(rows, key=lambda r: -r[2])
    total = max((ct for (_, _, _, ct, _) in table.values()), default=0.0)
    return Profile(command, pages, total, [Hotspot(*r) for r in ours[:top]],
                   [Hotspot(*r) for r in own[:top]])


def _name(key: tuple[str, int, str]) -> str:
    """'package.module:function' for files in the repo, 'file:function' elsewhere."""
    filename, _, function = key
    path = Path(filename)
    try:
        module = ".".join(path.resolve().relative_to(ROOT).with_suffix("").parts)
    except ValueError:
        module = path.name if filename != "~" else "<built-in>"
    return f"{module}:{function}"
