"""The scratch ledger of replay and stateless crawls: what the JSONL files hold, kept on disk."""

from __future__ import annotations

import json
from pathlib import Path

from pipelines.ledger import catch_up, content_hash
from pipelines.scratch_ledger import ScratchLedger


def test_it_learns_a_dataset_and_answers_what_each_record_was() -> None:
    ledger = ScratchLedger()
    assert ledger.record_hash("article:1") is None and ledger.jsonl_size("articles.jsonl") == 0
    for n in range(5_002):  # past the batch size: written across several transactions
        ledger.record_written(f"comment:a:{n}", "comments", f"h{n}", "run-1", "comments.jsonl", n)
    assert ledger.record_hash("comment:a:0") == "h0" and ledger.record_hash("comment:a:5001") == "h5001"
    assert ledger.jsonl_size("comments.jsonl") == 5_001  # the size after the last line written
    ledger.record_written("comment:a:0", "comments", "changed", "run-2", "comments.jsonl", 5_002)
    assert ledger.record_hash("comment:a:0") == "changed"  # the latest version is the one compared
    ledger.close()


def test_catch_up_reads_whole_lines_of_a_file_it_has_not_seen(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    records = [{"id": "1", "title": "A", "provenance": {"crawl_id": "run-1"}}, {"id": "2", "title": "B"}]
    whole = "".join(json.dumps(r) + "\n" for r in records)
    path.write_text(whole + '{"id": "3", "ti', "utf-8")  # a torn last line
    ledger = ScratchLedger()
    assert catch_up(ledger, path, "articles") == 2
    assert ledger.record_hash("article:1") == content_hash(records[0])
    assert ledger.record_hash("article:3") is None
    assert ledger.jsonl_size("articles.jsonl") == len(whole.encode())
    assert catch_up(ledger, path, "articles") == 0  # nothing past what it knows
    ledger.close()


def test_first_time_adds_a_key_and_says_whether_it_was_new() -> None:
    seen = ScratchLedger().seen
    assert [seen.first_time(key) for key in ("article:1", "article:1", "comment:1:2")] == [
        True, False, True]
    assert "article:1" in seen and "comment:1:2" in seen
    seen.clear()
    assert seen.first_time("article:1")
