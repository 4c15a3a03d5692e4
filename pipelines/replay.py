"""Replay: re-derive the dataset from WARC files alone (no network, no Scrapy engine).

Each response record goes through the same page objects (`derive_page`) and the same chain
(`Dataset`) as the crawl. The site profile of a record comes from its file's warcinfo (the crawl
wrote it there), else from the bundled profiles by host, else none (platform detection).
A first pass reads the REST API's comment answers the crawl archived (`pipelines.rest_store`), so
pages the crawl cross-checked are filled from the same answers (`pipelines.crosscheck`).

Both passes run over parts of the files (`pipelines.replay_tasks`) wherever a runner puts them: this
process, a process pool, a Dask cluster (`pipelines.replay_pool`, `pipelines.replay_dask`). Workers
send prepared records; this process appends them in file order, so the output does not depend on
where the pages were derived.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from archive.warc_scan import Damage
from pipelines.dataset import Dataset
from pipelines.replay_pool import InProcess, Runner
from pipelines.replay_tasks import ReplayPart, aligned, split
from pipelines.replay_worker import ProfileFinder, RestAnswers, Step, derive_part, index_part
from scrapers.profile import SiteProfile

RecordObserver = Callable[[str, tuple[str, ...], SiteProfile | None], None]
"""Called with a record's kind ('articles', 'comments'), the coverage fields it fills, its profile."""
DamageObserver = Callable[[Damage], None]

MIN_PART, MAX_PART = 4 << 20, 16 << 20
"""Bytes of WARC per part when files are split for workers (about 4 parts per worker between).
The parent holds up to 2 parts per worker of results (prepared lines: ~1.5x the part's bytes)."""


def replay(
    warcs: Iterable[Path],
    out: Path,
    find_profile: ProfileFinder = lambda url: None,
    progress: Callable[[int, int], None] | None = None,
    observe: RecordObserver | None = None,
    on_damage: DamageObserver = lambda damage: None,
    runner: Runner | None = None,
    part_bytes: int | None = None,
) -> Dataset:
    """Re-derive articles.jsonl / comments.jsonl under `out` from `warcs`, in file order.

    Damage does not stop it: `on_damage` is called with each damaged span, and the records after
    it are read. A page whose body is not all there gives records that say so (`truncated`).

    `progress` is called after each response record with the records so far and the bytes of all
    the files read so far (the files before plus the offset in the current one). `observe` is
    called for each normalized record (appended or already written; once per crawl).

    `runner` says where the parts of the files are derived (default: this process, whole files;
    `pipelines.replay_pool`); this closes it. Records are appended here, in file order, whatever
    runs them: the output is the same byte for byte. `part_bytes` overrides the size of a part.
    """
    warcs = list(warcs)
    runner = runner or InProcess()
    dataset = Dataset(out)
    try:
        parts = split(warcs, part_bytes or _part_bytes(warcs, runner.workers))
        rest = _index_rest_comments(runner, parts)
        writer = _Writer(dataset, warcs, progress, observe, on_damage)
        _derive(runner, parts, str(out), find_profile, rest, writer)
    except BaseException:
        runner.close(abort=True)
        raise
    else:
        runner.close()
    finally:
        dataset.close()
    return dataset


def _part_bytes(warcs: list[Path], workers: int) -> int:
    if workers <= 1:
        return 1 << 62  # in process: whole files, no cut to check
    total = sum(path.stat().st_size for path in warcs)
    return min(max(total // (4 * workers), MIN_PART), MAX_PART)


def _index_rest_comments(runner: Runner, parts: list[ReplayPart]) -> RestAnswers:
    """The first pass: every archived answer of `/wp/v2/comments?post=N`, in file order."""
    answers = []
    for _, result in aligned(runner.run(index_part, parts), index_part, ("crawl-id",)):
        answers.extend(result.items)
    return RestAnswers(uuid.uuid4().hex, answers)


def _derive(runner: Runner, parts: list[ReplayPart], folder: str, find_profile: ProfileFinder,
            rest: RestAnswers, writer: _Writer) -> None:
    shared = runner.share(rest) if rest.answers else None
    redo = lambda part: derive_part(part, folder, find_profile, rest)  # noqa: E731
    for part, result in aligned(runner.run(derive_part, parts, folder, find_profile, shared), redo):
        for item in result.items:
            writer.take(part.path, item)


class _Writer:
    """The parent's side: de-duplicate, check the ledger, append, in the order results come."""

    def __init__(self, dataset: Dataset, warcs: list[Path], progress: Callable[[int, int], None] | None,
                 observe: RecordObserver | None, on_damage: DamageObserver) -> None:
        self.dataset, self.progress, self.observe, self.on_damage = dataset, progress, observe, on_damage
        self.bytes_before: dict[str, int] = {}
        total = 0
        for path in warcs:
            self.bytes_before.setdefault(str(path), total)
            total += os.path.getsize(path)
        self.records = 0

    def take(self, path: str, item: Step | Damage) -> None:
        if isinstance(item, Damage):
            self.on_damage(item)
            return
        self.records += 1
        if item.truncated:
            self.dataset.stats["replay/truncated_pages"] += 1
        for record, filled in zip(item.records, item.filled, strict=True):
            if self.dataset.write_prepared(record) is not None and self.observe is not None:
                self.observe(record.kind, filled, item.profile)
        if self.progress:
            self.progress(self.records, self.bytes_before[path] + item.end)


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
