"""Rebuild a site's state database from its archive: the WARCs and JSONL files are the truth.

Into a new file beside the old one, then swapped in (`archive.state_files`):

1. the record ledger from the JSONL files (`pipelines.ledger.catch_up`, as a crawl catches up);
2. captures and revisits from the WARC files, in the order written (`archive.state_captures`);
3. in the same pass, the article and comment-page schedule: each archived article page goes
   through the page objects and `IncrementalPolicy.seen`, as the crawl's spider did, dated by its
   WARC record; only pages whose records all reached the JSONL count as seen (a killed run's page
   without records is fetched again, as the original state would have had it);
4. the runs, from the crawl ids of the warcinfo records and the run reports (`reports/`); a run
   without a report was killed: left "running" when it is the last, so the next crawl resumes.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from functools import cache
from pathlib import Path

import attrs

from archive.captures import CaptureStore
from archive.reader import NotAWarcError
from archive.state import STATE_FILE, StateDB
from archive.state_captures import Answer, answers
from archive.state_files import install_rebuilt, rebuild_path
from pipelines.chain import article_id
from pipelines.dataset import ARTICLES_FILE, COMMENTS_FILE
from pipelines.derive import derive_page
from pipelines.ledger import RecordLedger, StateLedger, catch_up
from scrapers.comment_feed import parse_edited_posts
from scrapers.http import HttpResponse
from scrapers.items import ArticlePage
from scrapers.profile import Recheck, SiteProfile, profile_from_dict
from spiders.crawl_report import REPORTS_FOLDER
from spiders.crawl_state import FAILED, FINISHED, INTERRUPTED, RUNNING, Runs, Schedule
from spiders.incremental import IncrementalPolicy

logger = logging.getLogger(__name__)

WARC_FOLDER = "warc"
EDITED_POSTS_QUERY = "modified_after="
Progress = Callable[[int, int], None]


@attrs.define
class Rebuilt:
    """What a rebuild found and where it put things."""

    state: Path
    kept_aside: Path | None = None
    warc_files: int = 0
    answers: int = 0
    records: int = 0
    runs: dict[str, list[str]] = attrs.field(factory=dict)
    """crawl id -> [first, last WARC-Date] of its records."""
    unreadable: list[str] = attrs.field(factory=list)
    """WARC files read only up to damage (what follows it is left out of the state)."""


def archive_files(site_folder: Path) -> list[Path]:
    """The site's WARC files in the order written (names carry a timestamp and serial)."""
    folder = site_folder / WARC_FOLDER
    return sorted([*folder.glob("*.warc.gz"), *folder.glob("*.warc")])


def has_archive(site_folder: Path) -> bool:
    """True when earlier runs left WARC or JSONL files in the site folder."""
    return bool(archive_files(site_folder)) or any(
        (site_folder / name).is_file() for name in (ARTICLES_FILE, COMMENTS_FILE))


def rebuild_state(site_folder: Path, damaged: bool, progress: Progress | None = None) -> Rebuilt:
    """Rebuild `site_folder`/state.sqlite; the old file is kept aside (see `install_rebuilt`).

    A WARC is read up to its first unreadable record (listed in `Rebuilt.unreadable`).
    """
    temp = rebuild_path(site_folder / STATE_FILE)
    state = StateDB(temp)
    state.db.execute("PRAGMA synchronous=OFF")  # a crash leaves only the temporary file behind
    result = Rebuilt(site_folder / STATE_FILE)
    try:
        ledger = StateLedger(state)
        result.records = sum(catch_up(ledger, site_folder / name, kind)
                             for kind, name in (("articles", ARTICLES_FILE), ("comments", COMMENTS_FILE)))
        _replay_archive(state, site_folder, result, progress)
        _write_runs(Runs(state), site_folder, result.runs)
        state.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        state.db.execute("PRAGMA journal_mode=DELETE")  # one self-contained file to rename
    finally:
        state.close()
    result.kept_aside = install_rebuilt(temp, site_folder / STATE_FILE, damaged)
    return result


