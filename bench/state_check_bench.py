"""Cost of checking a big state database: the checks `longform crawl` runs before trusting it.

Run: .venv/bin/python bench/state_check_bench.py [--articles 50000] [--comments 50]

Builds a state file the size a long-running archive reaches (urls: every article page, a comment
page per 50 comments and a feed or two; records: every article and comment) with plausible values,
then times each check cold-ish (a fresh connection each time, the file in the page cache, as on a
cron run shortly after the last one): the header and length check, PRAGMA quick_check, PRAGMA
integrity_check (what quick_check leaves out: index contents), the value scan, and the whole
`state_problem`. Not a unit test.
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive.state import StateDB  # noqa: E402
from archive.state_check import state_problem  # noqa: E402
from archive.state_values import value_problem  # noqa: E402


def build(path: Path, articles: int, comments: int) -> None:
    store = StateDB(path)
    db = store.db
    db.execute("BEGIN")
    crawl = "big-20240101T000000Z"
    db.execute("INSERT INTO runs VALUES (?, ?, ?, ?)", (crawl, "2024-01-01T00:00:00Z",
                                                         "2024-01-01T05:00:00Z", "finished"))
    for n in range(articles):
        url = f"https://example.org/archives/2020/{n % 12 + 1:02d}/article-number-{n}-some-long-slug.php"
        aid = hashlib.sha1(url.encode()).hexdigest()[:16]
        pages = list(range(1, comments // 50 + 2))
        for page in pages:
            page_url = url if page == 1 else f"{url}/comment-page-{page}/"
            db.execute("INSERT INTO urls VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", (
                page_url, "2024-01-01T01:02:03.123456Z", 200, f'W/"{n:020x}"', None,
                "sha1:" + "A" * 32, "warc/big-20240101010203000000-00042.warc.gz", n * 100_000, 95_000,
                f"<urn:uuid:{n:08x}-0000-4000-8000-{page:012x}>", "2024-01-01T01:02:03.123456Z", crawl))
        db.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?)", (
            url, comments, "2020-05-01T10:00:00Z", 0, str(pages), str(pages), "2020-05-01T09:00:00Z",
            "2024-01-01T01:02:04Z", "2024-01-01T01:02:04Z", crawl))
        db.execute("INSERT INTO records VALUES (?,?)",
                   (f"article:{aid}", hashlib.sha1(url.encode()).hexdigest()))
        db.executemany("INSERT INTO records VALUES (?,?)", (
            (f"comment:{aid}:{n * comments + c}", hashlib.sha1(f"{n}{c}".encode()).hexdigest())
            for c in range(comments)))
    db.execute("INSERT INTO jsonl_files VALUES ('articles.jsonl', 1), ('comments.jsonl', 1)")
    db.execute("COMMIT")
    store.close()


def timed(label: str, work) -> None:  # type: ignore[no-untyped-def]
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    print(f"  {label:<22} {time.perf_counter() - started:6.2f} s wall, "
          f"{time.process_time() - cpu:6.2f} s CPU  -> {result}")


def pragma(path: Path, name: str):  # type: ignore[no-untyped-def]
    def run():  # type: ignore[no-untyped-def]
        db = sqlite3.connect(path)
        try:
            return db.execute(f"PRAGMA {name}").fetchall()[:1]
        finally:
            db.close()
    return run


def values(path: Path):  # type: ignore[no-untyped-def]
    def run():  # type: ignore[no-untyped-def]
        db = sqlite3.connect(path)
        try:
            return value_problem(db)
        finally:
            db.close()
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--comments", type=int, default=50, help="comments per article")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "state.sqlite"
        started = time.perf_counter()
        build(path, args.articles, args.comments)
        db = sqlite3.connect(path)
        rows = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("urls", "articles", "records")}
        db.close()
        built = time.perf_counter() - started
        print(f"state: {path.stat().st_size / 1e6:,.0f} MB, {rows} (built in {built:.0f} s)")
        path.read_bytes()  # into the page cache, as after the last run
        timed("quick_check", pragma(path, "quick_check"))
        timed("integrity_check", pragma(path, "integrity_check"))
        timed("value scan", values(path))
        timed("state_problem (all)", lambda: state_problem(path, True))


if __name__ == "__main__":
    main()
