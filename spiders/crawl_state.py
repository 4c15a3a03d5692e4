"""The spiders' rows of the state database: the runs and the article schedule. No Scrapy.

What a crawl remembers to decide what to fetch next time: the runs themselves (`crawl_id`, start,
end, status: a run left "running" was killed, and the next one resumes it) and every article
(stated comment count, newest comment, comments closed, comment pages seen and linked, last check).
Tables `runs` and `articles` of `archive.state`, which owns the file and its connection.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime

import attrs

from archive.state import StateDB, now_iso

RUNNING, FINISHED, FAILED, INTERRUPTED = "running", "finished", "failed", "interrupted"


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


class Runs:
    """Table `runs`: one row per crawl run, started and finished by `spiders.run_lifecycle`."""

    def __init__(self, state: StateDB) -> None:
        self.db = state.db

    def start_run(self, crawl_id: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, NULL, ?)",
                        (crawl_id, now_iso(), RUNNING))

    def finish_run(self, crawl_id: str, status: str) -> None:
        self.db.execute("UPDATE runs SET finished = ?, status = ? WHERE crawl_id = ?",
                        (now_iso(), status, crawl_id))

    def close_interrupted(self, current: str) -> None:
        """Mark the killed runs before `current` as interrupted: `current` finished their work."""
        self.db.execute("UPDATE runs SET status = ? WHERE status = ? AND crawl_id != ?",
                        (INTERRUPTED, RUNNING, current))

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

    def replace_all(self, rows: list[tuple[str, object, object, str]]) -> None:
        """(crawl_id, started, finished, status) rows, as a state rebuild found them."""
        self.db.executemany("INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?)", rows)


class Schedule:
    """Table `articles`: what each article page showed of its thread, and when it was checked."""

    def __init__(self, state: StateDB) -> None:
        self.db = state.db

    def has_history(self) -> bool:
        """True once an earlier run fetched anything: the crawl can be incremental."""
        return self.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None

    def article(self, url: str) -> ArticleState | None:
        row = self.db.execute("SELECT * FROM articles WHERE url = ?", (url,)).fetchone()
        return _article(row) if row else None

    def articles(self) -> Iterator[ArticleState]:
        """Every article, read row by row (not all at once: 50,000 rows are ~20 MB); write
        nothing to the table while iterating."""
        for row in self.db.execute("SELECT * FROM articles"):
            yield _article(row)

    def latest(self, url: str, cached: ArticleState | None) -> ArticleState | None:
        """The article as it stands now, given the copy read at the start: that copy, since this
        run is the only writer (several Redis workers share one: `spiders.redis_schedule`)."""
        return cached

    def save_article(self, state: ArticleState, last_page: int | None = None) -> None:
        """Store `state`; `last_page`: the thread's last comment page, when the page just seen
        showed it (a shared schedule merges page lists, and drops pages past it)."""
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


def _article(row: tuple[object, ...]) -> ArticleState:
    (url, count, newest, closed, pages, linked, published, checked, changed, crawl_id) = row
    return ArticleState(
        url=str(url), comment_count=count if isinstance(count, int) else None,
        newest_comment=newest if isinstance(newest, str) else None, comments_closed=bool(closed),
        comment_pages=json.loads(str(pages)), comment_pages_linked=json.loads(str(linked)),
        published=published if isinstance(published, str) else None,
        last_checked=str(checked), last_changed=str(changed), crawl_id=str(crawl_id))