def _replay_archive(state: StateDB, site_folder: Path, result: Rebuilt, progress: Progress | None) -> None:
    warcs = archive_files(site_folder)
    policy = IncrementalPolicy(Schedule(state), StateLedger(state), Recheck(), "", "UTC")
    captures = CaptureStore(state)
    done = 0
    for path in warcs:
        try:
            for answer in answers(path, captures):
                result.answers += 1
                first_last = result.runs.setdefault(answer.crawl_id, [answer.fetched_at] * 2)
                first_last[1] = max(first_last[1], answer.fetched_at)
                _schedule(policy, answer)
                if progress:
                    progress(result.answers, done + answer.location.offset)
        except NotAWarcError as error:
            # A torn end (a killed crawl) or damage: what it hides is unknown to the state, so
            # the next crawl fetches it again, the safe side.
            result.unreadable.append(str(error))
        done += path.stat().st_size
    result.warc_files = len(warcs)


def _schedule(policy: IncrementalPolicy, answer: Answer) -> None:
    """What the spider's callbacks recorded of this answer in the article schedule."""
    when = answer.fetched_at[:19] + "Z"  # as the crawl's clock stores it, to the second
    if answer.body is None:
        if answer.status == 304 and policy.is_known(answer.url):  # a re-checked article, unchanged
            policy.unchanged(answer.url)
            _date_check(policy, answer.url, when, changed=False)
        return
    profile = _profile(answer.info.get("longform-profile", ""))
    policy.timezone = profile.timezone if profile else "UTC"
    response = HttpResponse(answer.url, answer.status, answer.headers, answer.body)
    if EDITED_POSTS_QUERY in answer.url:
        policy.edited(parse_edited_posts(response) or [])
        return
    try:
        page = derive_page(response, answer.location, profile, answer.crawl_id)
    except Exception:  # noqa: BLE001 - as in the crawl, where it failed this page, not the run
        logger.warning("Extraction failed on %s (offset %d); counted as not seen", answer.location.warc_file,
                       answer.location.offset, exc_info=True)
        return
    if page is None or not _records_written(policy.ledger, page):
        return
    before = policy.state(page.article.url)
    count_before = before.comment_count if before else None
    policy.crawl_id = answer.crawl_id
    policy.seen(page)
    changed = before is None or page.article.comment_count not in (None, count_before)
    _date_check(policy, page.article.url, when, changed)


def _date_check(policy: IncrementalPolicy, url: str, when: str, changed: bool) -> None:
    """Date the check by its WARC record, not by the rebuild's clock (the schedule reads it)."""
    state = policy.state(url)
    assert state is not None  # seen or re-checked just before
    state.last_checked = when
    if changed:
        state.last_changed = when
    policy.schedule.save_article(state)


def _records_written(ledger: RecordLedger, page: ArticlePage) -> bool:
    """The page's article and comments all reached the JSONL files (some version of each)."""
    article = article_id(page.article.url)
    keys = [f"article:{article}", *(f"comment:{article}:{c.id}" for c in page.comments)]
    return all(ledger.record_hash(key) is not None for key in keys)


@cache
def _profile(raw: str) -> SiteProfile | None:
    if not raw:
        return None
    try:
        return profile_from_dict(json.loads(raw))
    except (ValueError, TypeError):
        return None


def _write_runs(table: Runs, site_folder: Path, runs: dict[str, list[str]]) -> None:
    """Runs as the reports tell them; a run without one was killed (see the module doc)."""
    later_finished = False
    rows = []
    for crawl_id, (first, last) in reversed(list(runs.items())):
        report = _report(site_folder, crawl_id)
        if report is not None:
            status = FINISHED if report.get("finish_reason") == "finished" else FAILED
            started, finished = report.get("started") or first, report.get("finished") or last
        else:
            status, started, finished = (INTERRUPTED if later_finished else RUNNING), first, None
        later_finished = later_finished or status == FINISHED
        rows.append((crawl_id or "unknown", started, finished, status))
    table.replace_all(rows)


def _report(site_folder: Path, crawl_id: str) -> dict[str, object] | None:
    path = site_folder / REPORTS_FOLDER / f"{crawl_id}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
