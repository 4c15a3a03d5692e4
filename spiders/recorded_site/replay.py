"""Answers from a recorded WARC, as the recorded site gave them, for a server on another origin.

Pure: no sockets. `Recording.load` indexes the WARC's responses by URL path + query;
`Recording.answer` replays one: status, headers minus the hop-by-hop ones and those describing the
recorded transfer (Content-Length, Content-Encoding: the server recomputes them), and the body with
Content-Encoding undone, the recorded origin rewritten to the served one (bodies and headers such as
Location and Link, so a crawl stays on the server), and sitemap entries the recording cannot answer
left out (the recording holds a subset of the site; a sitemap listing the rest would send a crawl to
404s).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

import attrs

from archive.reader import ArchivedResponse, iter_responses
from scrapers.http import header_value

# Headers about one connection or one transfer, never about the resource (RFC 9110 7.6.1), plus the
# ones the server recomputes after decoding and rewriting the body.
DROPPED_HEADERS = frozenset({
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
    "te", "trailer", "transfer-encoding", "upgrade", "content-length", "content-encoding",
})
# Media types whose bodies carry URLs as text; anything else is replayed byte for byte.
TEXT_TYPES = re.compile(r"^(text/|application/(?:[\w.+-]*\+)?(?:xml|json|javascript)\b)", re.I)
# A sitemap entry (core and SEO-plugin sitemaps alike) and the URL it lists.
SITEMAP_ENTRY = re.compile(rb"<(url|sitemap)>\s*<loc>([^<]*)</loc>.*?</\1>\s*", re.S)
PERCENT_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")


@attrs.frozen
class Reply:
    """One HTTP answer: status, headers (in order, repeats kept) and the decoded body."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    recorded_encoding: str = ""
    """Content-Encoding the body was recorded with ('' for none); the body here is decoded."""

    def header(self, name: str) -> str | None:
        """The first value of header NAME (case-insensitive), or None."""
        return header_value(self.headers, name)


@attrs.frozen
class Recording:
    """The responses of one WARC by `url_key`, and the origin they were recorded from."""

    origin: str
    """'http://host:port' the recording was made from."""
    replies: dict[str, Reply]

    @classmethod
    def load(cls, warc: Path) -> Recording:
        """Index every response of WARC (the first response of a URL wins, as in the crawl).

        Raises ValueError when the WARC holds no responses or responses from several origins, and
        archive.reader.NotAWarcError (a ValueError) when it is damaged.
        """
        replies: dict[str, Reply] = {}
        origins = set()
        for response in iter_responses(warc):
            origins.add(origin_of(response.url))
            replies.setdefault(url_key(response.url), _reply(response))
        if len(origins) != 1:
            raise ValueError(f"{warc}: expected responses from one origin, found {sorted(origins)}")
        return cls(origin=origins.pop(), replies=replies)

    def answer(self, target: str, served_origin: str) -> Reply | None:
        """The recorded reply to request-target TARGET ('/path?query'), as served from
        SERVED_ORIGIN; None when the recording has no response for it."""
        reply = self.replies.get(url_key(target))
        if reply is None:
            return None
        headers = tuple((k, rewrite(v, self.origin, served_origin)) for k, v in reply.headers)
        body = reply.body
        if TEXT_TYPES.match(reply.header("Content-Type") or ""):
            body = self._known_sitemap_entries(rewrite_bytes(body, self.origin, served_origin),
                                               served_origin)
        return attrs.evolve(reply, headers=headers, body=body)

    def _known_sitemap_entries(self, body: bytes, served_origin: str) -> bytes:
        if b"<urlset" not in body and b"<sitemapindex" not in body:
            return body

        def keep(match: re.Match[bytes]) -> bytes:
            url = html.unescape(match.group(2).decode("utf-8", "replace")).strip()
            known = origin_of(url) == served_origin and url_key(url) in self.replies
            return match.group(0) if known else b""

        return SITEMAP_ENTRY.sub(keep, body)


def _reply(response: ArchivedResponse) -> Reply:
    """An archived response (body already decoded by the reader) as a Reply."""
    kept = tuple((k, v) for k, v in response.headers if k.lower() not in DROPPED_HEADERS)
    return Reply(response.status, kept, response.body, response.content_encoding)


def origin_of(url: str) -> str:
    """'scheme://host:port' of URL.

    >>> origin_of("http://127.0.0.1:8089/archives/x.php?a=1")
    'http://127.0.0.1:8089'
    """
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def url_key(url: str) -> str:
    """Path + query of URL (or of a request-target), percent-escapes upper-cased: what identifies a
    page of one site, however a client spelled its escapes.

    >>> url_key("http://127.0.0.1:8089/archives/%e1%b8%a5x.php?cpage=2")
    '/archives/%E1%B8%A5x.php?cpage=2'
    >>> url_key("/")
    '/'
    """
    parts = urlsplit(url)
    key = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return PERCENT_ESCAPE.sub(lambda m: m.group(0).upper(), key)


def rewrite(text: str, recorded_origin: str, served_origin: str) -> str:
    """TEXT with the recorded origin's host:port replaced by the served one's, in every spelling a
    page uses: plain and JSON-escaped URLs (`http:\\/\\/host:port`) and percent-encoded ones
    (oEmbed links carry `?url=http%3A%2F%2Fhost%3Aport...`).

    >>> rewrite("<http://127.0.0.1:8089/wp-json/>; rel=x", "http://127.0.0.1:8089", "http://127.0.0.1:5000")
    '<http://127.0.0.1:5000/wp-json/>; rel=x'
    >>> rewrite("u=http%3A%2F%2F127.0.0.1%3A8089%2Fa", "http://127.0.0.1:8089", "http://127.0.0.1:5000")
    'u=http%3A%2F%2F127.0.0.1%3A5000%2Fa'
    """
    for before, after in _spellings(recorded_origin, served_origin):
        text = text.replace(before, after)
    return text


def rewrite_bytes(body: bytes, recorded_origin: str, served_origin: str) -> bytes:
    """`rewrite` for a body (any ASCII-compatible encoding)."""
    for before, after in _spellings(recorded_origin, served_origin):
        body = body.replace(before.encode("ascii"), after.encode("ascii"))
    return body


def _spellings(recorded_origin: str, served_origin: str) -> list[tuple[str, str]]:
    old, new = urlsplit(recorded_origin).netloc, urlsplit(served_origin).netloc
    if old == new:
        return []
    # JSON's `\/` sits between scheme and host, so the host:port alone covers it.
    return [(old, new), (old.replace(":", "%3A"), new.replace(":", "%3A")),
            (old.replace(":", "%3a"), new.replace(":", "%3a"))]
