"""Read only the captures of chosen URLs out of a WARC: responses, and identical-payload revisits
that name the earlier record holding their body (`archive.warc_scan`: going on after damage).

A first pass of replay reads what it needs before the pages (the REST API's comments); the bodies
of every other record are skipped unread.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path

import attrs

from archive.reader import warcinfo_block_fields
from archive.records import REVISIT_IDENTICAL
from archive.warc_scan import Damage, Found, scan


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
    """Every intact response and identical-payload revisit of `path` whose target URI is `wanted`.

    Damaged records are passed over here: the pass that reads the pages reports them.
    """
    return captures_in(scan(path), wanted)


def captures_in(items: Iterable[Found | Damage], wanted: Callable[[str], bool], crawl_id: str = ""
                ) -> Generator[Capture, None, str]:
    """`iter_captures` over items of `archive.warc_scan.scan` (maybe a part of a file, where the
    warcinfo in force names `crawl_id`); returns the crawl id in force after the last item."""
    for item in items:
        if isinstance(item, Damage) or item.record.problems:
            continue
        record = item.record
        if record.rec_type == "warcinfo":
            crawl_id = warcinfo_block_fields(record.block).get("crawl-id", "")
            continue
        url = record.target_uri
        if record.rec_type not in ("response", "revisit") or record.http is None or not wanted(url):
            continue
        status = int(record.http.get_statuscode() or 0)
        if record.rec_type == "response":
            body, _ = record.body()
            headers = tuple((k, v) for k, v in record.http.headers
                            if k.lower() not in ("content-encoding", "transfer-encoding"))
            yield Capture(url, status, headers, body, url, record.header("WARC-Date"), crawl_id)
        elif record.header("WARC-Profile").endswith(IDENTICAL_SUFFIX):  # any version's profile URI
            yield Capture(url, status, tuple(record.http.headers), None,
                          _unbracket(record.header("WARC-Refers-To-Target-URI")) or url,
                          record.header("WARC-Refers-To-Date"), crawl_id)
    return crawl_id


IDENTICAL_SUFFIX = REVISIT_IDENTICAL.rpartition("/revisit")[2]


def _unbracket(uri: str) -> str:
    return uri[1:-1] if uri.startswith("<") and uri.endswith(">") else uri
