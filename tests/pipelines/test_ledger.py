"""JSONL across runs: only new or changed records are appended, never a duplicated line."""

from __future__ import annotations

import json
from pathlib import Path

from archive.state import StateDB
from pipelines.dataset import Dataset
from pipelines.ledger import StateLedger
from scrapers.items import Article, Comment, Provenance

URL = "http://127.0.0.1/archives/2024/01/a.php"


def _article(title: str, crawl_id: str = "run-1", fetched_at: str = "2026-01-01T00:00:00Z") -> Article:
    return Article(url=URL, site="s", title=title, text="Body text here.", fetched_at=fetched_at,
                   provenance=Provenance(warc_file="", warc_offset=0, warc_length=1,
                                         warc_record_id="<urn:uuid:1>", target_uri=URL,
                                         warc_date=fetched_at, crawl_id=crawl_id))


def _comment(text: str, crawl_id: str = "run-1") -> Comment:
    return Comment(id="7", article_url=URL, text=text, fetched_at="2026-01-01T00:00:00Z",
                   provenance=Provenance(crawl_id=crawl_id))


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_an_unchanged_record_fetched_again_adds_no_line_and_a_changed_one_does(tmp_path: Path) -> None:
    store = StateLedger(StateDB(tmp_path / "state.sqlite"))
    first = Dataset(tmp_path, store)
    assert first.add(_article("Title")) and first.add(_comment("Hello"))
    first.close()
    second = Dataset(tmp_path, store)
    # A later fetch: new fetched_at and provenance, same content.
    assert not second.add(_article("Title", "run-2", "2026-02-01T00:00:00Z"))
    assert not second.add(_comment("Hello", "run-2"))
    assert not second.add(_article("Title, edited", "run-2"))  # within a crawl the first one wins
    assert second.add(_article("Title, edited", "run-3"))
    second.close()
    assert [a["title"] for a in _lines(tmp_path / "articles.jsonl")] == ["Title", "Title, edited"]
    assert len(_lines(tmp_path / "comments.jsonl")) == 1
    assert second.stats["incremental/articles_refetched_unchanged"] == 1
    assert second.stats["incremental/articles_changed"] == 1
    assert second.stats["incremental/comments_refetched_unchanged"] == 1
    assert first.stats["incremental/articles_new"] == first.stats["incremental/comments_new"] == 1


def test_a_line_written_just_before_a_kill_is_not_written_again(tmp_path: Path) -> None:
    store = StateLedger(StateDB(tmp_path / "state.sqlite"))
    dataset = Dataset(tmp_path, store)
    dataset.add(_article("Title"))
    dataset.close()
    # Killed after the line reached the file but before the state learnt of it.
    scratch = Dataset(tmp_path / "scratch")  # the line exactly as the dataset writes it
    scratch.add(_article("Title, edited", "run-2"))
    scratch.close()
    line = (tmp_path / "scratch" / "articles.jsonl").read_bytes()
    with open(tmp_path / "articles.jsonl", "ab") as stream:
        stream.write(line + b'{"torn": ')
    again = Dataset(tmp_path, store)
    assert not again.add(_article("Title, edited", "run-2"))
    again.close()
    assert [a["title"] for a in _lines(tmp_path / "articles.jsonl")] == ["Title", "Title, edited"]


def test_replay_of_several_runs_keeps_each_version_once(tmp_path: Path) -> None:
    dataset = Dataset(tmp_path)  # no state: replay's in-memory ledger
    for crawl_id, title in (("run-1", "A"), ("run-1", "A"), ("run-2", "A"), ("run-3", "B")):
        dataset.add(_article(title, crawl_id))
    dataset.close()
    assert [a["title"] for a in _lines(tmp_path / "articles.jsonl")] == ["A", "B"]
