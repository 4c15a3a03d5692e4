"""The one SQLite file that holds a site's crawl state (`DIR/<site>/state.sqlite`). No Scrapy.

This module owns the file, not its rows: it opens the connection (WAL journal, autocommit), creates
or checks the schema (SQLite's `PRAGMA user_version`) and hands the connection to the run's
components. Each table has one owner that reads and writes it:

- `urls` (captures: validators, payload digest, WARC record pointer): `archive.captures`;
- `runs`, `articles` (the crawl schedule: runs, comment pages seen, last check): `spiders.crawl_state`;
- `records`, `jsonl_files` (the record ledger: what the JSONL files hold): `pipelines.ledger`.

A crawl opens the file once (`spiders.run_lifecycle`) and shares that connection through the
crawler (`attach`, `shared`). One small transaction per write: a killed crawl loses at most the
writes of its in-flight requests.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

STATE_FILE = "state.sqlite"
SCHEMA_VERSION = 2

TABLES = {
    "runs": "crawl_id TEXT PRIMARY KEY, started TEXT NOT NULL, finished TEXT, status TEXT NOT NULL",
    "urls": """url TEXT PRIMARY KEY, fetched_at TEXT NOT NULL, status INTEGER NOT NULL,
    etag TEXT, last_modified TEXT, payload_digest TEXT,
    warc_file TEXT, warc_offset INTEGER, warc_length INTEGER, warc_record_id TEXT, warc_date TEXT,
    crawl_id TEXT NOT NULL""",
    "articles": """url TEXT PRIMARY KEY, comment_count INTEGER, newest_comment TEXT,
    comments_closed INTEGER NOT NULL DEFAULT 0, comment_pages TEXT NOT NULL DEFAULT '[]',
    comment_pages_linked TEXT NOT NULL DEFAULT '[]', published TEXT,
    last_checked TEXT NOT NULL, last_changed TEXT NOT NULL, crawl_id TEXT NOT NULL""",
    "records": "key TEXT PRIMARY KEY, content_hash TEXT NOT NULL",
    "jsonl_files": "name TEXT PRIMARY KEY, size INTEGER NOT NULL",
}
"""Every table's columns. Schema 2 (docs/design-notes.md, "State file size"): WITHOUT ROWID, so a
text primary key is stored once, in the table's own b-tree, not again in an index beside a rowid
table; and the record ledger keeps only key and content hash (schema 1 also kept the kind, which
the key's prefix says, and the crawl id, which the record's JSONL line says and nothing read):
7.6 MB for 48,009 records in schema 1, 40% of it the key's index."""

SCHEMA = "\n".join(f"CREATE TABLE {name} (\n    {columns}\n) WITHOUT ROWID;"
                   for name, columns in TABLES.items())
"""The whole file's schema (version SCHEMA_VERSION): one transaction creates every owner's tables."""

_FROM_1 = {"records": "key, content_hash"}
"""Schema 1 -> 2: the columns each table keeps (all, but for the records' kind and crawl id)."""

_CRAWLER_ATTRIBUTE = "longform_state"


class StateError(Exception):
    """Raised by `StateDB` when the database is from a newer version of the archiver.

    A crawl refuses to start on it (upgrade, or crawl into another --out folder).
    """


def now_iso() -> str:
    """The current UTC time as the state stores it: 'YYYY-MM-DDTHH:MM:SSZ'."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class StateDB:
    """An open state database: the connection every table owner of a run works through."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # isolation_level=None: autocommit, explicit transactions only where several rows go together.
        self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self._migrate()

    @property
    def folder(self) -> Path:
        """The site folder the file lives in (WARC paths in it are relative to this)."""
        return self.path.parent

    def close(self) -> None:
        self.db.close()

    def count(self, table: str) -> int:
        if table not in ("runs", "urls", "articles", "records"):
            raise ValueError(table)
        return int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            self.db.close()
            raise StateError(
                f"{self.path} has state schema {version}, newer than this archiver's "
                f"{SCHEMA_VERSION}; upgrade longform-archiver or use another --out folder"
            )
        if version == 0:  # one transaction: a half-created schema never stays behind
            self.db.executescript(
                f"BEGIN;\n{SCHEMA}\nPRAGMA user_version = {SCHEMA_VERSION};\nCOMMIT;"
            )
        elif version == 1:
            self._from_schema_1()

    def _from_schema_1(self) -> None:
        """Rebuild every table WITHOUT ROWID, in one transaction, then give the space back."""
        steps = ["BEGIN;"]
        for name, columns in TABLES.items():
            steps += [f"CREATE TABLE new_{name} ({columns}) WITHOUT ROWID;",
                      f"INSERT INTO new_{name} SELECT {_FROM_1.get(name, '*')} FROM {name};",
                      f"DROP TABLE {name};", f"ALTER TABLE new_{name} RENAME TO {name};"]
        steps += [f"PRAGMA user_version = {SCHEMA_VERSION};", "COMMIT;"]
        self.db.executescript("\n".join(steps))
        self.db.execute("VACUUM")


def attach(crawler: Any, state: StateDB) -> None:
    """Make `state` the connection of `crawler`'s run (set by the run's owner, before the engine)."""
    setattr(crawler, _CRAWLER_ATTRIBUTE, state)


def shared(crawler: Any) -> StateDB | None:
    """The state connection of `crawler`'s run, or None when the run keeps no state."""
    state = getattr(crawler, _CRAWLER_ATTRIBUTE, None)
    return state if isinstance(state, StateDB) else None
