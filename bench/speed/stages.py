"""The stages of one bench run: how each is started, what it fetched or read, what it wrote.

Crawl stages fetch the site's pages (the manifest's URL list; `longform crawl` finds them itself
through robots.txt, the home page and the core sitemaps); replay stages read the WARCs that
`longform crawl` wrote. Each runs in its own process (`measure.run`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecordType

from .measure import Run, folder_bytes, run
from .sitegen import SiteManifest

ROOT = Path(__file__).resolve().parents[2]
PROCS = Path(__file__).resolve().parent / "procs"
"""Scripts run as child processes (a folder of their own: nothing there shadows a module)."""
CRAWL_STAGES = ("bare", "warc", "floor", "wget", "longform")
REPLAY_STAGES = ("warcio", "fastwarc", "replay")
LABELS = {
    "bare": "bare Scrapy, bodies dropped",
    "warc": "+ WARC of request and response",
    "floor": "+ lxml parse, XPaths, JSONL (floor)",
    "wget": "wget --warc-file",
    "longform": "longform crawl",
    "warcio": "replay floor: warcio + lxml",
    "fastwarc": "FastWARC + lxml",
    "replay": "longform replay",
}


@dataclass
class Context:
    """What every stage needs: the site, its URL list, a work folder, the crawl's WARCs."""

    site: SiteManifest
    base: str
    urls_file: Path
    work: Path
    longform_warcs: list[Path] = field(default_factory=list)
    workers: int | None = None
    """`--extract-workers N` for `longform crawl`, `--workers N` (at least 1) for `longform replay`
    (None: their defaults)."""
    longform_folder: Path | None = None
    """The site folder `longform crawl` wrote (WARCs, JSONL, state), once it ran."""


@dataclass(frozen=True)
class Result:
    """One stage's figures. `missing`: pages of the site it did not fetch (crawl) or records
    short of the site's articles + comments (extracting stages); `out_bytes` by kind."""

    name: str
    kind: str
    pages: int
    run: Run
    out_bytes: dict[str, int]
    missing: int
    records: int | None = None
    in_flight: dict[str, float] | None = None
    """From the delaying server (`--delay-ms`): requests in flight at once, mean and peak."""


def profile_file(ctx: Context, base: str) -> Path:
    """The `longform` profile that gives the crawl bare Scrapy's footing."""
    path = ctx.work / "bench.toml"
    path.write_text(f'name = "bench"\nbase_url = "{base}/"\nplatform = "wordpress"\ntimezone = "UTC"\n'
                    "autothrottle = false\ndownload_delay = 0.0\nconcurrency = 16\n")
    return path


def crawl_command(ctx: Context, out: Path, max_articles: int | None = None) -> list[str]:
    extra = ["--max-articles", str(max_articles)] if max_articles else []
    return ["-m", "spiders.cli", "crawl", str(profile_file(ctx, ctx.base)), "--out", str(out), *extra,
            *workers_option(ctx, "--extract-workers")]


def replay_command(ctx: Context, out: Path) -> list[str]:
    return ["-m", "spiders.cli", "replay", *map(str, ctx.longform_warcs), "--out", str(out),
            *workers_option(ctx, "--workers", least=1)]


def workers_option(ctx: Context, flag: str, least: int = 0) -> list[str]:
    return [] if ctx.workers is None else [flag, str(max(ctx.workers, least))]


def ok_pages(warcs: list[Path]) -> set[str]:
    """URLs answered 200 in these WARCs (wget writes the URI in angle brackets)."""
    urls: set[str] = set()
    for path in warcs:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True):
                if record.http_headers is not None and record.http_headers.status_code == 200:
                    urls.add(str(record.headers.get("WARC-Target-URI")).strip("<>"))
    return urls


def _scrapy(mode: str) -> Callable[[Context], Result]:
    def stage(ctx: Context) -> Result:
        out = ctx.work / mode
        done = run([sys.executable, str(PROCS / "scrapy_stage.py"), mode, str(ctx.urls_file), str(out)],
                   out / "log")
        summary = json.loads(done.stdout.splitlines()[-1])
        written = {"warc": folder_bytes(out, "*.warc.gz"), "jsonl": folder_bytes(out, "*.jsonl")}
        return Result(mode, "crawl", summary["fetched"], done, written,
                      ctx.site.pages - summary["fetched"], summary["records"] if mode == "floor" else None)
    return stage


def wget(ctx: Context) -> Result:
    out = ctx.work / "wget"
    done = run(["wget", "-q", "-i", str(ctx.urls_file), f"--warc-file={out / 'stage'}", "-O", "/dev/null",
                "--header", "Accept-Encoding: gzip"], out / "log")
    fetched = ok_pages(sorted(out.glob("*.warc.gz"))) & set(ctx.site.urls)
    return Result("wget", "crawl", len(fetched), done, {"warc": folder_bytes(out, "*.warc.gz")},
                  ctx.site.pages - len(fetched))


def longform(ctx: Context) -> Result:
    out = ctx.work / "longform"
    done = run([sys.executable, *crawl_command(ctx, out)], out / "log", cwd=ROOT)
    folder = out / "bench"
    ctx.longform_folder = folder
    ctx.longform_warcs = sorted((folder / "warc").glob("*.warc.gz"))
    fetched = ok_pages(ctx.longform_warcs)
    written = _dataset_bytes(folder)
    records = _lines(folder)
    return Result("longform", "crawl", len(fetched), done, written,
                  len(set(ctx.site.urls) - fetched), records)


def _floor_replay(mode: str) -> Callable[[Context], Result]:
    def stage(ctx: Context) -> Result:
        done = run([sys.executable, str(PROCS / "replay_stage.py"), mode, *map(str, ctx.longform_warcs)],
                   ctx.work / mode / "log")
        summary = json.loads(done.stdout.splitlines()[-1])
        return Result(mode, "replay", summary["pages"], done, {}, 0)
    return stage


def replay(ctx: Context) -> Result:
    out = ctx.work / "replay"
    done = run([sys.executable, *replay_command(ctx, out)], out / "log", cwd=ROOT)
    records = _lines(out)
    pages = html_pages(ctx.longform_warcs)
    expected = ctx.site.articles + ctx.site.comments
    return Result("replay", "replay", pages, done, {"jsonl": folder_bytes(out, "*.jsonl")},
                  max(0, expected - records), records)


def html_pages(warcs: list[Path]) -> int:
    """HTML responses in these WARCs: the pages a replay extracts from."""
    count = 0
    for path in warcs:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True):
                count += record.http_content_type == "text/html"
    return count


def _dataset_bytes(folder: Path) -> dict[str, int]:
    warc = folder_bytes(folder / "warc", "*.warc.gz")
    jsonl = folder_bytes(folder, "*.jsonl")
    state = folder_bytes(folder, "state.sqlite*")
    return {"warc": warc, "jsonl": jsonl, "state": state,
            "other": folder_bytes(folder) - warc - jsonl - state}


def _lines(folder: Path) -> int:
    return sum(sum(1 for _ in open(path, "rb")) for path in folder.glob("*.jsonl"))


STAGES: dict[str, Callable[[Context], Result]] = {
    "bare": _scrapy("bare"), "warc": _scrapy("warc"), "floor": _scrapy("floor"), "wget": wget,
    "longform": longform, "warcio": _floor_replay("warcio"), "fastwarc": _floor_replay("fastwarc"),
    "replay": replay,
}
