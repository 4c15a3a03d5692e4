"""Fuzzing the WARC readers with damaged copies of a real WARC the project wrote (the demo's
recording, spiders/recorded_site/data/): random bytes changed or zeroed, the file cut short, ranges
duplicated, and splices of two of its parts; gzip'd as written and uncompressed.

What replay, `longform show`, verify, the tail repair and the state rebuild read must hold:
no exception but the documented ones, no hang, bounded memory, and a record is read whole, with
exactly the bytes that were archived, or reported; never a damaged body passed on as a record.
Profiles: tests/conftest.py.
"""

from __future__ import annotations

import gzip
import resource
from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import cache
from pathlib import Path

import attrs
from hypothesis import example, given, settings
from hypothesis import strategies as st

from archive.captures import CaptureStore
from archive.gzip_members import Member, iter_members
from archive.reader import ArchivedResponse, NotAWarcError, http_response_at, iter_responses, read_archive
from archive.repair import repair_tail
from archive.state import StateDB
from archive.state_captures import answers
from archive.verify import verify_warcs
from spiders.recorded_site import __file__ as recorded_site

Bound = Callable[[], AbstractContextManager[None]]
RECORDING = Path(recorded_site).parent / "data" / "wordpress-demo.warc.gz"
Seen = dict[str, tuple[str, int, bytes]]
"""WARC-Record-ID -> (URL, status, decoded body) of every response as archived."""


@cache
def _members() -> list[Member]:
    with open(RECORDING, "rb") as stream:
        return [m for m in iter_members(stream) if isinstance(m, Member)]


@cache
def _bases() -> dict[str, bytes]:
    """Two small WARCs cut from the recording at record boundaries (warcinfo first), and one
    uncompressed, whose only protection is the digests."""
    members = _members()
    raw = RECORDING.read_bytes()

    def part(first: int, last: int) -> bytes:
        return raw[: members[0].length] + raw[members[first].offset: members[last].offset]

    first, second = part(1, 11), part(11, 17)
    return {"first": first, "second": second, "plain": gzip.decompress(first)}


@cache
def _archived(tmp: Path) -> Seen:
    seen: Seen = {}
    for name, data in _bases().items():
        path = tmp / f"{name}.warc"
        path.write_bytes(data)
        for response in iter_responses(path):
            seen[response.location.record_id] = (response.url, response.status, response.body)
    return seen


Step = tuple[str, int, int, int]
"""(kind, position, span or source position, byte value): one change, positions taken modulo."""


@attrs.define(frozen=True)
class Damage:
    """How to damage a base WARC: kept small, so a failing case prints short."""

    base: str
    other: str
    steps: tuple[Step, ...]

    @property
    def plain(self) -> bool:
        """Bytes of the uncompressed WARC may be in the result."""
        return "plain" in (self.base, self.other)

    def apply(self) -> bytes:
        bases = _bases()
        data, other = bytearray(bases[self.base]), bases[self.other]
        for kind, at, span, value in self.steps:
            at %= len(data) + 1
            if kind == "flip" and data:
                data[at % len(data)] ^= value or 1
            elif kind == "zero":
                data[at:at + span] = bytes(len(data[at:at + span]))
            elif kind == "cut":
                del data[at:]
            elif kind == "duplicate":
                data[at:at] = data[at:at + span]
            elif kind == "splice":  # the start of one file, the end of another
                data = data[:at] + other[span % (len(other) + 1):]
            elif kind == "insert":
                start = value * 997 % (len(other) + 1)
                data[at:at] = other[start:start + span]
        return bytes(data)


BASES = ["first", "second", "plain"]
KINDS = ["flip", "flip", "zero", "cut", "duplicate", "splice", "insert"]
damages = st.builds(
    Damage, base=st.sampled_from(BASES), other=st.sampled_from(BASES),
    steps=st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 10**6), st.integers(1, 4096),
                             st.integers(0, 255)), min_size=1, max_size=6).map(tuple))


def _intact(archived: Seen, record_id: str, url: str, status: int, body: bytes, plain: bool) -> bool:
    """The status line and body of a record as archived (the digests cover them), under its URL
    when its id survived. The WARC header lines themselves are covered by no digest: in a gzip'd
    WARC the member's CRC protects them, in an uncompressed (`plain`) one a changed byte there
    goes unseen."""
    if not plain and record_id in archived and archived[record_id][0] != url:
        return False
    return (status, body) in {(s, b) for _, s, b in archived.values()}


