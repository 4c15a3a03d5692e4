"""State schema 2: an old (schema 1) file still opens with every row, and the ledger costs a third less.

The schema 1 file is written here with schema 1's own statements (as released), not with the
code under test.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
from pathlib import Path

from archive.captures import CaptureStore
from archive.state import SCHEMA_VERSION, StateDB
from pipelines.ledger import StateLedger
from spiders.crawl_state import Runs, Schedule

SCHEMA_1 = """
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
PRAGMA user_version = 1;
"""
URL = "http://127.0.0.1:1/2024/01/post/"
HASH = hashlib.sha1(b"a record", usedforsecurity=False).hexdigest()


def _schema_1_file(path: Path, records: int = 3) -> None:
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA_1)
        db.execute("INSERT INTO runs VALUES ('s-1', '2024-01-01T00:00:00Z', "
                   "'2024-01-01T01:00:00Z', 'finished')")
        db.execute("INSERT INTO urls VALUES (?, '2024-01-01T00:00:01Z', 200, '\"e1\"', NULL, "
                   "'sha1:ABC', 'warc/s-1.warc.gz', 10, 20, '<urn:uuid:1>', "
                   "'2024-01-01T00:00:01Z', 's-1')", (URL,))
        db.execute("INSERT INTO articles VALUES (?, 5, '2024-01-01T00:00:00Z', 0, '[1, 2]', "
                   "'[1, 2, 3]', '2024-01-01', '2024-01-01T00:00:01Z', '2024-01-01T00:00:01Z', 's-1')",
                   (URL,))
        db.executemany("INSERT INTO records VALUES (?, 'comments', ?, 's-1')",
                       [(f"comment:a:{n}", HASH) for n in range(records)])
        db.execute("INSERT INTO jsonl_files VALUES ('comments.jsonl', 1234)")
    db.close()


def test_a_schema_1_file_opens_as_schema_2_with_every_row(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    _schema_1_file(path)
    state = StateDB(path)
    try:
        assert state.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
        assert Runs(state).last_finished_start() == "2024-01-01T00:00:00Z"
        capture = CaptureStore(state).capture(URL)
        assert capture is not None
        assert (capture.etag, capture.payload_digest, capture.warc_file, capture.warc_offset,
                capture.warc_length, capture.warc_record_id) == (
                    '"e1"', "sha1:ABC", "warc/s-1.warc.gz", 10, 20, "<urn:uuid:1>")
        article = Schedule(state).article(URL)
        assert article is not None
        assert (article.comment_count, article.comment_pages, article.comment_pages_linked) == (
            5, [1, 2], [1, 2, 3])
        ledger = StateLedger(state)
        assert ledger.record_hash("comment:a:2") == HASH  # the same hash, as the pipeline compares it
        assert ledger.jsonl_size("comments.jsonl") == 1234
    finally:
        state.close()
    state = StateDB(path)  # opened again: already schema 2, nothing to do
    assert state.count("records") == 3
    state.close()


def test_no_table_keeps_an_index_beside_it(tmp_path: Path) -> None:
    state = StateDB(tmp_path / "state.sqlite")
    indexes = state.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
    state.close()
    assert indexes == []  # WITHOUT ROWID: each text key lives once, in its table's own b-tree


def test_the_ledger_costs_a_third_less_per_record_than_in_schema_1(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    _schema_1_file(old, records=0)
    new = StateDB(tmp_path / "new.sqlite")
    ledger = StateLedger(new)
    rows = [(f"comment:{n % 997:016x}:{40000 + n}", "comments",
             hashlib.sha1(str(n).encode(), usedforsecurity=False).hexdigest(), "bench-20261204T044516Z")
            for n in range(5000)]
    random.Random(15).shuffle(rows)  # keys arrive in no order: article ids are hashes
    with sqlite3.connect(old) as db:
        db.executemany("INSERT INTO records VALUES (?, ?, ?, ?)", rows)
    db.close()
    for key, kind, digest, crawl_id in rows:
        ledger.record_written(key, kind, digest, crawl_id, "comments.jsonl", 1)
    ledger.flush()  # the ledger writes in batches
    new.close()
    # the key stored once (not again in an index beside a rowid table), without kind and crawl id
    assert _ledger_bytes(tmp_path / "new.sqlite") < 0.6 * _ledger_bytes(old)


def _ledger_bytes(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        rows = db.execute("SELECT sum(pgsize) FROM dbstat WHERE name = 'records' "
                          "OR name LIKE 'sqlite_autoindex_records%'").fetchone()
        return int(rows[0])
    finally:
        db.close()
