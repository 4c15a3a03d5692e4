"""What a stopped-then-resumed crawl is checked by: its dataset as record id -> content hash.

Shared by tests/spiders/test_resume_after_kill.py and bench/soak.py (which loads it by path).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from pipelines.ledger import content_hash

KINDS = ("articles", "comments")


def jsonl(path: Path) -> list[dict[str, Any]]:
    """The records of one JSONL file; fails on a torn last line."""
    data = path.read_bytes()
    assert data.endswith(b"\n"), f"{path} ends in a torn line"
    return [json.loads(line) for line in data.splitlines()]


def record_hashes(site: Path) -> dict[str, list[tuple[str, str]]]:
    """kind -> (record id, content hash) of every line, duplicates kept; the id is
    `article_id:id` (a comment id is unique only within its article)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for kind in KINDS:
        path = site / f"{kind}.jsonl"
        records = jsonl(path) if path.exists() else []
        found[kind] = [(f"{r.get('article_id', '')}:{r['id']}", content_hash(r)) for r in records]
    return found


def dataset(site: Path) -> dict[str, dict[str, str]]:
    """kind -> record id -> content hash; fails on a torn line or a duplicated id."""
    found: dict[str, dict[str, str]] = {}
    for kind, pairs in record_hashes(site).items():
        assert not duplicated(pairs), f"duplicated {kind}"
        found[kind] = dict(pairs)
    return found


def duplicated(pairs: list[tuple[str, str]]) -> dict[str, int]:
    """Record ids that occur more than once, with their counts."""
    return {rid: n for rid, n in Counter(rid for rid, _ in pairs).items() if n > 1}
