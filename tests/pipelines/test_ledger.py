"""JSONL across runs: only new or changed records are appended, never a duplicated line."""

from __future__ import annotations

import json
from pathlib import Path

from archive.state import StateDB
from pipelines.chain import article_id
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


def test_the_state_learns_written_records_in_batches_and_a_kill_loses_none(tmp_path: Path) -> None:
    state = StateDB(tmp_path / "state.sqlite")
    dataset = Dataset(tmp_path, StateLedger(state))
    assert dataset.add(_article("A")) and dataset.add(_comment("Hello"))
    # Held back: another connection to the state sees none of it yet; the ledger answers itself.
    other = StateDB(tmp_path / "state.sqlite")
    assert other.count("records") == 0 and StateLedger(other).jsonl_size("comments.jsonl") == 0
    assert dataset.ledger.record_hash(f"article:{article_id(URL)}") is not None
    # Killed here (no close, no flush): the lines are in the files, the state knows nothing.
    del dataset
    state.close()
    again = Dataset(tmp_path, StateLedger(StateDB(tmp_path / "state.sqlite")))
    assert not again.add(_article("A", "run-2"))  # learnt back from the file: unchanged
    assert not again.add(_comment("Hello", "run-2"))
    assert again.add(_comment("Hello, edited", "run-3"))
    again.close()
    assert other.count("records") == 2  # stored: one article, one comment
    assert [c["text"] for c in _lines(tmp_path / "comments.jsonl")] == ["Hello", "Hello, edited"]
    other.close()


def test_a_thousand_records_or_a_second_go_to_the_state_in_one_transaction(tmp_path: Path) -> None:
    from pipelines import ledger as module

    state = StateDB(tmp_path / "state.sqlite")
    ledger = StateLedger(state)
    other = StateDB(tmp_path / "state.sqlite")
    for number in range(module.BATCH_RECORDS - 1):
        ledger.record_written(f"comment:a:{number}", "comments", "h", "run-1", "comments.jsonl", number)
    assert other.count("records") == 0 and ledger.record_hash("comment:a:5") == "h"
    assert ledger.jsonl_size("comments.jsonl") == module.BATCH_RECORDS - 2
    ledger.record_written("comment:a:last", "comments", "h", "run-1", "comments.jsonl", 10_000)
    assert other.count("records") == module.BATCH_RECORDS
    assert StateLedger(other).jsonl_size("comments.jsonl") == 10_000
    ledger._flushed -= module.BATCH_SECONDS  # a second later
    ledger.record_written("comment:a:late", "comments", "h", "run-1", "comments.jsonl", 10_100)
    assert other.count("records") == module.BATCH_RECORDS + 1
    state.close()
    other.close()
