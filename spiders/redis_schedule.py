"""The article schedule and the runs' history shared by the workers of a Redis crawl.

What an incremental rerun decides with must be the site's, not one worker's: which articles are
known (so a rerun re-checks them, conditionally, instead of fetching them whole as new), which of
their comment pages were fetched, and when the last finished crawl started (the change signals ask
the site what changed since). The article schedule lives in the hash `longform:<site>:articles`
(article URL -> JSON), the last finished crawl's start in `longform:<site>:last_finished_start`
(set by `spiders.redis_crawl.finish_crawl`). Every save also goes to the worker's own state file,
so `state.<worker>.sqlite` stays whole.

Two workers often update one article at the same moment (its comment pages are fetched in
parallel): a save is merged in Redis by a Lua script (page lists united, the newest comment and the
last check the later of both), and the policy starts each update from the shared copy (`latest`).
Values are JSON, never pickles.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import attrs

from archive.state import StateDB
from spiders.crawl_state import ArticleState, Runs, Schedule
from spiders.redis_keys import SiteKeys, url_object

_CRAWLER_ATTRIBUTE = "longform_shared_schedule"

_MERGE = """
local new = cjson.decode(ARGV[2])
local last = tonumber(ARGV[3])
local raw = redis.call('HGET', KEYS[1], ARGV[1])
local old = raw and cjson.decode(raw) or {}
local function union(a, b)
  local seen, out = {}, {}
  local lists = {a, b}
  for i = 1, 2 do  -- not ipairs: it stops at a missing (nil) a
    local list = lists[i]
    if type(list) == 'table' then
      for _, n in pairs(list) do  -- pairs: cjson reads an empty list back as an empty object
        if type(n) == 'number' and not seen[n] and (not last or n <= last) then
          seen[n] = true
          out[#out + 1] = n
        end
      end
    end
  end
  table.sort(out)
  return out
end
new.comment_pages = union(old.comment_pages, new.comment_pages)
new.comment_pages_linked = union(old.comment_pages_linked, new.comment_pages_linked)
for _, field in ipairs({'newest_comment', 'last_checked'}) do
  if type(old[field]) == 'string' and (type(new[field]) ~= 'string' or old[field] > new[field]) then
    new[field] = old[field]
  end
end
local text = cjson.encode(new)
redis.call('HSET', KEYS[1], ARGV[1], text)
return text
"""
"""KEYS: the schedule hash; ARGV: url, the state as JSON, the thread's last page ('' unknown)."""


class RedisSchedule(Schedule):
    """The article schedule in Redis (read and merged there), copied into the worker's own state."""

    def __init__(self, state: StateDB, client: Any, key: str, crawl_id: str) -> None:
        super().__init__(state)
        self.client, self.key, self.crawl_id = client, key, crawl_id

    def has_history(self) -> bool:
        """An earlier crawl of the site (by any worker) saved an article: the crawl is incremental.
        Articles saved by this crawl's other workers do not count."""
        for _, raw in self.client.hscan_iter(self.key, count=500):
            state = _parse(raw)
            if state is not None and state.crawl_id != self.crawl_id:
                return True
        return False

    def article(self, url: str) -> ArticleState | None:
        return _parse(self.client.hget(self.key, url))

    def articles(self) -> Iterator[ArticleState]:
        for _, raw in self.client.hscan_iter(self.key, count=1000):
            state = _parse(raw)
            if state is not None:
                yield state

    def latest(self, url: str, cached: ArticleState | None) -> ArticleState | None:
        """The shared copy (another worker may have saved the article since), into `cached`."""
        found = self.article(url)
        if found is None or cached is None:
            return found or cached
        _copy(found, cached)
        return cached

    def save_article(self, state: ArticleState, last_page: int | None = None) -> None:
        """Merge `state` into the shared copy; `state` becomes the merged one, and so is copied
        into the worker's own state file."""
        text = json.dumps(attrs.asdict(state), separators=(",", ":"))
        merged = _parse(self.client.eval(_MERGE, 1, self.key, state.url, text,
                                         "" if last_page is None else str(last_page)))
        if merged is not None:
            _copy(merged, state)
        super().save_article(state)

    def forget_article(self, url: str) -> None:
        self.client.hdel(self.key, url)
        super().forget_article(url)


class SharedRuns(Runs):
    """The worker's own runs, but the last finished crawl is the site's (any worker's)."""

    def __init__(self, state: StateDB, client: Any, key: str) -> None:
        super().__init__(state)
        self.client, self.key = client, key

    def last_finished_start(self) -> str | None:
        value = self.client.get(self.key)
        return value.decode() if value is not None else None


def attach(crawler: Any, client: Any, keys: SiteKeys, crawl_id: str) -> None:
    """Make the crawler's spider keep its schedule in Redis (set by the worker, before the engine)."""
    setattr(crawler, _CRAWLER_ATTRIBUTE, (client, keys, crawl_id))


def schedule_and_runs(crawler: Any, state: StateDB) -> tuple[Schedule, Runs]:
    """The shared schedule and runs when the crawler is a Redis worker, else the state's own."""
    found = getattr(crawler, _CRAWLER_ATTRIBUTE, None)
    if not found:
        return Schedule(state), Runs(state)
    client, keys, crawl_id = found
    return (RedisSchedule(state, client, keys.schedule, crawl_id),
            SharedRuns(state, client, keys.last_finished_start))


_FIELDS = {field.name: field for field in attrs.fields(ArticleState)}


def _parse(raw: bytes | str | None) -> ArticleState | None:
    """An article's JSON as stored by `_MERGE`; None when there is none or it is not one."""
    data = url_object(raw)
    if data is None:
        return None
    values = {name: data[name] for name in _FIELDS if name in data and data[name] is not None}
    for name in ("comment_pages", "comment_pages_linked"):  # Lua's cjson writes [] as {}
        pages = values.get(name)
        values[name] = [n for n in pages if isinstance(n, int)] if isinstance(pages, list) else []
    try:
        return ArticleState(**values)
    except TypeError:
        return None


def _copy(source: ArticleState, target: ArticleState) -> None:
    for name in _FIELDS:
        setattr(target, name, getattr(source, name))
