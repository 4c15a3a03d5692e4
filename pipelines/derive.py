"""From one archived HTTP response to records: page object + provenance (crawl and replay)."""

from __future__ import annotations

import re
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import attrs

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


_BINARY_BYTE = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
"""WHATWG MIME sniffing's binary data bytes: text (HTML included) never holds them."""
_UTF16_BOMS = (b"\xfe\xff", b"\xff\xfe")
_TAG = re.compile(rb"<(?:[!/?]?[a-zA-Z]|!--)")


class NotHtml(ValueError):
    """A saved file that is not an HTML page: binary data, or text without a single tag."""


def looks_like_html(body: bytes) -> bool:
    """Markup, not binary data or plain text: no binary data byte in the first KiB (as WHATWG MIME
    sniffing tells text from binary; UTF-16 with its BOM is text) and at least one tag.

    >>> [looks_like_html(b) for b in (b"<p>Hi</p>", b"", b"plain words", b"\\x89PNG\\r\\n\\x1a\\n<p>")]
    [True, False, False, False]
    """
    if body.startswith(_UTF16_BOMS):
        return True  # its NUL bytes are halves of characters
    return _BINARY_BYTE.search(body, 0, 1024) is None and _TAG.search(body) is not None


def extract_file(body: bytes, url: str, profile: SiteProfile | None) -> ArticlePage | None:
    """Extract one saved page (for `longform extract`): no WARC, so no provenance. None when the
    page is not an article (a listing, static page, search): the crawl writes no record for it.
    Raises NotHtml for binary data or text without markup (read as HTML, its text would make an
    empty article)."""
    if not looks_like_html(body):
        raise NotHtml("not an HTML page (binary data, or text without markup)")
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


def page_records(page: ArticlePage) -> dict[str, Any]:
    """`page` as JSON values, only what the crawl writes: {"article": ..., "comments": [...]}, each
    a record of articles.jsonl / comments.jsonl (a page's links and post id are for the spider).
    A fetch time that is not known is null, not an empty string."""
    article = attrs.asdict(page.article)
    comments = [attrs.asdict(comment) for comment in page.comments]
    for record in (article, *comments):
        record["fetched_at"] = record["fetched_at"] or None
    return {"article": article, "comments": comments}
