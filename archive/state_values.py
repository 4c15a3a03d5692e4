"""Are the state's values the kind this archiver writes? A plausibility scan of every row. No Scrapy.

SQLite keeps no checksum of a page's content: `PRAGMA quick_check` finds damaged structure
(pages, b-trees, record headers) but not bytes changed inside a stored value. Every value the
archiver writes has a narrow shape (URLs printable ASCII, as Scrapy escapes them; dates ISO 8601
UTC; digests base32 or hex; record ids uuids; counts integers), so a damaged value usually no
longer has it. What a site chooses (ETags, comment ids) need only be valid UTF-8: damage there
would otherwise stop the crawl later, when Python decodes it. One Python function per table, called
from SQL once per row (about 2 µs a row; numbers in docs/reliability.md).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

Check = Callable[[object], bool]

_DATE = re.compile(rb"[12]\d{3}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-6]\d(\.\d{1,9})?Z")
_DAY = re.compile(rb"[12]\d{3}-[01]\d-[0-3]\d")
_URL = re.compile(rb"https?://[!-~]+")
_PAGES = re.compile(rb"\[(\d+(, \d+)*)?\]")
_DIGEST = re.compile(rb"sha1:[A-Z2-7]{32}")
_RECORD_ID = re.compile(rb"<urn:uuid:[0-9a-f-]{36}>")
_WARC_FILE = re.compile(rb"[ -~]+\.warc(\.gz)?")
_KEY = re.compile(rb"(article|comment):[0-9a-f]{16}(:.+)?", re.DOTALL)
_HASH = re.compile(rb"[0-9a-f]{40}")
_JSONL = re.compile(rb"(articles|comments)(\.[A-Za-z0-9][A-Za-z0-9-]{0,62})?\.jsonl")
"""A dataset file, or a Redis worker's part of one (`articles.<worker id>.jsonl`)."""


def _text(pattern: re.Pattern[bytes]) -> Check:
    return lambda value: isinstance(value, bytes) and pattern.fullmatch(value) is not None


def _utf8(value: object) -> bool:
    if not isinstance(value, bytes):
        return False
    if value.isascii():
        return True
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _int(low: int, high: int | None = None) -> Check:
    return lambda value: isinstance(value, int) and value >= low and (high is None or value <= high)


def _one_of(*allowed: bytes | int) -> Check:
    return lambda value: value in allowed


def _nullable(check: Check) -> Check:
    return lambda value: value is None or check(value)


def _day_or_date(value: object) -> bool:
    return isinstance(value, bytes) and (_DATE.fullmatch(value) or _DAY.fullmatch(value)) is not None


_DATE_CHECK = _text(_DATE)
RULES: dict[str, dict[str, Check]] = {
    "runs": {"crawl_id": _utf8, "started": _DATE_CHECK, "finished": _nullable(_DATE_CHECK),
             "status": _one_of(b"running", b"finished", b"failed", b"interrupted")},
    "urls": {"url": _text(_URL), "fetched_at": _DATE_CHECK, "status": _int(100, 599),
             "etag": _nullable(_utf8), "last_modified": _nullable(_utf8),
             "payload_digest": _nullable(_text(_DIGEST)), "warc_file": _nullable(_text(_WARC_FILE)),
             "warc_offset": _nullable(_int(0)), "warc_length": _nullable(_int(1)),
             "warc_record_id": _nullable(_text(_RECORD_ID)), "warc_date": _nullable(_DATE_CHECK),
             "crawl_id": _utf8},
    "articles": {"url": _text(_URL), "comment_count": _nullable(_int(0)),
                 "newest_comment": _nullable(_day_or_date), "comments_closed": _one_of(0, 1),
                 "comment_pages": _text(_PAGES), "comment_pages_linked": _text(_PAGES),
                 "published": _nullable(_day_or_date), "last_checked": _DATE_CHECK,
                 "last_changed": _DATE_CHECK, "crawl_id": _utf8},
    "records": {"key": _text(_KEY), "content_hash": _text(_HASH)},
    "jsonl_files": {"name": _text(_JSONL), "size": _int(0)},
}
"""Table -> column -> what every value of it must be (text columns arrive as bytes)."""
INTEGER_COLUMNS = frozenset({("urls", "status"), ("urls", "warc_offset"), ("urls", "warc_length"),
                             ("articles", "comment_count"), ("articles", "comments_closed"),
                             ("jsonl_files", "size")})


def value_problem(db: sqlite3.Connection) -> str | None:
    """The first table with implausible rows and how many, or None."""
    for table, checks in RULES.items():
        bad = _count_bad(db, table, checks)
        if bad:
            return f"is damaged ({bad} row(s) of table {table} hold values no crawl writes)"
    return None


def _count_bad(db: sqlite3.Connection, table: str, checks: dict[str, Check]) -> int:
    rules = list(checks.values())

    def row_ok(*values: object) -> bool:
        for check, value in zip(rules, values, strict=True):
            if not check(value):
                return False
        return True

    db.create_function(f"ok_{table}", len(rules), row_ok, deterministic=True)
    # Text as bytes: a damaged value may not even be UTF-8, which Python's str would refuse.
    columns = ", ".join(c if (table, c) in INTEGER_COLUMNS else f"CAST({c} AS BLOB)" for c in checks)
    query = f"SELECT count(*) FROM {table} WHERE NOT ok_{table}({columns})"  # noqa: S608
    return int(db.execute(query).fetchone()[0])
