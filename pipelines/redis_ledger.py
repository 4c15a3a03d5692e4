"""The record ledger shared by the workers of a Redis crawl: each record is written once.

Every worker appends to its own JSONL parts; the content hash per record key lives in Redis
(`longform:<site>:records`), so a record another worker already wrote (or, in a rerun, wrote
unchanged) is not written again. The worker's own state keeps what its part files hold (their sizes,
for `catch_up` after a kill). A line is written before its hash is stored: a worker killed between
the two leaves a record that may be written twice, never one that is lost (`longform export` keeps
one version per key).
"""

from __future__ import annotations

from typing import Any

from pipelines.ledger import RecordLedger

_CRAWLER_ATTRIBUTE = "longform_shared_records"


class RedisLedger:
    """Content hashes in a Redis hash; file sizes in the worker's own ledger."""

    def __init__(self, client: Any, key: str, local: RecordLedger) -> None:
        self.client, self.key, self.local = client, key, local

    def record_hash(self, key: str) -> str | None:
        value = self.client.hget(self.key, key)
        return value.decode() if value is not None else None

    def record_written(self, key: str, kind: str, content_hash: str, crawl_id: str,
                       jsonl_name: str, jsonl_size: int) -> None:
        self.local.record_written(key, kind, content_hash, crawl_id, jsonl_name, jsonl_size)
        self.client.hset(self.key, key, content_hash)

    def jsonl_size(self, name: str) -> int:
        return self.local.jsonl_size(name)

    def flush(self) -> None:
        """The worker's own ledger batches its rows (`pipelines.ledger`); Redis has each already."""
        self.local.flush()


def attach(crawler: Any, client: Any, key: str) -> None:
    """Make the crawler's dataset write through the shared ledger at `key` (set by the worker)."""
    setattr(crawler, _CRAWLER_ATTRIBUTE, (client, key))


def shared(crawler: Any, local: RecordLedger) -> RecordLedger:
    """The shared ledger over `local` when the crawler is a Redis worker, else `local`."""
    found = getattr(crawler, _CRAWLER_ATTRIBUTE, None)
    return RedisLedger(found[0], found[1], local) if found else local
