"""Does a crawl's memory stay bounded as the site grows? Not a unit test.

Run: .venv/bin/python bench/crawl_memory_bench.py [--copies 5,20,80]

Builds bigger WordPress sites from the demo's recording of the real WordPress fixture: copy k of
every recorded HTML page moves under `/copy-k/` with its own comment ids (bench/scale_bench.py),
and a core sitemap lists every copy's posts. Each site is served from its own process by the
demo's replay server; `longform crawl` runs in a fresh interpreter that reports its peak RSS, and
a bare Scrapy spider fetching the same URLs in the same run is the baseline.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_bench import PEAK_RSS, ROOT, copies, crawl_sample, html_exchanges  # noqa: E402

SERVE = """
import sys, time
from pathlib import Path
from spiders.recorded_site.replay import Recording
from spiders.recorded_site.server import serve_recording
with serve_recording(Recording.load(Path(sys.argv[1]))) as url:
    print(url, flush=True)
    time.sleep(3600)
"""

CRAWL = PEAK_RSS + """
import json, sys, time
from spiders.cli import main
started = time.perf_counter()
status = main(["crawl", sys.argv[1], "--out", sys.argv[2]])
print(json.dumps({"status": status, "seconds": time.perf_counter() - started,
                  "peak_mib": peak_mib()}))
"""

BARE = PEAK_RSS + """
import json, sys, time, scrapy
from scrapy.crawler import CrawlerProcess
urls = open(sys.argv[1]).read().split()
class Bare(scrapy.Spider):
    name = "bare"
    async def start(self):
        for url in urls:
            yield scrapy.Request(url, dont_filter=True)
    def parse(self, response):
        pass
started = time.perf_counter()
process = CrawlerProcess({"LOG_LEVEL": "ERROR", "CONCURRENT_REQUESTS": 8, "ROBOTSTXT_OBEY": False,
                          "CONCURRENT_REQUESTS_PER_DOMAIN": 8, "TELNETCONSOLE_ENABLED": False})
process.crawl(Bare)
process.start()
print(json.dumps({"seconds": time.perf_counter() - started,
                  "peak_mib": peak_mib()}))
"""


def recorded_posts(warcs: list[Path]) -> tuple[list[str], bytes]:
    """The post URLs of the crawl's posts sitemap, and its robots.txt body."""
    posts: list[str] = []
    robots = b""
    for path in warcs:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                if "wp-sitemap-posts-post-" in url:
                    body = record.content_stream().read().decode()
                    posts += re.findall(r"<loc>([^<]+)</loc>", body)
                elif url.endswith("/robots.txt"):
                    robots = record.content_stream().read()
    return posts, robots


def sitemap_pages(origin: str, posts: list[str], count: int) -> list[tuple[str, bytes]]:
    """A core sitemap index and its posts sitemaps (2,000 URLs each, as WordPress pages them)."""
    moved = [post.replace(origin, f"{origin}/copy-{k}", 1) for k in range(count) for post in posts]
    pages = [moved[i:i + 2000] for i in range(0, len(moved), 2000)]
    index = "".join(f"<sitemap><loc>{origin}/wp-sitemap-posts-post-{n + 1}.xml</loc></sitemap>"
                    for n in range(len(pages)))
    out = [(f"{origin}/wp-sitemap.xml",
            f'<?xml version="1.0"?><sitemapindex>{index}</sitemapindex>'.encode())]
    for n, urls in enumerate(pages):
        entries = "".join(f"<url><loc>{escape(url)}</loc></url>" for url in urls)
        out.append((f"{origin}/wp-sitemap-posts-post-{n + 1}.xml",
                    f'<?xml version="1.0"?><urlset>{entries}</urlset>'.encode()))
    return out


Page = tuple[str, StatusAndHeaders, bytes]


def write_site(path: Path, pages: list[Page], extra: list[tuple[str, str, bytes]]) -> None:
    """One WARC of response records: the pages, then EXTRA (URL, Content-Type, body) as 200s."""
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True, warc_version="WARC/1.1")
        for url, content_type, body in extra:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            pages.append((url, headers, body))
        for url, headers, body in pages:
            headers.replace_header("Content-Length", str(len(body)))
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers))


def measure(script: str, *args: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def crawl_site(warc: Path, work: Path) -> tuple[int, dict[str, float], dict[str, float]]:
    """Serve WARC from another process; (pages, our crawl's figures, bare Scrapy's)."""
    server = subprocess.Popen([sys.executable, "-c", SERVE, str(warc)], stdout=subprocess.PIPE,
                              text=True, cwd=ROOT)
    try:
        base = server.stdout.readline().strip()  # type: ignore[union-attr]
        profile = work / "bench.toml"
        profile.write_text(f'name = "bench"\nbase_url = "{base}"\nautothrottle = false\n'
                           "download_delay = 0.0\nconcurrency = 8\n")
        ours = measure(CRAWL, profile, work / "out")
        urls = _fetched_urls(work / "out" / "bench" / "warc")
        urls_file = work / "urls.txt"
        urls_file.write_text("\n".join(urls))
        bare = measure(BARE, urls_file)
        return len(urls), ours, bare
    finally:
        server.kill()
        server.wait()


def _fetched_urls(folder: Path) -> list[str]:
    urls = []
    for path in sorted(folder.glob("*.warc.gz")):
        with open(path, "rb") as stream:
            urls += [r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(stream)
                     if r.rec_type == "response"]
    return urls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", default="5,20,80",
                        help="comma-separated copy counts of the demo recording (default: 5,20,80)")
    counts = [int(n) for n in parser.parse_args().copies.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        warcs = crawl_sample(work / "demo")
        _, pages = html_exchanges(warcs)
        posts, robots = recorded_posts(warcs)
        origin = re.match(r"https?://[^/]+", posts[0]).group(0)  # type: ignore[union-attr]
        home = [page for page in pages if page[0] == origin + "/"]
        print(f"demo recording: {len(posts)} posts, {len(pages)} HTML pages; each row a fresh crawl")
        print(f"{'pages':>7} {'bare s':>7} {'ours s':>7} {'ratio':>6} {'bare RSS':>9} {'ours RSS':>9}")
        for count in counts:
            site = work / f"site-{count}"
            site.mkdir()
            extra = [(url, "application/xml", body) for url, body in sitemap_pages(origin, posts, count)]
            extra.append((origin + "/robots.txt", "text/plain", robots))
            write_site(site / "site.warc.gz", home + list(copies(pages, count, origin)), extra)
            started = time.perf_counter()
            fetched, ours, bare = crawl_site(site / "site.warc.gz", site)
            assert ours["status"] == 0, f"crawl of {count} copies failed"
            print(f"{fetched:>7} {bare['seconds']:>7.1f} {ours['seconds']:>7.1f} "
                  f"{ours['seconds'] / bare['seconds']:>5.2f}x {bare['peak_mib']:>5.0f} MiB "
                  f"{ours['peak_mib']:>5.0f} MiB   ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
