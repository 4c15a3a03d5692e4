"""Which records a dataset already holds, by content: JSONL files get only new or changed records.

A record's content hash leaves out `fetched_at` and `provenance` (they change on every fetch), so
an article fetched again with the same text, title, dates, tags and comment count adds no line.
It also leaves out a comment's placement (`comment_page`, `position`): one new comment shifts the
positions of every comment shown after it (all of a page when the thread is ordered newest
first), and appending each shifted comment again would re-copy busy threads on every run. A line
keeps the placement of the capture its version was first written from.
The crawl keeps the hashes in the site's state database (`StateLedger`: tables `records` and
`jsonl_files` of `archive.state`, owned here); replay and crawls without state use
`pipelines.scratch_ledger.ScratchLedger`, a temporary file filled from the JSONL files, so memory
does not grow with the dataset.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any, Protocol

from archive.state import StateDB

VOLATILE = ("fetched_at", "provenance", "comment_page", "position")
ADDED_LATER = ("sources", "disagreements")
"""Fields added after datasets existed: hashed only when they hold something, so the first run
after an upgrade does not append every known comment again as 'changed'."""


class RecordLedger(Protocol):
    """Content hash per record key; told after each line is written (and the file's new size)."""

    def record_hash(self, key: str) -> str | None: ...

    def record_written(self, key: str, kind: str, content_hash: str, crawl_id: str,
                       jsonl_name: str, jsonl_size: int) -> None: ...

    def jsonl_size(self, name: str) -> int: ...

    def flush(self) -> None:
        """Store what `record_written` was told and may still hold back."""


BATCH_RECORDS = 1000
BATCH_SECONDS = 1.0


class StateLedger:
    """The record ledger in the site's state database (tables `records`, `jsonl_files`).

    Writes are batched: rows wait in memory (and answer `record_hash` from there) until 1,000
    records or a second have passed, then go in one transaction, with the files' sizes. A kill
    loses the rows held back, never a line: their lines are in the JSONL past the size the
    state knows, and `catch_up` reads them back on the next start.
    """

    def __init__(self, state: StateDB) -> None:
        self.db = state.db
        self._records: dict[str, tuple[str, str, str, str]] = {}
        self._sizes: dict[str, int] = {}
        self._flushed = time.monotonic()

    def record_hash(self, key: str) -> str | None:
        held = self._records.get(key)
        if held is not None:
            return held[2]
        row = self.db.execute("SELECT content_hash FROM records WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def record_written(self, key: str, kind: str, content_hash: str, crawl_id: str,
                       jsonl_name: str, jsonl_size: int) -> None:
        """The record's line is in the JSONL file, which is now `jsonl_size` bytes long."""
        self._records[key] = (key, kind, content_hash, crawl_id)
        self._sizes[jsonl_name] = jsonl_size
        if (len(self._records) >= BATCH_RECORDS
                or time.monotonic() - self._flushed >= BATCH_SECONDS):
            self.flush()

    def jsonl_size(self, name: str) -> int:
        if name in self._sizes:
            return self._sizes[name]
        row = self.db.execute("SELECT size FROM jsonl_files WHERE name = ?", (name,)).fetchone()
        return int(row[0]) if row else 0

    def flush(self) -> None:
        """The rows held back, and the files' sizes they go with, in one transaction."""
        self._flushed = time.monotonic()
        if not self._sizes:
            return
        self.db.execute("BEGIN")
        try:
            self.db.executemany("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?)",
                                self._records.values())
            self.db.executemany("INSERT OR REPLACE INTO jsonl_files VALUES (?, ?)",
                                self._sizes.items())
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")  # kept in memory: a later flush tries again
            raise
        self._records.clear()
        self._sizes.clear()


def record_key(kind: str, record: dict[str, Any]) -> str:
    """'article:<id>' or 'comment:<article_id>:<id>' (comment ids are unique per site only)."""
    if kind == "articles":
        return f"article:{record['id']}"
    return f"comment:{record['article_id']}:{record['id']}"


def content_hash(record: dict[str, Any]) -> str:
    """sha1 of the record's canonical JSON without fetched_at and provenance.

    >>> content_hash({"id": "1", "fetched_at": "a"}) == content_hash({"id": "1", "fetched_at": "b"})
    True
    >>> content_hash({"id": "1", "sources": {}}) == content_hash({"id": "1"})
    True
    """
    kept = {key: value for key, value in record.items()
            if key not in VOLATILE and not (key in ADDED_LATER and not value)}
    text = json.dumps(kept, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def catch_up(ledger: RecordLedger, path: Path, kind: str) -> int:
    """Teach `ledger` the lines of `path` past the size it knows (written just before a kill, or
    all of them for a fresh scratch ledger); the number of lines learnt."""
    known = ledger.jsonl_size(path.name)
    if not path.exists() or path.stat().st_size <= known:
        return 0
    learnt = 0
    size = known
    with open(path, "rb") as stream:
        stream.seek(known)
        for line in stream:
            if not line.endswith(b"\n"):
                break  # a torn last line: the appender cuts it
            size += len(line)
            record = json.loads(line)
            provenance = record.get("provenance") or {}
            ledger.record_written(record_key(kind, record), kind, content_hash(record),
                                  provenance.get("crawl_id", ""), path.name, size)
            learnt += 1
    ledger.flush()
    return learnt
