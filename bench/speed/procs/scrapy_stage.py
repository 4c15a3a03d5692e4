"""The bare Scrapy stages, each run alone: `python scrapy_stage.py MODE URLS OUT`.

- bare: fetch every URL, drop the body (Scrapy's own cost at 16 concurrent requests);
- warc: + a request and a response record per exchange (warcio, body as received: a downloader
  middleware next to the downloader sees the gzip'd bytes, as archive/middleware.py does);
- floor: + one lxml parse per page, a few XPaths for the article and its comments, JSONL out.

Prints one JSON line: pages fetched with status 200 and JSONL lines written.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import lxml.html
import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Request, Response
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

TITLE = "//h1[contains(@class, 'entry-title')]//text()"
BODY = "//div[contains(@class, 'entry-content')]//p"
BYLINE = "//span[@class='byline']//a/text()"
PUBLISHED = "//time[contains(@class, 'published')]/@datetime"
COMMENTS = "//li[starts-with(@id, 'comment-')]"
COMMENT_AUTHOR = ".//b[@class='fn']//text()"
COMMENT_DATE = ".//div[@class='comment-metadata']//time/@datetime"
COMMENT_TEXT = ".//div[@class='comment-content']/p"


class WarcRecorder:
    """Writes request + response records of every exchange, the body as it came off the wire."""

    def __init__(self, out: Path) -> None:
        self.stream = open(out / "stage.warc.gz", "wb")  # noqa: SIM115 - closed at exit
        self.writer = WARCWriter(self.stream, gzip=True, warc_version="1.1")

    @classmethod
    def from_crawler(cls, crawler: Any) -> WarcRecorder:
        return cls(Path(crawler.settings["BENCH_OUT"]))

    def process_response(self, request: Request, response: Response, spider: Any) -> Response:
        url = request.url
        head = [(k.decode(), v.decode("latin-1")) for k, vs in request.headers.items() for v in vs]
        path = url.split("/", 3)[3] if url.count("/") >= 3 else ""
        req = self.writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""), length=0,
            http_headers=StatusAndHeaders(f"GET /{path} HTTP/1.1", head, is_http_request=True))
        headers = [(k.decode(), v.decode("latin-1")) for k, vs in response.headers.items() for v in vs]
        status = StatusAndHeaders(f"{response.status} OK", headers, protocol="HTTP/1.1")
        resp = self.writer.create_warc_record(url, "response", payload=io.BytesIO(response.body),
                                              length=len(response.body), http_headers=status)
        req.rec_headers.add_header("WARC-Concurrent-To", resp.rec_headers.get_header("WARC-Record-ID"))
        self.writer.write_record(resp)
        self.writer.write_record(req)
        self.stream.flush()
        return response


def extract(response: Response) -> list[dict[str, Any]]:
    """One parse, the article's fields (on its permalink page) and the comments' by XPath."""
    tree = lxml.html.fromstring(response.body)
    title = tree.xpath(TITLE)
    if not title:
        return []
    records: list[dict[str, Any]] = []
    if "/comment-page-" not in response.url:  # the article once, as longform writes it
        records.append({
            "url": response.url, "title": "".join(title), "authors": tree.xpath(BYLINE),
            "published": next(iter(tree.xpath(PUBLISHED)), None),
            "text": "\n\n".join(p.text_content() for p in tree.xpath(BODY))})
    for node in tree.xpath(COMMENTS):
        records.append({
            "id": node.get("id"), "article_url": response.url,
            "author": "".join(node.xpath(COMMENT_AUTHOR)),
            "published": next(iter(node.xpath(COMMENT_DATE)), None),
            "text": "\n\n".join(p.text_content() for p in node.xpath(COMMENT_TEXT))})
    return records


def main(mode: str, urls: list[str], out: Path) -> None:
    fetched: set[str] = set()
    lines = 0
    jsonl = open(out / "stage.jsonl", "w", encoding="utf-8") if mode == "floor" else None  # noqa: SIM115

    class Stage(scrapy.Spider):
        name = "stage"

        async def start(self) -> Any:
            for url in urls:
                yield scrapy.Request(url, dont_filter=True)

        def parse(self, response: Response) -> None:
            nonlocal lines
            if response.status == 200:
                fetched.add(response.url)
            if jsonl is not None:
                for record in extract(response):
                    jsonl.write(json.dumps(record, ensure_ascii=False) + "\n")
                    lines += 1

    settings: dict[str, Any] = {
        "LOG_LEVEL": "ERROR", "CONCURRENT_REQUESTS": 16, "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        "ROBOTSTXT_OBEY": False, "TELNETCONSOLE_ENABLED": False, "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False}
    if mode in ("warc", "floor"):
        settings["DOWNLOADER_MIDDLEWARES"] = {f"{__name__}.WarcRecorder": 950}
        settings["BENCH_OUT"] = str(out)
    process = CrawlerProcess(settings)
    process.crawl(Stage)
    process.start()
    if jsonl is not None:
        jsonl.close()
    print(json.dumps({"fetched": len(fetched), "records": lines}))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]).read_text().split(), Path(sys.argv[3]))
