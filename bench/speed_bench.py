"""Speed harness (issue 15): crawl and replay stages side by side on a WordPress-shaped site.

Run: make bench   or   .venv/bin/python bench/speed_bench.py [--articles 10000] [--delay-ms 20]

Generates the site (reused from --site-dir while it matches), serves it on loopback with nginx
(or the delaying server with --delay-ms), runs each stage in its own process and prints pages/s,
CPU ms/page, peak RSS, bytes out and the ratios against bare Scrapy / the replay floor, then a
cProfile summary of `longform crawl` and `longform replay`. Not a unit test
(tests/bench/test_bench_smoke.py runs a small one).
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import platform
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import report, server, targets, where_bytes  # noqa: E402
from speed.measure import StageFailed  # noqa: E402
from speed.profiling import Profile, profile_crawl, profile_replay  # noqa: E402
from speed.sitegen import MANIFEST, SiteManifest, load_or_build  # noqa: E402
from speed.stages import CRAWL_STAGES, REPLAY_STAGES, STAGES, Context, Result  # noqa: E402

from pipelines.replay import MIN_PART  # noqa: E402

DEFAULT_SITE_DIR = Path(tempfile.gettempdir()) / "longform-bench-site"
PORT_ATTEMPTS = 5


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the site (10000)")
    parser.add_argument("--site-dir", type=Path, default=DEFAULT_SITE_DIR,
                        help=f"where sites are generated and kept (default {DEFAULT_SITE_DIR})")
    parser.add_argument("--stages", default=",".join(CRAWL_STAGES + REPLAY_STAGES),
                        help="comma-separated subset of: " + ",".join(STAGES))
    parser.add_argument("--delay-ms", type=float, default=0.0,
                        help="serve with this latency per response instead of nginx")
    parser.add_argument("--workers", type=int,
                        help="processes: `longform crawl --extract-workers N`, `longform replay "
                        "--workers N` (0: both in one process; default: theirs, one per core)")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile runs")
    parser.add_argument("--profile-articles", type=int, default=1000,
                        help="articles the profiled crawl fetches (--max-articles; default 1000)")
    parser.add_argument("--json", type=Path, help="also write the report as JSON here")
    parser.add_argument("--keep", type=Path, help="keep every stage's output in this folder")
    args = parser.parse_args(argv)
    unknown = set(args.stages.split(",")) - set(STAGES)
    if unknown or args.articles < 1 or (args.workers is not None and args.workers < 0):
        parser.exit(2, f"speed_bench: unknown stage(s) {sorted(unknown)}, --articles < 1 or --workers < 0\n")
    return args


@contextmanager
def site(folder: Path, articles: int) -> Iterator[tuple[Path, SiteManifest]]:
    """The generated site and its folder, held (flock) for the whole run.

    A site is served on the port baked into its pages, so two runs must never share (or rebuild)
    one folder: a run that finds `<articles>` held by another uses `<articles>-2`, `-3`... The
    folder is reused when its port is still free; else rebuilt on a free port.
    """
    folder.mkdir(parents=True, exist_ok=True)
    with ExitStack() as held:
        for n in range(1, 100):
            candidate = folder / (str(articles) if n == 1 else f"{articles}-{n}")
            lock = held.enter_context(open(folder / f"{candidate.name}.lock", "w"))  # noqa: SIM115
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # another run serves it
            yield candidate, _load_or_build(candidate, articles)
            return
        raise RuntimeError(f"no free site folder under {folder}")


@contextmanager
def served_site(folder: Path, articles: int, delay_ms: float = 0.0
                ) -> Iterator[tuple[Path, SiteManifest, str]]:
    """The generated site held for this run (`site`), served on loopback: (folder, manifest, base)."""
    with site(folder, articles) as (root, manifest), serve_site(root, manifest, delay_ms) as served:
        yield root, *served


@contextmanager
def serve_site(root: Path, manifest: SiteManifest, delay_ms: float = 0.0
               ) -> Iterator[tuple[SiteManifest, str]]:
    """Serve the site on the port its pages carry; when another process has taken that port
    since (another bench's server, anything), rebuild the site on a free port and serve that."""
    with ExitStack() as held:
        for _ in range(PORT_ATTEMPTS):
            try:
                base = held.enter_context(server.serve(root, _port(manifest), delay_ms))
            except server.PortTaken as taken:
                print(f"  {taken}: rebuilding the site on another port", file=sys.stderr, flush=True)
                manifest = load_or_build(root, manifest.articles, f"http://127.0.0.1:{server.free_port()}")
                continue
            yield manifest, base
            return
        raise RuntimeError(f"no free port for the site in {root} after {PORT_ATTEMPTS} tries")


def _port(manifest: SiteManifest) -> int:
    return int(manifest.base.rsplit(":", 1)[1])


def _load_or_build(folder: Path, articles: int) -> SiteManifest:
    manifest_file = folder / MANIFEST
    if manifest_file.exists():
        port = int(json.loads(manifest_file.read_text())["base"].rsplit(":", 1)[1])
        if server.port_is_free(port):  # else another process has it: rebuilt for a free one
            return load_or_build(folder, articles, f"http://127.0.0.1:{port}")
    return load_or_build(folder, articles, f"http://127.0.0.1:{server.free_port()}")


def run_stages(ctx: Context, names: list[str], profiled: bool, profile_articles: int
               ) -> tuple[list[Result], list[Profile]]:
    if any(n in REPLAY_STAGES for n in names) and "longform" not in names:
        names = ["longform", *names]  # replay reads the crawl's WARCs
    results = []
    delayed = server.in_flight(ctx.base)  # None behind nginx; else counting starts afresh here
    for name in [n for n in CRAWL_STAGES + REPLAY_STAGES if n in names]:
        print(f"  {name} ...", file=sys.stderr, flush=True)
        result = STAGES[name](ctx)
        if delayed is not None and result.kind == "crawl":
            result = replace(result, in_flight=server.in_flight(ctx.base))
        results.append(result)
    profiles = []
    if profiled and ctx.longform_warcs:
        print("  profiling longform crawl and replay ...", file=sys.stderr, flush=True)
        profiles = [profile_crawl(ctx, profile_articles), profile_replay(ctx)]
    return results, profiles


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    print(f"site: {args.articles} articles in {args.site_dir} ...", file=sys.stderr, flush=True)
    with served_site(args.site_dir, args.articles, args.delay_ms) as (_root, manifest, base), \
            tempfile.TemporaryDirectory(prefix="lfbench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        urls_file = work / "urls.txt"
        urls_file.write_text("\n".join(manifest.urls) + "\n")
        ctx = Context(manifest, base, urls_file, work, workers=args.workers)
        try:
            results, profiles = run_stages(ctx, args.stages.split(","), not args.no_profile,
                                           args.profile_articles)
        except StageFailed as failed:
            print(f"speed_bench: {failed}", file=sys.stderr)
            return 1
        detail = where_bytes.breakdown(ctx.longform_folder, work / "floor")
        used = processes(args.workers, ctx.longform_warcs)  # here: the WARCs go with `tmp`
    meta = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "articles": manifest.articles,
            "comments": manifest.comments, "pages": manifest.pages,
            "page_kb": round(manifest.html_bytes / manifest.pages / 1024, 1),
            "gzip_kb": round(manifest.gzip_bytes / manifest.pages / 1024, 1),
            "workers": args.workers, "processes": used,
            "load_average": _load(),
            "server": f"delaying server, {args.delay_ms:g} ms" if args.delay_ms else "nginx",
            "machine": f"{platform.machine()}, {_cores()} cores, Python {platform.python_version()}"}
    table = report.rows(results)
    found = targets.verdicts(table, args.delay_ms, meta["processes"])
    header = (f"{meta['date']}: {meta['articles']} articles, {meta['comments']} comments, "
              f"{meta['pages']} pages ({meta['page_kb']} KB each, {meta['gzip_kb']} KB gzip'd), "
              f"{meta['server']}; {meta['machine']}; load average {meta['load_average']}; "
              f"processes: crawl {meta['processes']['crawl']}, replay {meta['processes']['replay']}")
    print(report.render(table, profiles, header, detail, found))
    if args.json:
        args.json.write_text(json.dumps(report.as_json(table, profiles, meta, detail, found), indent=1))
    return 0


def processes(workers: int | None, warcs: list[Path]) -> dict[str, int]:
    """The processes `longform crawl` and `longform replay` ran in: 1 + extraction workers, and
    the replay's pool (their defaults: one worker per core; replay's only from MIN_PART of WARC)."""
    cores = _cores()
    if workers is not None:
        return {"crawl": 1 + workers, "replay": max(workers, 1)}
    size = sum(path.stat().st_size for path in warcs if path.exists())
    return {"crawl": 1 + cores, "replay": cores if size >= MIN_PART and cores > 1 else 1}


def _load() -> str:
    """The 1, 5 and 15 minute load averages as the run ends (the machine is shared)."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _cores() -> int:
    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    sys.exit(main())
