"""A dataset folder: `articles.jsonl` + `comments.jsonl`, fed through the shared chain.

Crawl (via the Scrapy pipeline) and replay both write through `Dataset`, so they produce the same
records. Appending is idempotent: ids already in the files are not written again.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from pathlib import Path

import attrs

from pipelines.chain import RecordChain
from pipelines.jsonl import JsonlAppender, read_jsonl
from scrapers.items import Article, Comment

logger = logging.getLogger(__name__)

ARTICLES_FILE = "articles.jsonl"
COMMENTS_FILE = "comments.jsonl"


class Dataset:
    """Writes normalized records of one site into a folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.stats: Counter[str] = Counter()
        self.chain = RecordChain(self._count, _ids_already_written(folder))
        self.articles = JsonlAppender(folder / ARTICLES_FILE)
        self.comments = JsonlAppender(folder / COMMENTS_FILE)

    def add(self, item: Article | Comment, timezone: str = "UTC") -> bool:
        """Run `item` through the chain and append it; False when it was a duplicate."""
        if isinstance(item, Article):
            article = self.chain.article(item, timezone)
            return article is not None and self._write(self.articles, article, "articles")
        comment = self.chain.comment(item, timezone)
        return comment is not None and self._write(self.comments, comment, "comments")

    def close(self) -> None:
        self.articles.close()
        self.comments.close()

    def _write(self, output: JsonlAppender, item: Article | Comment, kind: str) -> bool:
        record = attrs.asdict(item)
        provenance = record.get("provenance")
        if provenance and provenance["warc_file"]:
            # Relative to the JSONL folder, so a dataset moved with its WARCs stays valid.
            provenance["warc_file"] = os.path.relpath(provenance["warc_file"], self.folder)
        output.write(record)
        self._count(f"dataset/{kind}")
        return True

    def _count(self, name: str) -> None:
        self.stats[name] += 1


def _ids_already_written(folder: Path) -> set[str]:
    seen: set[str] = set()
    articles, comments = folder / ARTICLES_FILE, folder / COMMENTS_FILE
    if articles.exists():
        seen.update(f"article:{r['id']}" for r in read_jsonl(articles))
    if comments.exists():
        seen.update(f"comment:{r['article_id']}:{r['id']}" for r in read_jsonl(comments))
    return seen


