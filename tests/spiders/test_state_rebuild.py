"""A damaged or lost state database: `longform crawl` refuses it, `longform rebuild-state` rebuilds
it from the WARCs and JSONL files, and the next incremental run fetches what it would have with the
original state. Real crawls of the bundled sample site on 127.0.0.1, real SQLite."""

from __future__ import annotations

import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from archive.state import STATE_FILE
from archive.state_check import state_problem
from spiders.cli import main
from tests.sites.sample_site import serve_sample_site
from tests.sites.sample_site.build import local_time

LONGFORM = [sys.executable, "-m", "spiders.cli"]
TABLES = ("runs", "urls", "articles", "records", "jsonl_files")
FIRST_RUN = local_time("2017-08-23 12:00")  # 6 of the 12 articles; later, more and new comments


def _profile(folder: Path, base_url: str, concurrency: int = 4) -> Path:
    path = folder / "sample.toml"
    path.write_text(f'name = "sample"\nbase_url = "{base_url}/"\ntimezone = "America/New_York"\n'
                    f"autothrottle = false\ndownload_delay = 0\nconcurrency = {concurrency}\n")
    return path


def _crawl(profile: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*LONGFORM, "crawl", str(profile), "--out", str(out)],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A data folder after one crawl of the sample site as it stood at FIRST_RUN; the port."""
    out = tmp_path_factory.mktemp("archived")
    with serve_sample_site(as_of=FIRST_RUN) as base_url:
        result = _crawl(_profile(out, base_url), out)
    assert result.returncode == 0, result.stderr[-2000:]
    return out, int(base_url.rsplit(":", 1)[1])


def _copy(archived: tuple[Path, int], to: Path) -> Path:
    shutil.copytree(archived[0], to)
    return to / "sample"


class _Moment:
    """An article's check or change time, equal to another within MOMENT_SLACK: the crawl dates it
    by its clock as it processes a page, the rebuild by the page's WARC record, a second or so
    apart. (Cutting both to the minute failed when the two fell either side of one.)"""

    def __init__(self, text: object) -> None:
        self.text = str(text)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Moment):
            return NotImplemented
        apart = datetime.fromisoformat(self.text) - datetime.fromisoformat(other.text)
        return abs(apart) <= MOMENT_SLACK

    __hash__ = None  # type: ignore[assignment]  # equal within a slack: not hashable

    def __repr__(self) -> str:
        return f"~{self.text}"


MOMENT_SLACK = timedelta(seconds=10)


def _tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row, with the run times left out and the articles' check and change times compared
    within MOMENT_SLACK (`_Moment`)."""
    db = sqlite3.connect(path)
    try:
        rows = {table: db.execute(f"SELECT * FROM {table}").fetchall() for table in TABLES}  # noqa: S608
    finally:
        db.close()
    rows["runs"] = [(run[0], run[3]) for run in rows["runs"]]
    rows["articles"] = [(*row[:7], _Moment(row[7]), _Moment(row[8]), row[9]) for row in rows["articles"]]
    return {table: sorted(values, key=repr) for table, values in rows.items()}


