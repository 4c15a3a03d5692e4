"""Time `longform verify` and `longform index` against `warcio check` and `cdxj-indexer` on one WARC.

Run: .venv/bin/python bench/verify_bench.py [--pages 6000] [--repeat 3] [--work DIR]

Builds (once, cached in --work) a gzipped WARC written by warcio like a crawl writes it: a warcinfo
record, then per page a request and a response (realistic article HTML, 20-60 KB, gzip per record,
WARC-Concurrent-To from the request to the response), with 6,000 pages about 150 MB. Then runs each
tool on it `--repeat` times as a subprocess (what a user runs) and prints the best wall and CPU
time (user + system) of each, records/s and MB/s, and the ratios the issue asks about (ours /
theirs; below 1.0 is faster). The machine is shared: compare the CPU ratios, they hold far better
than wall-clock figures, which depend on what else runs.
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
_WORDS = ("the of and to in archive comment reader analysis policy government report minister "
          "election market economy research data court ruling according said would could should "
          "between during however because following evidence investigation journalist editor "
          "security region conflict agreement parliament budget growth inflation climate energy").split()


def _paragraphs(rng: random.Random, count: int) -> list[str]:
    """Paragraphs of common words and a large invented vocabulary (names, places, rare words), so
    pages compress about as well as real article text does (3-4x)."""
    rare = ["".join(rng.choice("abcdefghijklmnoprstuvwyz") for _ in range(rng.randint(4, 11)))
            for _ in range(20000)]
    return [" ".join(rng.choice(_WORDS) if rng.random() < 0.45 else rng.choice(rare)
                     for _ in range(rng.randint(40, 120))).capitalize() + "."
            for _ in range(count)]


def page_html(rng: random.Random, pool: list[str], number: int) -> bytes:
    """An article page: head with metadata and a script, navigation, 15-50 paragraphs, comments."""
    paragraphs = "\n".join(f"<p>{rng.choice(pool)}</p>" for _ in range(rng.randint(30, 90)))
    tracking = "".join(f"{rng.getrandbits(64):016x}" for _ in range(rng.randint(100, 400)))
    comments = "\n".join(
        f'<li class="comment" id="comment-{number * 100 + i}"><div class="comment-author vcard">'
        f'<cite class="fn">Reader {rng.randint(1, 9999)}</cite></div><div class="comment-content">'
        f"<p>{rng.choice(pool)}</p></div></li>" for i in range(rng.randint(0, 12))
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Article {number}</title>'
        f'<meta property="og:title" content="Article {number}"><script>window.cfg={{"id":{number},'
        f'"t":"{tracking}"}};</script></head><body><nav><ul>'
        + "".join(f'<li><a href="/category/{w}/">{w}</a></li>' for w in rng.sample(_WORDS, 12))
        + f'</ul></nav><article class="post-{number}"><h1 class="entry-title">Article {number}</h1>'
        f'<div class="entry-content">{paragraphs}</div></article><ol class="commentlist">{comments}'
        f"</ol><footer>© Example</footer></body></html>"
    ).encode()


def build_warc(path: Path, pages: int, seed: int = 14) -> None:
    """A gzipped WARC of `pages` request/response pairs, written by warcio."""
    rng = random.Random(seed)
    pool = _paragraphs(rng, 3000)
    partial = path.with_suffix(".partial")
    with open(partial, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "verify_bench"}))
        for number in range(pages):
            url = f"http://bench.example/{2000 + number % 20}/article-{number}/"
            body = page_html(rng, pool, number)
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=UTF-8"),
                                               ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            response = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                 http_headers=http)
            req_http = StatusAndHeaders(f"GET /{url.split('/', 3)[3]} HTTP/1.1", [("Host", "bench.example")],
                                        is_http_request=True)
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                                http_headers=req_http)
            response_id = response.rec_headers.get_header("WARC-Record-ID")
            request.rec_headers.add_header("WARC-Concurrent-To", response_id)
            writer.write_record(response)
            writer.write_record(request)
    partial.rename(path)


def commands(warc: Path, work: Path) -> dict[str, list[str]]:
    """The four tools, as a user runs them (index output to files in `work`)."""
    longform = [str(BIN / "python"), "-m", "spiders.cli"]
    return {
        "warcio check": [str(BIN / "warcio"), "check", str(warc)],
        "cdxj-indexer": [str(BIN / "cdxj-indexer"), "--sort", "-o", str(work / "theirs.cdxj"), str(warc)],
        "longform verify": [*longform, "verify", str(warc)],
        "longform index": [*longform, "index", str(warc)],
    }


def time_command(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system of the child) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{command[:3]} exited {result.returncode}: {result.stdout[-500:]}"
                         f"{result.stderr[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def run(warc: Path, work: Path, repeat: int, records: int) -> dict[str, tuple[float, float]]:
    """Best wall and CPU time of each command over `repeat` rounds (interleaved, so load hits them
    alike). On a shared machine the CPU time is the steadier figure: the ratios use it."""
    best: dict[str, tuple[float, float]] = {}
    for _ in range(repeat):
        for name, command in commands(warc, work).items():
            wall, cpu = time_command(command)
            old_wall, old_cpu = best.get(name, (float("inf"), float("inf")))
            best[name] = (min(old_wall, wall), min(old_cpu, cpu))
    size = warc.stat().st_size / 1e6
    for name, (wall, cpu) in best.items():
        print(f"{name:16} {wall:7.2f} s wall {cpu:7.2f} s CPU  {records / cpu:8.0f} records/s  "
              f"{size / cpu:6.1f} MB/s (CPU)")
    print(f"verify / warcio check: {best['longform verify'][1] / best['warcio check'][1]:.2f} CPU, "
          f"{best['longform verify'][0] / best['warcio check'][0]:.2f} wall")
    print(f"index / cdxj-indexer:  {best['longform index'][1] / best['cdxj-indexer'][1]:.2f} CPU, "
          f"{best['longform index'][0] / best['cdxj-indexer'][0]:.2f} wall")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=6000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/longform-verify-bench"))
    args = parser.parse_args()
    folder = args.work / f"warc-{args.pages}"
    folder.mkdir(parents=True, exist_ok=True)
    warc = folder / f"bench-{args.pages}.warc.gz"
    if not warc.exists():
        started = time.perf_counter()
        build_warc(warc, args.pages)
        print(f"built {warc} ({warc.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.0f} s")
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(f"{warc}: {warc.stat().st_size / 1e6:.0f} MB, {2 * args.pages + 1} records, {when}")
    run(warc, args.work, args.repeat, 2 * args.pages + 1)


if __name__ == "__main__":
    main()
