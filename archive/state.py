"""Crawl state of one site in an embedded SQLite database (`DIR/<site>/state.sqlite`). No Scrapy.

What it remembers across runs: the runs themselves (`crawl_id`, start, end, status), every URL
fetched (status, validators, payload digest, the WARC record of its latest full capture), every
article (stated comment count, newest comment, comments closed, comment pages seen, last check)
and every record appended to the JSONL files (a content hash, so a later run appends only new or
changed records). WAL journal and one small transaction per write: a killed crawl loses at most
the writes of its in-flight requests. The schema version is SQLite's `PRAGMA user_version`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import attrs

STATE_FILE = "state.sqlite"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE runs (
    crawl_id TEXT PRIMARY KEY, started TEXT NOT NULL, finished TEXT, status TEXT NOT NULL
);
CREATE TABLE urls (
    url TEXT PRIMARY KEY, fetched_at TEXT NOT NULL, status INTEGER NOT NULL,
    etag TEXT, last_modified TEXT, payload_digest TEXT,
    warc_file TEXT, warc_offset INTEGER, warc_length INTEGER, warc_record_id TEXT, warc_date TEXT,
    crawl_id TEXT NOT NULL
);
CREATE TABLE articles (
    url TEXT PRIMARY KEY, comment_count INTEGER, newest_comment TEXT,
    comments_closed INTEGER NOT NULL DEFAULT 0, comment_pages TEXT NOT NULL DEFAULT '[]',
    comment_pages_linked TEXT NOT NULL DEFAULT '[]', published TEXT,
    last_checked TEXT NOT NULL, last_changed TEXT NOT NULL, crawl_id TEXT NOT NULL
);
CREATE TABLE records (
    key TEXT PRIMARY KEY, kind TEXT NOT NULL, content_hash TEXT NOT NULL, crawl_id TEXT NOT NULL
);
CREATE TABLE jsonl_files (name TEXT PRIMARY KEY, size INTEGER NOT NULL);
"""

RUNNING, FINISHED, FAILED = "running", "finished", "failed"


class StateError(Exception):
    """Raised by `StateStore` when the database is from a newer version of the archiver.

    The CLI reports it as a usage error (upgrade, or crawl into another --out folder).
    """


@attrs.define(frozen=True)
class Capture:
    """What the state knows of a URL: validators and its latest full capture (not a revisit)."""

    url: str
    fetched_at: str
    status: int
    etag: str | None
    last_modified: str | None
    payload_digest: str | None
    warc_record_id: str | None
    warc_date: str | None
    crawl_id: str
    warc_file: str | None = None
    """The WARC file, relative to the state database's folder."""
    warc_offset: int | None = None
    warc_length: int | None = None


@attrs.define
class ArticleState:
    """What the state knows of an article's comment thread."""

    url: str
    comment_count: int | None = None
    newest_comment: str | None = None
    comments_closed: bool = False
    comment_pages: list[int] = attrs.field(factory=list)
    """Comment pages fetched (1 = the permalink's page when it does not say)."""
    comment_pages_linked: list[int] = attrs.field(factory=list)
    """Comment pages the article links to: more than `comment_pages` when a crawl was cut short."""
    published: str | None = None
    last_checked: str = ""
    last_changed: str = ""
    crawl_id: str = ""


