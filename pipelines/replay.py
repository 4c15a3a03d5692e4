"""Replay: re-derive the dataset from WARC files alone (no network, no Scrapy engine).

Each response record goes through the same page objects (`derive_page`) and the same chain
(`Dataset`) as the crawl. The site profile of a record comes from its file's warcinfo (the crawl
wrote it there), else from the bundled profiles by host, else none (platform detection).
A first pass reads the REST API's comment answers the crawl archived (`pipelines.rest_store`), so
pages the crawl cross-checked are filled from the same answers (`pipelines.crosscheck`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from archive.reader import ArchivedResponse, read_archive
from archive.selected import iter_captures
from archive.warc_scan import Damage
from pipelines.crosscheck import cross_check, wants_cross_check
from pipelines.dataset import Dataset
from pipelines.derive import derive_page
from pipelines.rest_store import RestCommentStore, capture_key
from scrapers.http import HttpResponse
from scrapers.items import Article, Comment
from scrapers.profile import SiteProfile, profile_from_dict
from scrapers.rest_comments import comments_url_post, parse_rest_comments

logger = logging.getLogger(__name__)

ProfileFinder = Callable[[str], SiteProfile | None]
RecordObserver = Callable[[Article | Comment, SiteProfile | None], None]
DamageObserver = Callable[[Damage], None]


def replay(
    warcs: Iterable[Path],
    out: Path,
    find_profile: ProfileFinder = lambda url: None,
    progress: Callable[[int, int], None] | None = None,
    observe: RecordObserver | None = None,
    on_damage: DamageObserver = lambda damage: None,
) -> Dataset:
    """Re-derive articles.jsonl / comments.jsonl under `out` from `warcs`, in file order.

    Damage does not stop it: `on_damage` is called with each damaged span, and the records after
    it are read. A page whose body is not all there gives records that say so (`truncated`).

    `progress` is called after each response record with the records so far and the bytes of all
    the files read so far (the files before plus the offset in the current one). `observe` is
    called with each normalized record (appended or already written; once per crawl) and its
    site profile.
    """
    warcs = list(warcs)
    dataset = Dataset(out)
    rest = RestCommentStore()
    seen_records = 0
    bytes_before = 0
    try:
        index_rest_comments(rest, warcs)
        for path in warcs:
            for archived in read_archive(path):
                if isinstance(archived, Damage):
                    on_damage(archived)
                    continue
                seen_records += 1
                _replay_one(dataset, archived, find_profile, rest, observe)
                if progress:
                    progress(seen_records, bytes_before + archived.location.offset + archived.location.length)
            bytes_before += path.stat().st_size
    finally:
        dataset.close()
        rest.close()
    return dataset


def written_summary(stats: Mapping[str, int], out: Path) -> str:
    """What a replay did to the dataset in `out`, from its Dataset's stats: '11 articles, 94
    comments' into a new folder; into one that already holds the records, the new ones, the changed
    ones and those already there, e.g. '0 new (11 articles, 94 comments already in DIR)'.

    >>> written_summary({"dataset/articles": 11, "incremental/articles_new": 11}, Path("d"))
    '11 articles, 0 comments'
    >>> written_summary({"incremental/articles_refetched_unchanged": 11,
    ...                  "incremental/comments_refetched_unchanged": 94}, Path("d"))
    '0 new (11 articles, 94 comments already in d)'
    >>> written_summary({"incremental/comments_new": 2, "incremental/articles_changed": 1,
    ...                  "incremental/articles_refetched_unchanged": 10}, Path("d"))
    '0 articles, 2 comments new, 1 articles, 0 comments changed (10 articles, 0 comments already in d)'
    """
    def counts(name: str) -> tuple[int, int]:
        return stats.get(name.format("articles"), 0), stats.get(name.format("comments"), 0)

    already = counts("incremental/{}_refetched_unchanged")
    if not any(already):
        return "{} articles, {} comments".format(*counts("dataset/{}"))
    new, changed = counts("incremental/{}_new"), counts("incremental/{}_changed")
    done = "{} articles, {} comments new".format(*new) if any(new) else "0 new"
    if any(changed):
        done += ", {} articles, {} comments changed".format(*changed)
    return done + " ({} articles, {} comments already in {})".format(*already, out)


def index_rest_comments(store: RestCommentStore, warcs: list[Path]) -> None:
    """Add every archived answer of `/wp/v2/comments?post=N` in `warcs` to `store` (file order)."""
    for path in warcs:
        for capture in iter_captures(path, lambda url: comments_url_post(url) is not None):
            post = comments_url_post(capture.url)
            key = capture_key(capture.body_uri, capture.body_date)
            if capture.body is None:  # identical to an earlier answer: the same comments
                if capture.status == 200 and post is not None:
                    store.add(capture.crawl_id, post, key, None)
                continue
            answer = parse_rest_comments(
                HttpResponse(capture.url, capture.status, capture.headers, capture.body))
            if answer is not None and post is not None:
                store.add(capture.crawl_id, post, key, answer.comments)


def _replay_one(dataset: Dataset, archived: ArchivedResponse, find: ProfileFinder,
                rest: RestCommentStore, observe: RecordObserver | None) -> None:
    profile = _profile_from_warcinfo(archived.info) or find(archived.url)
    response = HttpResponse(archived.url, archived.status, archived.headers, archived.body)
    page = derive_page(response, archived.location, profile, archived.crawl_id, archived.truncated)
    if page is None:
        return
    if archived.truncated is not None:
        dataset.stats["replay/truncated_pages"] += 1
    timezone = profile.timezone if profile else "UTC"
    if page.post_id is not None and wants_cross_check(page, profile):
        # Only pages the crawl held for the API; it archived the answer in the same crawl.
        cross_check(page.comments, rest.comments(archived.crawl_id, page.post_id), timezone)
    items: list[Article | Comment] = [page.article, *page.comments]
    for item in items:
        record = dataset.normalize(item, timezone)
        if record is not None:
            dataset.write(record)
            if observe is not None:
                observe(record, profile)


def _profile_from_warcinfo(info: dict[str, str]) -> SiteProfile | None:
    raw = info.get("longform-profile")
    if not raw:
        return None
    try:
        return profile_from_dict(json.loads(raw))
    except (ValueError, TypeError) as error:
        logger.warning("Ignoring unreadable profile in warcinfo: %s", error)
        return None
