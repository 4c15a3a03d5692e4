"""From one archived HTTP response to records: page object + provenance (crawl and replay)."""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, version

from archive.writer import RecordLocation
from pipelines.chain import RecordChain
from scrapers.http import HttpResponse
from scrapers.items import Article, ArticlePage, Comment, Provenance
from scrapers.profile import SiteProfile
from scrapers.router import is_article_page, page_object_for


@cache  # reading package metadata costs ~1 ms, once per page otherwise
def software() -> str:
    """'longform-archiver/<version>' as recorded in provenance and warcinfo."""
    try:
        return f"longform-archiver/{version('longform-archiver')}"
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "longform-archiver/unknown"


def derive_page(
    response: HttpResponse, location: RecordLocation, profile: SiteProfile | None, crawl_id: str,
    truncated: str | None = None,
) -> ArticlePage | None:
    """The article page extracted from `response`, stamped with provenance; None if no article.
    `truncated` says why the body is not all there (None: it is), and goes into the provenance."""
    if response.status != 200 or not is_article_page(response):
        return None
    page_class = page_object_for(response, profile)
    page = page_class(response, profile).to_item()
    provenance = Provenance(
        warc_file=location.warc_file,
        warc_offset=location.offset,
        warc_length=location.length,
        warc_record_id=location.record_id,
        target_uri=location.target_uri,
        warc_date=location.warc_date,
        payload_digest=location.payload_digest,
        extractor=page_class.__name__,
        software=software(),
        crawl_id=crawl_id,
        truncated=truncated is not None,
        truncated_reason=truncated,
    )
    records: list[Article | Comment] = [page.article, *page.comments]
    for record in records:
        record.fetched_at = location.warc_date
        record.provenance = provenance
    return page


def extract_file(body: bytes, url: str, profile: SiteProfile | None) -> ArticlePage | None:
    """Extract one saved page (for `longform extract`): no WARC, so no provenance. None when the
    page is not an article (a listing, static page, search): the crawl writes no record for it."""
    response = HttpResponse(url=url, status=200, body=body,
                            headers=(("Content-Type", "text/html"),))
    if not is_article_page(response):
        return None
    page_class = page_object_for(response, profile)
    return page_class(response, profile).to_item()


def normalized(page: ArticlePage, profile: SiteProfile | None, fetched_at: str = "") -> ArticlePage:
    """`page` as the crawl's chain leaves it: ids, normalized fields (`authors`, `published`,
    comment `author`, ...) in the profile's zone, relative dates read against `fetched_at` (the
    crawl's WARC-Date), a comment shown twice on the page kept once. Provenance stays empty."""
    chain = RecordChain(lambda _stat: None)  # no crawl stats to count into
    timezone = profile.timezone if profile is not None else "UTC"
    records: list[Article | Comment] = [page.article, *page.comments]
    for record in records:
        record.fetched_at = fetched_at
    chain.article(page.article, timezone)
    page.comments = [c for c in page.comments if chain.comment(c, timezone) is not None]
    return page
