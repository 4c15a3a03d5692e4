"""A dataset folder: `articles.jsonl` + `comments.jsonl`, fed through the shared chain.

Crawl (via the Scrapy pipeline) and replay both write through `Dataset`, so they produce the same
records. Appending is idempotent: a record goes to its file only when it is new or its content
changed since the version the file already holds (`pipelines.ledger`); within one crawl, the first
version of a record wins (a comment shown on two URLs of the same page).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from pipelines.chain import RecordChain
from pipelines.jsonl import ARTICLES_FILE, COMMENTS_FILE, JsonlAppender, part_name
from pipelines.ledger import RecordLedger, catch_up
from pipelines.prepared import ARTICLES, PreparedRecord, encode
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
        self.counted: Callable[[str], None] | None = None
        """Told each count as it is made (the crawl's stats), besides `stats`."""
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
        self._enter_crawl(item.provenance.crawl_id if item.provenance else "")
        if isinstance(item, Article):
            return self.chain.article(item, timezone)
        return self.chain.comment(item, timezone)

    def write(self, record: Article | Comment) -> bool:
        """Append a normalized record unless the file holds it unchanged; whether it was appended."""
        return self.append(encode(record, str(self.folder)))

    def write_prepared(self, record: PreparedRecord) -> bool | None:
        """Append a record prepared elsewhere (`pipelines.prepared`, maybe in another process):
        None when this crawl already had it (dropped), else whether it was appended."""
        self._enter_crawl(record.crawl_id)
        if not self.scratch.seen.first_time(record.key):
            self._count("dedupe/dropped")
            return None
        for name in record.counts:
            self._count(name)
        return self.append(record)

    def append(self, record: PreparedRecord) -> bool:
        """Append a record this crawl has not had yet, unless the file holds it unchanged."""
        kind = record.kind
        previous = self.ledger.record_hash(record.key)
        if previous == record.content_hash:
            self._count(f"incremental/{kind}_refetched_unchanged")
            return False
        output = self.articles if kind == ARTICLES else self.comments
        output.write_line(record.line)
        self.ledger.record_written(record.key, kind, record.content_hash, self._crawl_id or "",
                                   output.path.name, output.size())
        self._count(f"dataset/{kind}")
        self._count(f"incremental/{kind}_{'new' if previous is None else 'changed'}")
        return True

    def close(self) -> None:
        try:
            self.ledger.flush()  # a full disk may refuse it: the next run's catch_up redoes it
        finally:
            self.articles.close()
            self.comments.close()
            self.scratch.close()

    def _enter_crawl(self, crawl_id: str) -> None:
        if crawl_id != self._crawl_id:  # in-crawl de-duplication: a replay spans several crawls
            self.chain.seen.clear()
            self._crawl_id = crawl_id

    def _count(self, name: str) -> None:
        self.stats[name] += 1
        if self.counted is not None:
            self.counted(name)
