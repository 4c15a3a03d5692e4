"""Cost of archiving and extraction: our crawl vs bare Scrapy, our replay vs plain warcio.

Run: .venv/bin/python bench/crawl_bench.py [--rounds 5]

Both sides run in this process against the same bundled sample site on 127.0.0.1, so the ratios
compare like with like on the machine at hand:
- crawl: `longform`'s spider (WARC middleware, page objects, normalizer chain, JSONL) vs a bare
  Scrapy spider that fetches exactly the same URLs and does nothing with them;
- replay: `pipelines.replay.replay` (page objects + chain + JSONL) vs iterating the same WARC files
  with plain warcio and reading every payload.
Each round crawls in a fresh subprocess (Twisted's reactor cannot restart). Not a unit test.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipelines.replay import replay  # noqa: E402
from tests.sites.sample_site import serve_sample_site  # noqa: E402

BARE_SPIDER = '''
import sys, scrapy
from scrapy.crawler import CrawlerProcess
urls = open(sys.argv[1]).read().split()
class Bare(scrapy.Spider):
    name = "bare"
    async def start(self):
        for url in urls:
            yield scrapy.Request(url, dont_filter=True)
    def parse(self, response):
        pass
process = CrawlerProcess({"LOG_LEVEL": "ERROR", "CONCURRENT_REQUESTS": 8,
                          "CONCURRENT_REQUESTS_PER_DOMAIN": 8, "ROBOTSTXT_OBEY": False,
                          "TELNETCONSOLE_ENABLED": False})
process.crawl(Bare)
process.start()
'''


def crawl_ours(base_url: str, out: Path) -> float:
    """Seconds for `longform crawl` of the sample site (demo settings: no delay, concurrency 8)."""
    out.mkdir(parents=True)
    profile = out / "bench.toml"
    profile.write_text(f'name = "bench"\nbase_url = "{base_url}/"\nautothrottle = false\n'
                       "download_delay = 0.0\nconcurrency = 8\n")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "spiders.cli", "crawl", str(profile), "--out", str(out)],
                   check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def crawl_bare(urls_file: Path) -> float:
    """Seconds for bare Scrapy fetching the same URLs (fresh interpreter, like ours)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", BARE_SPIDER, str(urls_file)], check=True,
                   capture_output=True)
    return time.perf_counter() - started


def fetched_urls(warcs: list[Path]) -> list[str]:
    urls = []
    for path in warcs:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    urls.append(record.rec_headers.get_header("WARC-Target-URI"))
    return urls


def read_with_warcio(warcs: list[Path]) -> int:
    """Plain warcio: every record, every payload read. Returns the number of records."""
    count = 0
    for path in warcs:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                record.content_stream().read()
                count += 1
    return count


def timed(function, *args) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as tmp, serve_sample_site() as base_url:
        work = Path(tmp)
        ours = [crawl_ours(base_url, work / f"ours{n}") for n in range(rounds)]
        warcs = sorted((work / "ours0" / "bench" / "warc").glob("*.warc.gz"))
        urls = fetched_urls(warcs)
        urls_file = work / "urls.txt"
        urls_file.write_text("\n".join(urls))
        bare = [crawl_bare(urls_file) for _ in range(rounds)]
        records = read_with_warcio(warcs)
        plain = [timed(read_with_warcio, warcs) for _ in range(rounds)]
        ours_replay = [timed(replay, warcs, work / f"replay{n}") for n in range(rounds)]
    ours_s, bare_s = statistics.median(ours), statistics.median(bare)
    plain_s, replay_s = statistics.median(plain), statistics.median(ours_replay)
    print(f"sample site: {len(urls)} responses, {records} WARC records; medians of {rounds} rounds")
    print(f"crawl   bare Scrapy      {bare_s:7.3f} s   ({len(urls) / bare_s:7.1f} pages/s)")
    print(f"crawl   longform         {ours_s:7.3f} s   ({len(urls) / ours_s:7.1f} pages/s)"
          f"   ratio {ours_s / bare_s:.2f}x")
    print(f"replay  plain warcio     {plain_s:7.3f} s   ({records / plain_s:7.0f} records/s)")
    print(f"replay  longform replay  {replay_s:7.3f} s   ({records / replay_s:7.0f} records/s)"
          f"   ratio {replay_s / plain_s:.1f}x")


if __name__ == "__main__":
    main()
