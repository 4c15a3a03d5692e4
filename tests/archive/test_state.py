"""The state file: created whole, refused when newer, one connection shared by a run's components."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from archive.state import SCHEMA_VERSION, StateDB, StateError, attach, shared


def test_a_new_file_gets_every_owners_tables_and_the_schema_version(tmp_path: Path) -> None:
    state = StateDB(tmp_path / "site" / "state.sqlite")  # the site folder is made if needed
    assert state.folder == tmp_path / "site"
    assert {state.count(table) for table in ("runs", "urls", "articles", "records")} == {0}
    state.close()
    with sqlite3.connect(tmp_path / "site" / "state.sqlite") as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == {"runs", "urls", "articles", "records", "jsonl_files"}
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_a_file_from_a_newer_archiver_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StateError, match="newer than this archiver's .*upgrade longform-archiver"):
        StateDB(path)


def test_count_names_only_known_tables(tmp_path: Path) -> None:
    state = StateDB(tmp_path / "state.sqlite")
    with pytest.raises(ValueError):
        state.count("runs; DROP TABLE urls")
    state.close()


def test_a_run_shares_one_connection_through_its_crawler(tmp_path: Path) -> None:
    crawler = get_crawler()
    assert shared(crawler) is None  # a crawl without state
    state = StateDB(tmp_path / "state.sqlite")
    attach(crawler, state)
    assert shared(crawler) is state
    state.close()
