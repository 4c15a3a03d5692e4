"""A dataset folder: `articles.jsonl` + `comments.jsonl`, fed through the shared chain.

Crawl (via the Scrapy pipeline) and replay both write through `Dataset`, so they produce the same
records. Appending is idempotent: a record goes to its file only when it is new or its content
changed since the version the file already holds (`pipelines.ledger`); within one crawl, the first
version of a record wins (a comment shown on two URLs of the same page).
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from pathlib import Path

import attrs

from pipelines.chain import RecordChain
from pipelines.jsonl import ARTICLES_FILE, COMMENTS_FILE, JsonlAppender, part_name
from pipelines.ledger import RecordLedger, catch_up, content_hash, record_key
from pipelines.scratch_ledger import ScratchLedger
from scrapers.items import Article, Comment

logger = logging.getLogger(__name__)

class Dataset:
    """Writes normalized records of one site into a folder."""

    def __init__(self, folder: Path, ledger: RecordLedger | None = None, part: str = "") -> None:
        """`part`: a Redis worker's id; its records go to `articles.<part>.jsonl`, ... (one
        dataset with the other workers' parts, `pipelines.jsonl.part_files`)."""
        self.folder = folder
        self.stats: Counter[str] = Counter()
        # Keys seen in this crawl, and (without a state database) the records written: on disk.
        self.scratch = ScratchLedger()
        self.chain = RecordChain(self._count, self.scratch.seen)
        self.articles = JsonlAppender(folder / part_name(ARTICLES_FILE, part))  # cuts a torn tail
        self.comments = JsonlAppender(folder / part_name(COMMENTS_FILE, part))
        self.ledger: RecordLedger = ledger if ledger is not None else self.scratch
        catch_up(self.ledger, self.articles.path, "articles")
        catch_up(self.ledger, self.comments.path, "comments")
        self._crawl_id: str | None = None

    def add(self, item: Article | Comment, timezone: str = "UTC") -> bool:
        """Run `item` through the chain and append it; False when it was a duplicate or unchanged."""
        record = self.normalize(item, timezone)
        return record is not None and self.write(record)

    def normalize(self, item: Article | Comment, timezone: str = "UTC") -> Article | Comment | None:
        """`item` through the chain: the record as `write` appends it, or None when this crawl
        already had it (a comment shown on two URLs of the same page)."""
        crawl_id = item.provenance.crawl_id if item.provenance else ""
        if crawl_id != self._crawl_id:  # in-crawl de-duplication: a replay spans several crawls
            self.chain.seen.clear()
            self._crawl_id = crawl_id
        if isinstance(item, Article):
            return self.chain.article(item, timezone)
        return self.chain.comment(item, timezone)

    def write(self, record: Article | Comment) -> bool:
        """Append a normalized record unless the file holds it unchanged; whether it was appended."""
        if isinstance(record, Article):
            return self._write(self.articles, record, "articles")
        return self._write(self.comments, record, "comments")

    def close(self) -> None:
        self.articles.close()
        self.comments.close()
        self.scratch.close()

    def _write(self, output: JsonlAppender, item: Article | Comment, kind: str) -> bool:
        record = attrs.asdict(item)
        provenance = record.get("provenance")
        if provenance and provenance["warc_file"]:
            # Relative to the JSONL folder, so a dataset moved with its WARCs stays valid.
            provenance["warc_file"] = os.path.relpath(provenance["warc_file"], self.folder)
        key, digest = record_key(kind, record), content_hash(record)
        previous = self.ledger.record_hash(key)
        if previous == digest:
            self._count(f"incremental/{kind}_refetched_unchanged")
            return False
        output.write(record)
        self.ledger.record_written(key, kind, digest, self._crawl_id or "", output.path.name,
                                   output.size())
        self._count(f"dataset/{kind}")
        self._count(f"incremental/{kind}_{'new' if previous is None else 'changed'}")
        return True

    def _count(self, name: str) -> None:
        self.stats[name] += 1
