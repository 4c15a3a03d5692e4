"""The article schedule and the last finished crawl shared by Redis workers
(`spiders.redis_schedule`), on a real private redis-server (tests/redis_server.py) and real
SQLite state files, one per worker."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from archive.state import StateDB
from spiders.crawl_state import ArticleState, Schedule
from spiders.redis_crawl import finish_crawl, join_crawl
from spiders.redis_keys import SiteKeys
from spiders.redis_schedule import RedisSchedule, SharedRuns

URL = "http://127.0.0.1:9/a-post/"




@pytest.fixture
def keys(request: pytest.FixtureRequest) -> SiteKeys:
    return SiteKeys(request.node.name.replace("[", "-").strip("]"))


def _worker(client: Any, keys: SiteKeys, folder: Path, name: str,
            crawl_id: str = "crawl-2") -> RedisSchedule:
    return RedisSchedule(StateDB(folder / f"state.{name}.sqlite"), client, keys.schedule, crawl_id)


def _local_pages(folder: Path, name: str) -> list[str]:
    with sqlite3.connect(folder / f"state.{name}.sqlite") as db:
        return [row[0] for row in db.execute("SELECT comment_pages FROM articles WHERE url = ?", (URL,))]


def test_an_article_one_worker_saved_is_known_to_the_other_and_kept_in_its_own_state(
    client: Any, keys: SiteKeys, tmp_path: Path
) -> None:
    a, b = _worker(client, keys, tmp_path, "a"), _worker(client, keys, tmp_path, "b")
    assert not a.has_history() and b.article(URL) is None
    a.save_article(ArticleState(URL, comment_count=3, comment_pages=[1], comment_pages_linked=[1, 2],
                                last_checked="2026-12-01T00:00:00Z", crawl_id="crawl-1"))
    seen = b.article(URL)
    assert seen is not None and (seen.comment_count, seen.comment_pages_linked) == (3, [1, 2])
    assert [state.url for state in b.articles()] == [URL]
    assert b.has_history()  # crawl-1 saved it: crawl-2 is incremental
    assert not _worker(client, keys, tmp_path, "c", crawl_id="crawl-1").has_history()
    assert _local_pages(tmp_path, "a") == ["[1]"] and _local_pages(tmp_path, "b") == []


def test_pages_two_workers_saw_at_once_are_both_kept(client: Any, keys: SiteKeys, tmp_path: Path) -> None:
    a, b = _worker(client, keys, tmp_path, "a"), _worker(client, keys, tmp_path, "b")
    stale = b.latest(URL, None)  # b read the article before a saved it
    assert stale is None
    a.save_article(ArticleState(URL, comment_pages=[1, 2], comment_pages_linked=[1, 2, 3],
                                newest_comment="2026-12-02", last_checked="2026-12-03T00:00:00Z"))
    mine = ArticleState(URL, comment_pages=[3], comment_pages_linked=[2, 3],
                        newest_comment="2026-11-30", last_checked="2026-12-02T00:00:00Z")
    b.save_article(mine)
    assert (mine.comment_pages, mine.comment_pages_linked) == ([1, 2, 3], [1, 2, 3])
    assert (mine.newest_comment, mine.last_checked) == ("2026-12-02", "2026-12-03T00:00:00Z")
    assert _local_pages(tmp_path, "b") == ["[1, 2, 3]"]  # the merged state, in b's own file too
    cached = ArticleState(URL)
    assert b.latest(URL, cached) is cached and cached.comment_pages == [1, 2, 3]


def test_pages_past_the_last_one_are_dropped_and_a_forgotten_article_is_gone(
    client: Any, keys: SiteKeys, tmp_path: Path
) -> None:
    a, b = _worker(client, keys, tmp_path, "a"), _worker(client, keys, tmp_path, "b")
    a.save_article(ArticleState(URL, comment_pages=[1, 2, 3], comment_pages_linked=[1, 2, 3]))
    shrunk = ArticleState(URL, comment_pages=[2], comment_pages_linked=[1, 2])
    b.save_article(shrunk, last_page=2)  # comments were deleted: page 2 is the last now
    assert (shrunk.comment_pages, shrunk.comment_pages_linked) == ([1, 2], [1, 2])
    b.forget_article(URL)
    assert a.article(URL) is None and _local_pages(tmp_path, "b") == []
    empty = ArticleState(URL)  # empty lists survive Lua's cjson (which writes [] as {})
    a.save_article(empty)
    found = b.article(URL)
    assert found is not None and found.comment_pages == [] and found.comment_pages_linked == []


def test_what_is_not_an_article_in_redis_is_no_article(client: Any, keys: SiteKeys, tmp_path: Path) -> None:
    client.hset(keys.schedule, mapping={URL: b"\x80not json", "u2": b'{"url": 3}',
                                        "u3": b'{"url": "u3", "comment_pages": "1"}'})
    schedule = _worker(client, keys, tmp_path, "a")
    assert schedule.article(URL) is None and schedule.article("u2") is None
    found = [state.url for state in schedule.articles()]
    assert found == ["u3"] and schedule.article("u3") == ArticleState("u3")


def test_the_last_finished_crawl_is_the_sites_whichever_worker_ran(
    client: Any, keys: SiteKeys, tmp_path: Path
) -> None:
    runs = SharedRuns(StateDB(tmp_path / "state.a.sqlite"), client, keys.last_finished_start)
    assert runs.last_finished_start() is None
    join_crawl(client, keys, "crawl-1", "2026-12-01T10:00:00Z")
    assert runs.last_finished_start() is None  # running, not finished
    finish_crawl(client, keys, "crawl-1", "2026-12-01T11:00:00Z")
    assert runs.last_finished_start() == "2026-12-01T10:00:00Z"
    assert join_crawl(client, keys, "crawl-2", "2026-12-02T10:00:00Z") == ("crawl-2", True)
    finish_crawl(client, keys, "crawl-2", "2026-12-02T11:00:00Z")
    finish_crawl(client, keys, "crawl-1", "2026-12-02T12:00:00Z")  # a late worker of crawl-1
    assert runs.last_finished_start() == "2026-12-02T10:00:00Z"
    assert Schedule(StateDB(tmp_path / "state.a.sqlite")).article(URL) is None
