"""A framework-free HTTP response: what every page object reads.

Crawl (Scrapy) and replay (WARC) both build one of these, so extraction never depends on where the
bytes came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

import attrs
from lxml import etree
from lxml import html as lxml_html

from scrapers.charset import decode_html

_EMPTY_DOCUMENT = "<html><body></body></html>"
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


@attrs.define(frozen=True)
class HttpResponse:
    """One HTTP response with its body already content-decoded (no gzip, no chunking)."""

    url: str
    """Final URL of the response (after redirects), with its query string."""
    status: int
    """HTTP status code."""
    headers: tuple[tuple[str, str], ...] = ()
    """Every header as (name, value), in wire order, repeated headers kept."""
    body: bytes = b""
    """Payload bytes after content decoding."""

    def header(self, name: str) -> str | None:
        """First value of header `name` (case-insensitive), or None."""
        return header_value(self.headers, name)

    @property
    def content_type(self) -> str:
        """Media type without parameters, lower case ('' when absent)."""
        return (self.header("Content-Type") or "").split(";")[0].strip().lower()

    @cached_property
    def text(self) -> str:
        """Body decoded with the charset of the BOM, headers or <meta> (browser-like), unless the
        declared charset lies (scrapers/charset.py)."""
        _, text = decode_html(self.header("Content-Type"), self.body)
        return text

    @cached_property
    def tree(self) -> lxml_html.HtmlElement:
        """The body parsed once with lxml; every field extractor shares this tree."""
        text = _XML_DECLARATION.sub("", self.text)
        if not text.strip():
            text = _EMPTY_DOCUMENT
        try:
            return lxml_html.document_fromstring(text, base_url=self.url)
        except etree.ParserError:  # only a comment, a lone '<!', NULs: a page with nothing on it
            return lxml_html.document_fromstring(_EMPTY_DOCUMENT, base_url=self.url)


def header_value(headers: Iterable[tuple[str, str]], name: str) -> str | None:
    """First value of header `name` (case-insensitive) among (name, value) pairs, or None.

    >>> header_value([("ETag", '"a"'), ("etag", '"b"')], "etag")
    '"a"'
    """
    wanted = name.lower()
    return next((value for key, value in headers if key.lower() == wanted), None)
