"""What a dataset remembers while it writes, on disk: memory stays flat however many records pass.

Replay of a large archive (and a crawl without a state database) must know every record key it
has written, and every key it has seen in the current crawl, to never write a line twice. Kept
in Python dicts that cost ~0.4 KB per record (28 MiB for 67,200 records, docs/benchmarks.md);
here they live in SQLite's private temporary database (`sqlite3.connect("")`: on disk, deleted
when the connection closes, a page cache of a few MB).
"""

from __future__ import annotations

import sqlite3

_SCHEMA = """
CREATE TABLE records (key TEXT PRIMARY KEY, content_hash TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE files (name TEXT PRIMARY KEY, size INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE seen (key TEXT PRIMARY KEY) WITHOUT ROWID;
"""


class ScratchLedger:
    """A `pipelines.ledger.RecordLedger` plus the in-crawl set of keys seen, in a temporary file."""

    def __init__(self) -> None:
        # Temporary and private: no journal or fsync is worth paying for.
        self.db = sqlite3.connect("", isolation_level=None)
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        self.seen = SeenKeys(self.db)
        # One open transaction, ended every few thousand writes: a commit per statement (file
        # locks taken and released) would cost more than the lookups themselves.
        self.db.execute("BEGIN")
        self.writes = 0

    def record_hash(self, key: str) -> str | None:
        row = self.db.execute("SELECT content_hash FROM records WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def record_written(self, key: str, kind: str, content_hash: str, crawl_id: str,
                       jsonl_name: str, jsonl_size: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO records VALUES (?, ?)", (key, content_hash))
        self.db.execute("INSERT OR REPLACE INTO files VALUES (?, ?)", (jsonl_name, jsonl_size))
        self.writes += 1
        if self.writes % 5000 == 0:
            self.db.execute("COMMIT")
            self.db.execute("BEGIN")

    def jsonl_size(self, name: str) -> int:
        row = self.db.execute("SELECT size FROM files WHERE name = ?", (name,)).fetchone()
        return int(row[0]) if row else 0

    def flush(self) -> None:
        """Nothing to store: the scratch ledger lives only as long as its dataset."""

    def close(self) -> None:
        self.db.close()


class SeenKeys:
    """The set of record keys seen in the current crawl (`in`, `add`, `clear`), in the ledger's file.

    >>> keys = ScratchLedger().seen
    >>> keys.add("article:1"); "article:1" in keys, "article:2" in keys
    (True, False)
    >>> keys.clear(); "article:1" in keys
    False
    """

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __contains__(self, key: object) -> bool:
        return self.db.execute("SELECT 1 FROM seen WHERE key = ?", (key,)).fetchone() is not None

    def add(self, key: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO seen VALUES (?)", (key,))

    def first_time(self, key: str) -> bool:
        """Add `key`; whether it was new (one statement where `in` then `add` take two)."""
        return self.db.execute("INSERT OR IGNORE INTO seen VALUES (?)", (key,)).rowcount == 1

    def clear(self) -> None:
        self.db.execute("DELETE FROM seen")