def now_iso() -> str:
    """The current UTC time as the state stores it: 'YYYY-MM-DDTHH:MM:SSZ'."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class StateStore:
    """One site's state database; every method commits its own small transaction."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # isolation_level=None: autocommit, explicit transactions only where several rows go together.
        self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self._migrate()

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StateError(
                f"{self.path} has state schema {version}, newer than this archiver's "
                f"{SCHEMA_VERSION}; upgrade longform-archiver or use another --out folder"
            )
        if version == 0:  # one transaction: a half-created schema never stays behind
            self.db.executescript(
                f"BEGIN;\n{_SCHEMA}\nPRAGMA user_version = {SCHEMA_VERSION};\nCOMMIT;"
            )

    # runs

    def start_run(self, crawl_id: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, NULL, ?)",
                        (crawl_id, now_iso(), RUNNING))

    def finish_run(self, crawl_id: str, status: str) -> None:
        self.db.execute("UPDATE runs SET finished = ?, status = ? WHERE crawl_id = ?",
                        (now_iso(), status, crawl_id))

    def close_interrupted(self, current: str) -> None:
        """Mark the killed runs before `current` as interrupted: `current` finished their work."""
        self.db.execute("UPDATE runs SET status = 'interrupted' WHERE status = ? AND crawl_id != ?",
                        (RUNNING, current))

    def has_history(self) -> bool:
        """True once an earlier run fetched anything: the crawl can be incremental."""
        return self.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None

    def unfinished_runs(self, current: str) -> list[str]:
        """Runs other than `current` that never finished (killed): the next run resumes them."""
        rows = self.db.execute("SELECT crawl_id FROM runs WHERE status = ? AND crawl_id != ?",
                               (RUNNING, current))
        return [row[0] for row in rows]

    def unfinished_since(self, current: str) -> float | None:
        """Start (epoch seconds) of the oldest run other than `current` that never finished."""
        row = self.db.execute("SELECT min(started) FROM runs WHERE status = ? AND crawl_id != ?",
                              (RUNNING, current)).fetchone()
        if not row or not row[0]:
            return None
        return datetime.fromisoformat(str(row[0]).replace("Z", "+00:00")).timestamp()

    def last_finished_start(self) -> str | None:
        """When the newest finished run started (changes after that are new to us)."""
        row = self.db.execute("SELECT max(started) FROM runs WHERE status = ?", (FINISHED,)).fetchone()
        return row[0] if row else None

    # urls

    def capture(self, url: str) -> Capture | None:
        row = self.db.execute(
            "SELECT url, fetched_at, status, etag, last_modified, payload_digest, warc_record_id, "
            "warc_date, crawl_id, warc_file, warc_offset, warc_length FROM urls WHERE url = ?",
            (url,)).fetchone()
        return Capture(*row) if row else None

    def record_capture(self, capture: Capture) -> None:
        """A full capture: validators and WARC pointers replace the previous ones."""
        self.db.execute(
            "INSERT OR REPLACE INTO urls VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (capture.url, capture.fetched_at, capture.status, capture.etag, capture.last_modified,
             capture.payload_digest, capture.warc_file, capture.warc_offset, capture.warc_length,
             capture.warc_record_id, capture.warc_date, capture.crawl_id))

    def record_revisit(self, url: str, fetched_at: str, status: int, crawl_id: str) -> None:
        """A revisit: the URL was seen again, but the latest full capture stays the one referred to."""
        self.db.execute("UPDATE urls SET fetched_at = ?, status = ?, crawl_id = ? WHERE url = ?",
                        (fetched_at, status, crawl_id, url))

    def fetched_in(self, crawl_ids: Iterable[str]) -> set[str]:
        ids = list(crawl_ids)
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(f"SELECT url FROM urls WHERE crawl_id IN ({marks})", ids)  # noqa: S608
        return {row[0] for row in rows}

    # articles

    def article(self, url: str) -> ArticleState | None:
        row = self.db.execute("SELECT * FROM articles WHERE url = ?", (url,)).fetchone()
        return _article(row) if row else None

    def articles(self) -> Iterator[ArticleState]:
        for row in self.db.execute("SELECT * FROM articles").fetchall():
            yield _article(row)

    def save_article(self, state: ArticleState) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (state.url, state.comment_count, state.newest_comment, int(state.comments_closed),
             json.dumps(sorted(set(state.comment_pages))),
             json.dumps(sorted(set(state.comment_pages_linked))), state.published,
             state.last_checked, state.last_changed, state.crawl_id))

    def forget_article(self, url: str) -> None:
        """The records of a page of this article were not written (disk full): the article is
        new again, so the next run fetches all its pages whole (appending only what is missing)."""
        self.db.execute("DELETE FROM articles WHERE url = ?", (url,))

    # records

    def record_hash(self, key: str) -> str | None:
        row = self.db.execute("SELECT content_hash FROM records WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def record_written(self, key: str, kind: str, content_hash: str, crawl_id: str,
                       jsonl_name: str, jsonl_size: int) -> None:
        """The record's line is in the JSONL file, which is now `jsonl_size` bytes long."""
        self.db.execute("BEGIN")
        self.db.execute("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?)",
                        (key, kind, content_hash, crawl_id))
        self.db.execute("INSERT OR REPLACE INTO jsonl_files VALUES (?, ?)", (jsonl_name, jsonl_size))
        self.db.execute("COMMIT")

    def jsonl_size(self, name: str) -> int:
        row = self.db.execute("SELECT size FROM jsonl_files WHERE name = ?", (name,)).fetchone()
        return int(row[0]) if row else 0

    def count(self, table: str) -> int:
        if table not in ("runs", "urls", "articles", "records"):
            raise ValueError(table)
        return int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608


def _article(row: tuple[object, ...]) -> ArticleState:
    (url, count, newest, closed, pages, linked, published, checked, changed, crawl_id) = row
    return ArticleState(
        url=str(url), comment_count=count if isinstance(count, int) else None,
        newest_comment=newest if isinstance(newest, str) else None, comments_closed=bool(closed),
        comment_pages=json.loads(str(pages)), comment_pages_linked=json.loads(str(linked)),
        published=published if isinstance(published, str) else None,
        last_checked=str(checked), last_changed=str(changed), crawl_id=str(crawl_id))
