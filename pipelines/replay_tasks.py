"""Units of replay work: a WARC file, or a record-aligned part of a big `.warc.gz`, and the walk
of one part (what a worker process or a Dask worker runs, `pipelines.replay_worker`).

A big `.warc.gz` is cut at gzip members: from each cut point the next member that decompresses
whole to a WARC record (`archive.gzip_members.next_whole_member`). A part is walked from its start
until the walk reaches its end; the walk says where it crossed the end (`PartResult.stop`) and which
warcinfo was in force there. The next part is taken only when it starts exactly there with that
warcinfo: then its walk is the one a single pass over the whole file makes from that point (a
gzip member is read on its own, and the warcinfo is the walk's only state). Otherwise (damage
running across a cut, a second warcinfo inside a part) the rest of the file is walked again from
where the previous part stopped (`aligned`), so the records are always those of one pass.
A plain `.warc` is one part: a record cut short there is found by looking ahead, no cut is safe.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path
from typing import Generic, TypeVar

import attrs

from archive.gzip_members import GZIP_MAGIC, UnreadableMember, next_whole_member, read_member
from archive.reader import warcinfo_block_fields
from archive.warc_record import parse_record
from archive.warc_scan import Damage, Found

T = TypeVar("T")
R = TypeVar("R")


@attrs.frozen
class ReplayPart:
    """Records of `path` from the gzip member at `start` to the one at `end` (None: the file's
    end), read with the warcinfo fields `info` in force at `start`."""

    path: str
    start: int = 0
    end: int | None = None
    info: dict[str, str] = attrs.field(factory=dict, eq=False)
    file_bytes: int = 0
    """Size of the whole file (progress)."""


@attrs.frozen
class PartResult(Generic[T]):
    """What the walk of one part gave, where it crossed the part's end and the warcinfo there."""

    items: list[T]
    stop: int
    info: dict[str, str]


def split(warcs: Iterable[Path], part_bytes: int) -> list[ReplayPart]:
    """The parts of `warcs` in file order: a `.warc.gz` larger than 1.5 x `part_bytes` in parts of
    about `part_bytes`, any other file whole."""
    parts: list[ReplayPart] = []
    for path in warcs:
        size = path.stat().st_size
        cuts = _cuts(path, size, part_bytes) if size > part_bytes * 3 // 2 else []
        info = _first_info(path) if cuts else {}
        bounds = [0, *cuts, None]
        parts.extend(ReplayPart(str(path), start, end, info if start else {}, size)
                     for start, end in zip(bounds, bounds[1:], strict=False) if start is not None)
    return parts


def bounded(items: Iterable[Found | Damage], end: int | None, stop: list[int]) -> Iterator[Found | Damage]:
    """`items` (a scan from a part's start) up to the first that begins at or after `end`, whose
    offset is appended to `stop` (nothing appended when the walk reached the file's end)."""
    for item in items:
        if end is not None and item.offset >= end:
            stop.append(item.offset)
            return
        yield item


class Returning(Generic[T, R]):
    """Iterate a generator and keep what it returns (`value`, once the iteration is over)."""

    def __init__(self, generator: Generator[T, None, R]) -> None:
        self.generator = generator
        self.value: R | None = None

    def __iter__(self) -> Iterator[T]:
        self.value = yield from self.generator


def aligned(parts: Iterator[tuple[ReplayPart, PartResult[T]]],
            walk: Callable[[ReplayPart], PartResult[T]],
            fields: tuple[str, ...] | None = None) -> Iterator[tuple[ReplayPart, PartResult[T]]]:
    """Parts' results in order, each checked to start where the previous part of its file
    stopped, with the same warcinfo (only its `fields`, when given: what the walk reads of it); at
    the first that does not, the rest of that file is walked again from there with `walk` (in this
    process) and its remaining parts are dropped."""
    expected: dict[str, tuple[int, dict[str, str]]] = {}
    redone: set[str] = set()
    for part, result in parts:
        if part.path in redone:
            continue
        if part.start:
            stop, info = expected[part.path]
            if part.start != stop or _fields(part.info, fields) != _fields(info, fields):
                part = attrs.evolve(part, start=stop, end=None, info=info)
                result = walk(part)
                redone.add(part.path)
        expected[part.path] = (result.stop, result.info)
        yield part, result


def _fields(info: dict[str, str], fields: tuple[str, ...] | None) -> dict[str, str]:
    return info if fields is None else {name: info.get(name, "") for name in fields}


def _cuts(path: Path, size: int, part_bytes: int) -> list[int]:
    cuts: list[int] = []
    with open(path, "rb") as stream:
        if stream.read(len(GZIP_MAGIC)) != GZIP_MAGIC:
            return []
        for target in range(part_bytes, size - part_bytes // 2, part_bytes):
            if cuts and target <= cuts[-1]:
                continue
            member = next_whole_member(stream, target)
            if member is None:
                break
            if member.data.startswith(b"WARC/") and member.offset < size:
                cuts.append(member.offset)
    return cuts


def _first_info(path: Path) -> dict[str, str]:
    """The fields of the warcinfo record in the file's first gzip member ({} when there is none)."""
    with open(path, "rb") as stream:
        try:
            data = read_member(stream, 0).data
        except UnreadableMember:
            return {}
    parsed = parse_record(data, 0)
    if parsed is None or parsed[0].rec_type != "warcinfo" or parsed[0].problems:
        return {}
    return warcinfo_block_fields(parsed[0].block)