def _read_all(path: Path) -> list[tuple[str, str, int, bytes]]:
    """(record id, URL, status, body) of each whole response `read_archive` yields (what replay
    reads: it goes on after damage, which it yields; a body not all there says so)."""
    got = []
    for response in read_archive(path):
        if isinstance(response, ArchivedResponse) and response.truncated is None:
            got.append((response.location.record_id, response.url, response.status, response.body))
    return got


def test_damaged_warcs_are_read_whole_or_reported(tmp_path: Path, time_bound: Bound, fuzz_scale: int) -> None:
    archived = _archived(tmp_path)
    path = tmp_path / "damaged.warc.gz"
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    @settings(max_examples=400 * fuzz_scale)
    @given(damage=damages)
    # Found by the long run: a header line break damaged, so no Content-Length (warcio then reads
    # on to the end of the file); a digest header without an algorithm name.
    @example(damage=Damage("plain", "first", (("flip", 1405, 1, 0),)))
    @example(damage=Damage("plain", "first", (("zero", 1316, 1, 0),)))
    def case(damage: Damage) -> None:
        data = damage.apply()
        path.write_bytes(data)
        with time_bound():
            got = _read_all(path)
            report = verify_warcs([path])
        for record_id, url, status, body in got:
            assert _intact(archived, record_id, url, status, body, damage.plain), f"{record_id}: damaged"
        if not report.problems:  # verify says clean: then every record was read, whole
            assert got or not data.strip()

    case()
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before < 256 * 1024


def test_records_opened_by_offset_are_whole_or_refused(tmp_path: Path, time_bound: Bound,
                                                       fuzz_scale: int) -> None:
    """`longform show` and the provenance check open one record at an offset from a JSONL line."""
    _archived(tmp_path)
    bodies = {body for _, _, body in _archived(tmp_path).values()}
    offsets = sorted({m.offset - _members()[1].offset + _members()[0].length for m in _members()[1:11]})
    path = tmp_path / "damaged.warc.gz"

    @settings(max_examples=150 * fuzz_scale)
    @given(damage=damages, which=st.sampled_from(offsets))
    def case(damage: Damage, which: int) -> None:
        data = damage.apply()
        path.write_bytes(data)
        with time_bound():
            try:
                headers, body, truncated = http_response_at(path, which)
            except NotAWarcError:
                return
        if truncated is not None:
            return  # said so: `longform show` reports it and exits 1
        if headers.startswith(b"HTTP/") and b" 200 " in headers.split(b"\r\n", 1)[0]:
            assert body in bodies, f"offset {which}: a damaged body was served"

    case()


def test_tail_repair_only_cuts_and_leaves_a_readable_file(tmp_path: Path, time_bound: Bound,
                                                         fuzz_scale: int) -> None:
    archived = _archived(tmp_path)
    path = tmp_path / "damaged.warc.gz"

    @settings(max_examples=150 * fuzz_scale)
    @given(damage=damages, cut=st.booleans())
    def case(damage: Damage, cut: bool) -> None:
        data = damage.apply()
        if cut:  # a killed crawl: a whole file cut anywhere
            data = _bases()["first"][: len(data) % len(_bases()["first"])]
        path.write_bytes(data)
        with time_bound():
            repair_tail(path)
        repaired = path.read_bytes()
        assert data.startswith(repaired)  # it cut, nothing else
        if cut:
            assert not verify_warcs([path]).problems
            for record_id, url, status, body in _read_all(path):
                assert archived[record_id] == (url, status, body)  # a cut file: headers intact

    case()


def test_state_rebuild_reads_damaged_warcs_whole_or_reports(tmp_path: Path, time_bound: Bound,
                                                           fuzz_scale: int) -> None:
    archived = _archived(tmp_path)
    path = tmp_path / "warc" / "damaged.warc.gz"
    path.parent.mkdir()

    @settings(max_examples=100 * fuzz_scale)
    @given(damage=damages)
    @example(damage=Damage("plain", "first", (("cut", 2532, 1, 0), ("flip", 13705, 1, 0))))  # no WARC-Date
    def case(damage: Damage) -> None:
        data = damage.apply()
        path.write_bytes(data)
        state = tmp_path / "state.sqlite"
        state.unlink(missing_ok=True)
        store = StateDB(state)
        try:
            with time_bound():
                try:
                    for answer in answers(path, CaptureStore(store)):
                        assert answer.body is not None
                        assert _intact(archived, answer.location.record_id, answer.url, answer.status,
                                       answer.body, damage.plain)
                except NotAWarcError:
                    pass
        finally:
            store.close()

    case()