def test_damaged_state_stops_the_crawl_and_the_rebuilt_one_fetches_the_same(
    archived: tuple[Path, int], tmp_path: Path
) -> None:
    original = _copy(archived, tmp_path / "original")
    damaged = _copy(archived, tmp_path / "damaged")
    state = damaged / STATE_FILE
    with open(state, "r+b") as stream:  # a copy cut short, a disk that filled up
        stream.truncate(state.stat().st_size // 2)
    warcs = sorted((damaged / "warc").iterdir())
    asked: list[str] = []
    with serve_sample_site(port=archived[1], request_log=asked) as base_url:
        refused = _crawl(_profile(tmp_path, base_url), damaged.parent)
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert str(state) in refused.stderr and f"longform rebuild-state {damaged}" in refused.stderr
    assert not asked and sorted((damaged / "warc").iterdir()) == warcs  # nothing crawled

    assert main(["rebuild-state", "sample", "--data", str(damaged.parent)]) == 0
    assert _tables(state) == _tables(original / STATE_FILE)
    assert len(list(damaged.glob("state.sqlite.damaged-*"))) == 1

    # The incremental runs, each against the complete site (it has moved on since), logged. One
    # request at a time: how far the comments feed is paged depends on whether a re-check has
    # written a page's new comments before the next feed page is read (a race in the crawl).
    log_original: list[str] = []
    log_rebuilt: list[str] = []
    for folder, log in ((original, log_original), (damaged, log_rebuilt)):
        with serve_sample_site(port=archived[1], request_log=log) as base_url:
            result = _crawl(_profile(tmp_path, base_url, concurrency=1), folder.parent)
        assert result.returncode == 0, result.stderr[-2000:]
    assert _requests(log_rebuilt) == _requests(log_original)
    assert any("/archives/" in line for line in log_original)  # the run did re-check and fetch
    for name in ("articles.jsonl", "comments.jsonl"):
        assert _ids(damaged / name) == _ids(original / name)
    # Two runs of WARCs, with 304 revisits and re-checked articles: rebuilt, the state is the same.
    after_two_runs = _tables(original / STATE_FILE)
    assert main(["rebuild-state", str(original)]) == 0
    assert _tables(original / STATE_FILE) == after_two_runs


def _requests(log: list[str]) -> list[str]:
    """Requests in order-free form; the REST query's `modified_after` is the run's own start."""
    return sorted(re.sub(r"modified_after=[^&]*", "modified_after=T", line) for line in log)


def _ids(path: Path) -> list[str]:
    return sorted(re.findall(r'"id": ?"([^"]+)"', path.read_text(encoding="utf-8")))


def _truncate(state: Path) -> None:
    with open(state, "r+b") as stream:
        stream.truncate(state.stat().st_size - 4096 - 100)


def _overwrite_middle(state: Path) -> None:
    data = bytearray(state.read_bytes())
    third = len(data) // 3
    data[third:2 * third] = random.Random(7).randbytes(third)
    state.write_bytes(bytes(data))


def _not_sqlite(state: Path) -> None:
    state.write_text('{"this": "is a JSON file copied over the state"}\n')


def _wal_left_by_a_kill(state: Path) -> None:
    """A -wal holding committed writes, as a killed crawl leaves it (SQLite replays it on open)."""
    copy = state.with_name("copy.sqlite")
    shutil.copy(state, copy)
    db = sqlite3.connect(copy, isolation_level=None)
    db.execute("PRAGMA wal_autocheckpoint=0")
    db.execute("UPDATE jsonl_files SET size = size")  # a committed write, not checkpointed
    shutil.copy(copy, state)
    shutil.copy(copy.with_name("copy.sqlite-wal"), state.with_name(STATE_FILE + "-wal"))
    db.close()
    copy.unlink()


def _garbage_side_files(state: Path) -> None:
    for suffix in ("-wal", "-journal"):
        state.with_name(STATE_FILE + suffix).write_bytes(random.Random(suffix).randbytes(20_000))


DAMAGES: dict[str, tuple[Callable[[Path], None], str | None]] = {
    "truncated": (_truncate, "is truncated"),
    "bytes overwritten in the middle": (_overwrite_middle, "is damaged"),
    "deleted": (os.unlink, "is missing"),
    "not SQLite": (_not_sqlite, "is not an SQLite database"),
    "-wal left by a killed crawl": (_wal_left_by_a_kill, None),
    "garbage -wal and -journal": (_garbage_side_files, None),
}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_each_damage_is_named_and_the_rebuild_restores_the_state(
    archived: tuple[Path, int], tmp_path: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _copy(archived, tmp_path / "data")
    state = site / STATE_FILE
    before = _tables(state)
    harm, verdict = DAMAGES[damage]
    harm(state)
    problem = state_problem(state, archive_exists=True)
    if verdict is None:  # SQLite's business: sound, and the same rows as before
        assert problem is None
        assert _tables(state) == before
    else:
        assert problem is not None and problem.startswith(verdict)
        # The crawl stops before anything is fetched or written (the run extension's check).
        # A subprocess: the check runs once Scrapy has its reactor, which pytest's process may
        # already hold of another kind.
        profile = _profile(tmp_path, f"http://127.0.0.1:{archived[1]}")
        crawl = subprocess.run([*LONGFORM, "crawl", str(profile), "--out", str(site.parent)],
                               capture_output=True, text=True, timeout=120)
        assert crawl.returncode == 1
        error = crawl.stderr
        assert f"longform rebuild-state {site}" in error and error.count("\n") == 1
    assert main(["rebuild-state", str(site)]) == 0
    assert state_problem(state, archive_exists=True) is None
    assert _tables(state) == before
    assert not list(site.glob("state.sqlite.rebuilding*"))
    assert not state.with_name(STATE_FILE + "-wal").exists()  # an old -wal never meets the new file
    kept = list(site.glob("state.sqlite.damaged-*")) + list(site.glob("state.sqlite.replaced-*"))
    assert len([p for p in kept if not p.name.endswith(("-wal", "-shm", "-journal"))]) == \
        (0 if damage == "deleted" else 1)


def test_random_overwrites_are_caught_or_change_nothing(archived: tuple[Path, int], tmp_path: Path) -> None:
    """SQLite keeps no checksum of values: the value scan must catch what quick_check cannot."""
    original = archived[0] / "sample" / STATE_FILE
    data = original.read_bytes()
    before = _tables(original)
    rng = random.Random(2024)
    caught = 0
    for _ in range(150):
        damaged = bytearray(data)
        at = rng.randrange(100, len(damaged) - 16)
        damaged[at:at + 16] = rng.randbytes(16)
        path = tmp_path / "state.sqlite"
        path.write_bytes(bytes(damaged))
        if state_problem(path, archive_exists=True):
            caught += 1
        else:
            assert _tables(path) == before, f"16 bytes at {at} changed the state unnoticed"
    assert caught >= 15  # not vacuous: many land in data (the rest in free space and unused bytes)


def test_a_full_crawl_may_start_over_without_the_state(archived: tuple[Path, int], tmp_path: Path) -> None:
    """--full relies on no state: a deleted one is no loss there, and the dataset gets no copies."""
    site = _copy(archived, tmp_path / "data")
    (site / STATE_FILE).unlink()
    lines = {name: (site / name).read_bytes().count(b"\n") for name in ("articles.jsonl", "comments.jsonl")}
    with serve_sample_site(port=archived[1], as_of=FIRST_RUN) as base_url:
        result = subprocess.run([*LONGFORM, "crawl", str(_profile(tmp_path, base_url)), "--out",
                                 str(site.parent), "--full"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert {name: (site / name).read_bytes().count(b"\n") for name in lines} == lines
    assert state_problem(site / STATE_FILE, archive_exists=True) is None
