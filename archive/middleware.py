"""Scrapy downloader middleware that records every exchange into WARC files.

The only module of `archive` that imports Scrapy. Install it closest to the downloader (order 950,
after HttpCacheMiddleware's 900) so it sees responses as received: before decompression, before
redirects are followed, robots.txt included.

Settings:
    ARCHIVE_ENABLED (bool, default True)
    ARCHIVE_DIR (str, required): folder for WARC files
    ARCHIVE_PREFIX (str, default "crawl"): file name prefix
    ARCHIVE_MAX_FILE_SIZE (int, default 1 GB): roll over to a new file past this size
    ARCHIVE_CRAWL_ID (str): written into warcinfo
    ARCHIVE_INFO (dict): extra warcinfo fields (site, key settings)
    ARCHIVE_STATE_FILE (str, default none): a state.sqlite to open when the run shares none (a
        crawl of this project shares the connection of its run, `archive.state.shared`). With a
        state, requests for URLs captured before carry If-None-Match / If-Modified-Since, a 304 is
        written as a `server-not-modified` revisit and a 200 whose body equals the last capture's
        as an `identical-payload-digest` revisit (headers only), and every capture is remembered
        (`archive.captures`)
    ARCHIVE_CONDITIONAL (bool, default True): send conditional requests (off for a full crawl);
        a request with meta "dont_revalidate" is never made conditional
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured

from archive.captures import CaptureStore
from archive.disk_guard import disk_is_full, report_disk_full
from archive.disk_space import as_disk_full
from archive.records import Exchange
from archive.revisits import RevisitPolicy
from archive.state import StateDB, shared
from archive.writer import DEFAULT_MAX_FILE_SIZE, RecordLocation, RollingWarcWriter

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Headers, Request, Response

logger = logging.getLogger(__name__)

META_KEY = "warc_record"
"""`response.meta` key holding the RecordLocation of the archived response."""
CAPTURE_STORE = "longform_capture_store"
"""Crawler attribute: a callable that takes the run's own `CaptureStore` and gives the store to
use instead (a Redis worker's shared captures, `spiders.redis_captures`); unset, the run's own."""
_ARCHIVED_FLAG = "warc"


class WarcArchiveMiddleware:
    """Writes a request + response record pair per downloaded response."""

    def __init__(
        self, writer: RollingWarcWriter, crawler: Crawler, revisits: RevisitPolicy | None = None,
        owned_state: StateDB | None = None,
    ) -> None:
        self.writer = writer
        self.crawler = crawler
        self.stats = crawler.stats
        self.revisits = revisits
        self.owned_state = owned_state
        """A state this middleware opened itself (no run shares one): closed with the spider."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcArchiveMiddleware:
        settings = crawler.settings
        if not settings.getbool("ARCHIVE_ENABLED", True):
            raise NotConfigured("ARCHIVE_ENABLED is off")
        directory = settings.get("ARCHIVE_DIR")
        if not directory:
            raise NotConfigured("ARCHIVE_DIR is not set")
        info = {str(k): str(v) for k, v in (settings.getdict("ARCHIVE_INFO") or {}).items()}
        info.setdefault("crawl-id", settings.get("ARCHIVE_CRAWL_ID", ""))
        writer = RollingWarcWriter(
            Path(directory),
            settings.get("ARCHIVE_PREFIX", "crawl"),
            info,
            settings.getint("ARCHIVE_MAX_FILE_SIZE", DEFAULT_MAX_FILE_SIZE),
        )
        state, owned = shared(crawler), None
        if state is None and settings.get("ARCHIVE_STATE_FILE"):
            state = owned = StateDB(Path(settings["ARCHIVE_STATE_FILE"]))
        revisits = None
        if state is not None:
            store = CaptureStore(state)
            shared_store = getattr(crawler, CAPTURE_STORE, None)
            if shared_store is not None:
                store = shared_store(store)
            revisits = RevisitPolicy(store, settings.get("ARCHIVE_CRAWL_ID", ""),
                                     conditional=settings.getbool("ARCHIVE_CONDITIONAL", True))
        middleware = cls(writer, crawler, revisits, owned)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def process_request(self, request: Request) -> None:
        if disk_is_full(self.crawler):  # the crawl is stopping: fetch nothing it cannot store
            raise IgnoreRequest("disk full")
        # A spider that needs the body whatever happens (a sitemap) sets meta "dont_revalidate".
        if self.revisits is not None and request.method == "GET" and not request.meta.get(
            "dont_revalidate"
        ):
            for name, value in self.revisits.conditional_headers(request.url):
                request.headers.setdefault(name, value)

    def process_response(self, request: Request, response: Response) -> Response:
        # Cached responses and responses already recorded come through again: archive once.
        if "cached" in response.flags or _ARCHIVED_FLAG in response.flags:
            return response
        try:
            location = self._archive(request, response)
        except Exception as error:  # the WARC is whole again; stop rather than lose pages
            state = self.revisits.store.folder if self.revisits else self.writer.directory
            full = as_disk_full(error, state, "the state database")
            if full is None:
                raise
            report_disk_full(self.crawler, full)
            raise IgnoreRequest("disk full") from None
        response.flags.append(_ARCHIVED_FLAG)
        request.meta[META_KEY] = location
        self._count(response)
        return response

    def _list_files(self) -> None:
        """The WARC files written so far, in the stats: set when a file is added, so a run stopped
        before the spider closed (a second Ctrl-C) still reports them."""
        if self.stats is not None:
            self.stats.set_value("archive/files", [str(path) for path in self.writer.files])

    def _archive(self, request: Request, response: Response) -> RecordLocation:
        exchange = _exchange(request, response)
        if self.revisits is None:
            location = self.writer.write_exchange(exchange, datetime.now(UTC))
        else:
            location, revisit = self.revisits.write(self.writer, exchange)
            if revisit and self.stats is not None:
                self.stats.inc_value("archive/revisits")
                self.stats.inc_value(f"archive/revisits/{response.status}")
        return location

    def spider_closed(self) -> None:
        self.writer.close()
        if self.owned_state is not None:
            self.owned_state.close()
        self._list_files()

    def _count(self, response: Response) -> None:
        if self.stats is None:
            return
        if len(self.writer.files) != len(self.stats.get_value("archive/files", [])):
            self._list_files()
        self.stats.inc_value("archive/records", 2)
        self.stats.inc_value("archive/response_bytes", len(response.body))


def _header_pairs(headers: Headers) -> tuple[tuple[str, str], ...]:
    """Every header value, repeated ones too; latin-1 keeps the wire bytes exactly."""
    pairs: list[tuple[str, str]] = []
    for name, values in headers.items():
        key = _text(name)
        pairs.extend((key, _text(value)) for value in values)
    return tuple(pairs)


def _text(value: Any) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def _exchange(request: Request, response: Response) -> Exchange:
    return Exchange(
        url=response.url,
        method=request.method,
        request_headers=_header_pairs(request.headers),
        request_body=request.body,
        protocol=response.protocol or "HTTP/1.1",
        status=response.status,
        response_headers=_header_pairs(response.headers),
        response_body=response.body,
        ip_address=str(response.ip_address) if response.ip_address else None,
    )
