"""Is a site's state database sound? Checked before a crawl trusts it. No Scrapy.

A crawl decides from the state what not to fetch again, so a damaged state must stop it rather
than be half-trusted: `state_problem` names what is wrong (None when the file is sound), and the
crawl command prints it with the fix, `longform rebuild-state`, which rebuilds the state from the
WARCs and JSONL files. Checks, cheapest first: the SQLite header, the file's length against the
page count the header states, SQLite's own `PRAGMA quick_check` (every page and b-tree, no index
cross-check: see docs/reliability.md for its cost), the tables and columns this archiver expects,
then the shape of every value (`archive.state_values`: SQLite has no checksum of a value).
Leftover `-wal` and `-journal` files are SQLite's business: a `-wal` left by a killed crawl holds
committed writes that SQLite replays on open, and one that is not a valid log for this file is
ignored by SQLite, as is a rollback journal next to a WAL-mode database.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from archive.state import SCHEMA
from archive.state_values import value_problem

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


class StateDamaged(Exception):
    """Raised by `ensure_sound` when the state database is damaged or lost; the crawl command
    prints it as one line (with the fix) and exits 1 without crawling."""


def state_problem(path: Path, archive_exists: bool) -> str | None:
    """What is wrong with the state database at `path`, or None when it can be trusted.

    `archive_exists`: earlier runs left WARC or JSONL files beside it; then a missing or empty
    state file is a lost one, not the first run's.
    """
    if not path.exists() or path.stat().st_size == 0:
        return "is missing although earlier runs left WARC and JSONL files" if archive_exists else None
    with open(path, "rb") as stream:
        header = stream.read(HEADER_SIZE)
    if not header.startswith(SQLITE_MAGIC):
        return "is not an SQLite database"
    problem = _length_problem(header, path.stat().st_size) or _sqlite_problem(path)
    return _one_line(problem) if problem else None


def _one_line(text: str, limit: int = 240) -> str:
    """SQLite's own messages may span lines and quote damaged bytes: one short line of them."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def ensure_sound(path: Path, archive_exists: bool, site_folder: Path, full: bool = False) -> None:
    """Raise StateDamaged (one line: the file, what is wrong, the command that fixes it).

    `full`: the crawl fetches everything again, so a missing state is no loss (a damaged one still
    is: it would be opened and written to).
    """
    problem = state_problem(path, archive_exists and not full)
    if problem:
        alternative = " (or crawl with --full to fetch everything again)" if not path.exists() else ""
        raise StateDamaged(
            f"the crawl state {path} {problem}; nothing was crawled. Run `longform rebuild-state "
            f"{site_folder}` to rebuild it from the WARC and JSONL files{alternative}, then crawl again"
        )


def _length_problem(header: bytes, size: int) -> str | None:
    """A file shorter than the page count its header states, or a partial page: truncated."""
    if len(header) < HEADER_SIZE:
        return f"is truncated ({size} bytes, shorter than its header)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The header's page count is valid only when it was written with the current change counter.
    valid = header[92:96] == header[24:28] and pages > 0
    if page_size < 512 or page_size & (page_size - 1):
        return f"has a damaged header (page size {page_size})"
    if size % page_size or (valid and size < pages * page_size):
        expected = f"{pages * page_size} bytes" if valid else f"a multiple of {page_size} bytes"
        return f"is truncated ({size} bytes, expected {expected})"
    return None


def _sqlite_problem(path: Path) -> str | None:
    """SQLite's quick_check and the expected tables and columns, or the error opening it."""
    try:
        db = sqlite3.connect(path, isolation_level=None, timeout=30)
    except sqlite3.Error as error:
        return f"cannot be opened ({error})"
    # Damage can put invalid UTF-8 in text (in quick_check's own messages too): read it, not raise.
    db.text_factory = lambda raw: raw.decode("utf-8", "replace")
    try:
        rows = db.execute("PRAGMA quick_check(3)").fetchall()
        if [row[0] for row in rows] != ["ok"]:
            return "is damaged (SQLite quick_check: " + "; ".join(str(r[0]) for r in rows) + ")"
        return _schema_problem(db) or value_problem(db)
    except sqlite3.Error as error:  # DatabaseError: 'file is not a database', 'malformed'
        return f"is damaged ({error})"
    except UnicodeDecodeError:  # SQLite's error message quoted damaged bytes
        return "is damaged (its schema is unreadable)"
    finally:
        db.close()


def _schema_problem(db: sqlite3.Connection) -> str | None:
    """Tables or columns missing (a newer schema is `StateDB`'s to report)."""
    if db.execute("PRAGMA user_version").fetchone()[0] == 0:
        return "has no state schema (it is not this archiver's state file)"
    expected = _columns(_reference())
    found = _columns(db)
    for table, columns in expected.items():
        missing = sorted(set(columns) - set(found.get(table, [])))
        if missing:
            return f"lacks table {table}" if table not in found else \
                f"lacks column(s) {', '.join(missing)} of table {table}"
    return None


def _reference() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    return db


def _columns(db: sqlite3.Connection) -> dict[str, list[str]]:
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: [row[1] for row in db.execute(f"PRAGMA table_info({t})")] for t in tables}  # noqa: S608
