"""Read only the captures of chosen URLs out of a WARC: responses, and identical-payload revisits
that name the earlier record holding their body (warcio only).

A first pass of replay reads what it needs before the pages (the REST API's comments); the bodies
of every other record are skipped unread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from archive.reader import NotAWarcError, decoded_body, warcinfo_fields
from archive.records import REVISIT_IDENTICAL


@attrs.define(frozen=True)
class Capture:
    """One capture of a chosen URL; a revisit has no body and names the record that has it."""

    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    """The content-decoded body; None for an identical-payload revisit."""
    body_uri: str
    """WARC-Target-URI of the record holding the body (the revisit's Refers-To-Target-URI)."""
    body_date: str
    """WARC-Date of the record holding the body (the revisit's Refers-To-Date)."""
    crawl_id: str
    """`crawl-id` of the file's warcinfo record ('' when absent)."""


def iter_captures(path: Path, wanted: Callable[[str], bool]) -> Iterator[Capture]:
    """Every response and identical-payload revisit of `path` whose target URI is `wanted`.

    Raises NotAWarcError when the file is not a WARC (or is damaged before its first record).
    """
    with open(path, "rb") as stream:
        crawl_id = ""
        try:
            for record in ArchiveIterator(stream, arc2warc=True):
                headers = record.rec_headers
                if record.rec_type == "warcinfo":
                    crawl_id = warcinfo_fields(record).get("crawl-id", "")
                    continue
                url = headers.get_header("WARC-Target-URI") or ""
                if record.rec_type not in ("response", "revisit") or record.http_headers is None \
                        or not wanted(url):
                    continue
                status = int(record.http_headers.get_statuscode() or 0)
                if record.rec_type == "response":
                    body, http = decoded_body(record)
                    yield Capture(url, status, http, body, url, headers.get_header("WARC-Date"),
                                  crawl_id)
                elif record.rec_type == "revisit" and headers.get_header("WARC-Profile") == REVISIT_IDENTICAL:
                    yield Capture(url, status, tuple(record.http_headers.headers), None,
                                  headers.get_header("WARC-Refers-To-Target-URI") or url,
                                  headers.get_header("WARC-Refers-To-Date") or "", crawl_id)
        except ArchiveLoadFailed as error:
            raise NotAWarcError(f"{path}: not a readable WARC file ({error})") from error
