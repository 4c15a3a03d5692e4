"""One page's extraction as a job for a worker process: response in, page and prepared records out.

Pure and picklable both ways (no Scrapy here): the crawl's process sends the archived response,
a worker (`pipelines.extract_pool`) parses, extracts, normalizes and encodes, and sends back the
page (the spider still decides from it what to fetch next) with its records ready to append.
"""

from __future__ import annotations

import signal
from typing import NamedTuple

from archive.writer import RecordLocation
from pipelines.crosscheck import wants_cross_check
from pipelines.derive import derive_page
from pipelines.prepared import PreparedRecord, prepare_page
from pipelines.worker_process import die_with_parent
from scrapers.http import HttpResponse
from scrapers.items import ArticlePage
from scrapers.profile import SiteProfile


class ExtractJob(NamedTuple):
    """An archived article response and what its records need (crawl id, dataset folder)."""

    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    location: RecordLocation
    profile: SiteProfile
    crawl_id: str
    folder: str


class Extracted(NamedTuple):
    """The page (None: not an article) and its records, normalized and encoded. The comments of
    a page held for the REST API's copy are not prepared: they change once the copy is in."""

    page: ArticlePage | None
    records: list[PreparedRecord]


def extract(job: ExtractJob) -> Extracted:
    """Derive the page of `job` and prepare its records (the article first, then its comments)."""
    response = HttpResponse(job.url, job.status, job.headers, job.body)
    page = derive_page(response, job.location, job.profile, job.crawl_id)
    if page is None:
        return Extracted(None, [])
    held = page.post_id is not None and wants_cross_check(page, job.profile)
    return Extracted(page, prepare_page(page, job.profile.timezone, job.folder,
                                        with_comments=not held))


def start_worker(parent: int) -> None:
    """Worker initializer: Ctrl-C and SIGTERM (sent to the whole process group) are the crawl's
    to handle (a graceful stop lets the pages in flight finish), and a worker never outlives the
    process that started it (a SIGKILLed crawl)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    die_with_parent(parent)


def ping() -> int:
    """A no-op job: submitted when the pool opens, so workers start while discovery runs."""
    return 0
