"""Article pages whose records are on their way to the dataset. No selectors.

The state may call a comment page fetched only once its records are in the JSONL files, or a stop
in between loses them for good: the next run trusts the state and never fetches the page again.
A callback cannot tell the state itself: Scrapy (2.13+, asyncio reactor) runs a callback to its end,
queueing what it yields, before the item pipelines write a single record. So the spider registers
each page with its records, and the page is reported done once the pipelines have handled every
one of them (`item_scraped`: written, or already in the dataset unchanged).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pipelines.scrapy_pipeline import AlreadyInRun
from scrapers.items import ArticlePage


class PendingPages:
    """Pages waiting for their records; `done(page)` runs when the last one has been written."""

    def __init__(self, done: Callable[[ArticlePage], None]) -> None:
        self.done = done
        self._left: dict[int, tuple[ArticlePage, dict[int, object]]] = {}
        """id(page) -> (page, id(record) -> record not yet written)."""
        self._page_of: dict[int, int] = {}
        """id(record) -> id(page); `_left` holds the record, so its id is not reused meanwhile."""

    def add(self, page: ArticlePage, records: Iterable[object]) -> None:
        """Register `page` before its records are yielded (a pipeline may write them at once)."""
        waiting = list(records)
        if not waiting:
            self.done(page)
            return
        self._left[id(page)] = (page, {id(record): record for record in waiting})
        for record in waiting:
            self._page_of[id(record)] = id(page)

    def item_scraped(self, item: Any, **_: Any) -> None:
        """Scrapy signal: the pipelines handled `item`."""
        key = self._page_of.pop(id(item), None)
        if key is None:
            return
        page, left = self._left[key]
        del left[id(item)]
        if not left:
            del self._left[key]
            self.done(page)

    def item_dropped(self, item: Any, exception: BaseException | None = None, **_: Any) -> None:
        """Scrapy signal: a record already written in this run counts as written; any other drop
        (the disk is full) leaves the page unfinished."""
        if isinstance(exception, AlreadyInRun):
            self.item_scraped(item)
        else:
            self.item_failed(item)

    def item_failed(self, item: Any, **_: Any) -> None:
        """Scrapy signal (item dropped or a pipeline error): the page stays unfinished in the state,
        so a later run fetches it again."""
        key = self._page_of.pop(id(item), None)
        if key is None:
            return
        left = self._left.pop(key)[1]
        for record_id in left:
            self._page_of.pop(record_id, None)

    def __len__(self) -> int:
        return len(self._left)
