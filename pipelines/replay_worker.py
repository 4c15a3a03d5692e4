"""What a replay worker does with one part of a WARC (`pipelines.replay_tasks`): pure functions of
the part and of what the parent sends, so a process pool or a Dask worker can run them.

`index_part` is the first pass: the REST API's comment answers archived in the part.
`derive_part` is the second: each response record through the page objects (`derive_page`), the
REST cross-check and the chain's normalizers, encoded as the lines a writer appends
(`pipelines.prepared`). The parent de-duplicates, checks the ledger and appends, in file order.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from archive.reader import read_found
from archive.selected import captures_in
from archive.warc_scan import Damage, scan
from pipelines.coverage import FIELDS, filled
from pipelines.crosscheck import cross_check, wants_cross_check
from pipelines.derive import derive_page
from pipelines.prepared import PreparedRecord, prepare_page
from pipelines.replay_tasks import PartResult, ReplayPart, Returning, bounded
from pipelines.rest_store import RestCommentStore, capture_key
from scrapers.http import HttpResponse
from scrapers.items import Article, Comment
from scrapers.profile import SiteProfile, profile_from_dict
from scrapers.rest_comments import RestComment, comments_url_post, parse_rest_comments

logger = logging.getLogger(__name__)

ProfileFinder = Callable[[str], SiteProfile | None]
RestAnswer = tuple[str, int, str, tuple[RestComment, ...] | None]
"""(crawl id, post id, capture key, comments; None for an identical-payload revisit)."""


class Step(NamedTuple):
    """One response record of a part: where it ends (progress) and, for an article page, its
    prepared records with the coverage fields each fills."""

    end: int
    records: tuple[PreparedRecord, ...] = ()
    filled: tuple[tuple[str, ...], ...] = ()
    profile: SiteProfile | None = None
    truncated: bool = False


class RestAnswers(NamedTuple):
    """The first pass's answers, in archive order; `token` names them (a worker builds its store
    once per token)."""

    token: str
    answers: Sequence[RestAnswer]


def index_part(part: ReplayPart) -> PartResult[RestAnswer]:
    """The archived answers of `/wp/v2/comments?post=N` in `part`, in file order."""
    stop: list[int] = []
    items = bounded(scan(Path(part.path), part.start), part.end, stop)
    found: list[RestAnswer] = []
    walk = Returning(captures_in(items, lambda url: comments_url_post(url) is not None,
                                 part.info.get("crawl-id", "")))
    for capture in walk:
        post = comments_url_post(capture.url)
        key = capture_key(capture.body_uri, capture.body_date)
        if capture.body is None:  # identical to an earlier answer: the same comments
            if capture.status == 200 and post is not None:
                found.append((capture.crawl_id, post, key, None))
            continue
        answer = parse_rest_comments(HttpResponse(capture.url, capture.status, capture.headers, capture.body))
        if answer is not None and post is not None:
            found.append((capture.crawl_id, post, key, tuple(answer.comments)))
    return PartResult(found, stop[0] if stop else part.file_bytes, {"crawl-id": walk.value or ""})


def derive_part(part: ReplayPart, folder: str, find_profile: ProfileFinder,
                rest: RestAnswers | None) -> PartResult[Step | Damage]:
    """Every response record of `part` as a `Step`, and its damage, in file order; `folder` is the
    dataset's (provenance names the WARC relative to it)."""
    stop: list[int] = []
    items = bounded(scan(Path(part.path), part.start), part.end, stop)
    reader = Returning(read_found(items, dict(part.info)))
    steps: list[Step | Damage] = []
    for archived in reader:
        if isinstance(archived, Damage):
            steps.append(archived)
            continue
        end = archived.location.offset + archived.location.length
        profile = profile_from_warcinfo(archived.info) or find_profile(archived.url)
        response = HttpResponse(archived.url, archived.status, archived.headers, archived.body)
        page = derive_page(response, archived.location, profile, archived.crawl_id, archived.truncated)
        if page is None:
            steps.append(Step(end))
            continue
        timezone = profile.timezone if profile else "UTC"
        if page.post_id is not None and wants_cross_check(page, profile):
            # Only pages the crawl held for the API; it archived the answer in the same crawl.
            cross_check(page.comments, _store(rest).comments(archived.crawl_id, page.post_id), timezone)
        records = prepare_page(page, timezone, folder)
        normalized: list[Article | Comment] = [page.article, *page.comments]
        steps.append(Step(end, tuple(records), tuple(map(filled_fields, normalized)), profile,
                          archived.truncated is not None))
    return PartResult(steps, stop[0] if stop else part.file_bytes, reader.value or {})


def filled_fields(record: Article | Comment) -> tuple[str, ...]:
    """The coverage fields (`pipelines.coverage.FIELDS`) a normalized record fills."""
    kind = "articles" if isinstance(record, Article) else "comments"
    return tuple(name for name in FIELDS[kind] if filled(getattr(record, name)))


def profile_from_warcinfo(info: dict[str, str]) -> SiteProfile | None:
    """The site profile the crawl wrote into its warcinfo (None when absent or unreadable)."""
    raw = info.get("longform-profile")
    if not raw:
        return None
    try:
        return profile_from_dict(json.loads(raw))
    except (ValueError, TypeError) as error:
        logger.warning("Ignoring unreadable profile in warcinfo: %s", error)
        return None


_STORES: dict[str, RestCommentStore] = {}  # per process: a worker builds the store once per replay


def install_rest(rest: RestAnswers) -> None:
    """Build this process's store of `rest` (the parts then name it by its token alone)."""
    for old in _STORES.values():
        old.close()
    _STORES.clear()
    store = RestCommentStore()
    for crawl_id, post, key, comments in rest.answers:
        store.add(crawl_id, post, key, comments)
    _STORES[rest.token] = store


def _store(rest: RestAnswers | None) -> RestCommentStore:
    rest = rest or RestAnswers("", ())
    if rest.token not in _STORES:
        install_rest(rest)
    return _STORES[rest.token]
