"""The REST API's comments per crawl and post, on disk: what `cross_check` fills pages from.

Crawl and replay fill a page from the same thing: every archived answer of
`/wp/v2/comments?post=N` of the page's crawl, in archive order, the first copy of a comment
winning. The crawl adds answers as they arrive; replay adds them in a first pass over the WARCs.
An identical-payload revisit (a later crawl got the same bytes) adds no comments of its own:
it names the capture holding them. Kept in SQLite's private temporary database, so memory stays
flat however many comments a site has.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

import attrs

from scrapers.rest_comments import RestComment

_SCHEMA = """
CREATE TABLE answers (crawl_id TEXT NOT NULL, post_id INTEGER NOT NULL, capture TEXT NOT NULL);
CREATE INDEX answers_post ON answers (crawl_id, post_id);
CREATE TABLE comments (capture TEXT NOT NULL, comment_id TEXT NOT NULL, data TEXT NOT NULL,
                       PRIMARY KEY (capture, comment_id)) WITHOUT ROWID;
"""


class RestCommentStore:
    """Archived REST comment answers by (crawl id, post id); `capture` names the WARC record
    holding an answer's body (target URI + WARC-Date)."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("", isolation_level=None)  # temporary: deleted on close
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)

    def add(self, crawl_id: str, post_id: int, capture: str,
            comments: Iterable[RestComment] | None) -> None:
        """One answer of the post's comments; `comments` None for a revisit of `capture`."""
        self.db.execute("INSERT INTO answers VALUES (?, ?, ?)", (crawl_id, post_id, capture))
        rows = [(capture, c.id, json.dumps(attrs.astuple(c))) for c in comments or ()]
        self.db.executemany("INSERT OR IGNORE INTO comments VALUES (?, ?, ?)", rows)

    def comments(self, crawl_id: str, post_id: int) -> dict[str, RestComment]:
        """The post's comments by id, from the crawl's answers in the order they were added."""
        found: dict[str, RestComment] = {}
        rows = self.db.execute(
            "SELECT c.comment_id, c.data FROM answers a JOIN comments c ON c.capture = a.capture "
            "WHERE a.crawl_id = ? AND a.post_id = ? ORDER BY a.rowid", (crawl_id, post_id))
        for comment_id, data in rows:
            if comment_id not in found:
                found[comment_id] = RestComment(*json.loads(data))
        return found

    def close(self) -> None:
        self.db.close()


def capture_key(target_uri: str, warc_date: str) -> str:
    """The key of the WARC record holding an answer's body.

    >>> capture_key("http://e.org/wp-json/wp/v2/comments?post=1", "2026-01-01T00:00:00Z")
    '2026-01-01T00:00:00Z http://e.org/wp-json/wp/v2/comments?post=1'
    """
    return f"{warc_date} {target_uri}"
