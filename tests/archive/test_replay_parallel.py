"""Replay over a process pool, files cut into parts: the same JSONL, byte for byte, the same damage
reported once each in file order, as one process reading whole files (`pipelines.replay_pool`,
`pipelines.replay_tasks`). Dask's runner is in tests/pipelines/test_replay_dask.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from warc_corpus import CorpusFile

import pipelines.replay
from archive.warc_scan import Damage
from pipelines.replay import replay
from pipelines.replay_pool import InProcess, ProcessPool, Runner, WorkerLost
from pipelines.replay_tasks import ReplayPart, split
from spiders import sites

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "spiders" / "recorded_site" / "data" / "wordpress-demo.warc.gz"


@attrs.frozen
class Replayed:
    articles: bytes
    comments: bytes
    damage: list[Damage]
    progress: list[tuple[int, int]]
    coverage: list[tuple[str, tuple[str, ...]]]


def _replay(warcs: list[Path], out: Path, runner: Runner, part_bytes: int | None = None) -> Replayed:
    damage: list[Damage] = []
    progress: list[tuple[int, int]] = []
    coverage: list[tuple[str, tuple[str, ...]]] = []
    replay(warcs, out, sites.bundled_for_url, lambda n, size: progress.append((n, size)),
           lambda kind, filled, profile: coverage.append((kind, filled)), damage.append, runner, part_bytes)
    read = lambda name: (out / name).read_bytes() if (out / name).exists() else b""  # noqa: E731
    return Replayed(read("articles.jsonl"), read("comments.jsonl"), damage, progress, coverage)


def test_the_demo_recording_cut_in_parts_on_two_workers_equals_one_process(tmp_path: Path) -> None:
    assert len(split([DEMO], 20_000)) >= 8  # really cut: parts of ~20 KB of a 200 KB file
    one = _replay([DEMO], tmp_path / "one", InProcess())
    pooled = _replay([DEMO], tmp_path / "pool", ProcessPool(2), part_bytes=20_000)
    assert one.articles.count(b"\n") == 11 and one.comments.count(b"\n") == 94  # the demo's site
    assert pooled == one


def test_many_files_damaged_ones_and_other_tools_files_equal_one_process(
        third_party_corpus: list[CorpusFile], tmp_path: Path) -> None:
    warcs = [DEMO, *(f.path for f in third_party_corpus), DEMO]  # the same file twice: records once
    one = _replay(warcs, tmp_path / "one", InProcess())
    pooled = _replay(warcs, tmp_path / "pool", ProcessPool(2), part_bytes=3_000)
    assert len(split(warcs, 3_000)) > 2 * len(warcs)
    assert {d.kind for d in one.damage} >= {"gzip-member-damaged", "nul-padding", "record-cut-short"}
    assert pooled == one  # the damage too: each span once, in file order


def test_a_part_that_does_not_start_where_the_last_one_stopped_is_walked_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cut check: a part starting elsewhere than where the previous walk stopped, or read with
    another warcinfo, is dropped and the rest of its file read again from where the walk stopped."""
    parts = split([DEMO], 20_000)
    skipped = [*parts[:3], attrs.evolve(parts[3], start=parts[4].start), *parts[5:]]
    wrong_info = [*parts[:6], attrs.evolve(parts[6], info={"crawl-id": "another"}), *parts[7:]]
    one = _replay([DEMO], tmp_path / "one", InProcess())
    for n, bad in enumerate((skipped, wrong_info)):
        monkeypatch.setattr(pipelines.replay, "split", lambda warcs, size, bad=bad: bad)
        assert _replay([DEMO], tmp_path / f"bad-{n}", ProcessPool(2)) == one


def test_ctrl_c_stops_the_workers_and_leaves_whole_lines(tmp_path: Path) -> None:
    process, err, workers, out = _replay_stopped_by(signal.SIGINT, tmp_path, _ctrl_c_as_on_a_terminal)
    assert process.returncode == 130, err.decode()
    assert b"Traceback" not in err
    assert all(not Path(f"/proc/{pid}").exists() or _zombie(pid) for pid in workers)
    _assert_whole_lines(out)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_a_killed_replay_leaves_no_worker_behind_and_no_cut_line(tmp_path: Path, stop: int) -> None:
    """`timeout`, a scheduler or an OOM kill stops the replay without its Ctrl-C path: its workers
    go with it (they were left running, blocked on the result pipe, before `die_with_parent`)."""
    process, err, workers, out = _replay_stopped_by(stop, tmp_path)
    assert process.returncode == -stop and b"Traceback" not in err
    deadline = time.monotonic() + 10
    while not all(not Path(f"/proc/{pid}").exists() or _zombie(pid) for pid in workers):
        assert time.monotonic() < deadline, f"replay workers {workers} outlived their replay"
        time.sleep(0.05)
    _assert_whole_lines(out)


def _replay_stopped_by(stop: int, tmp_path: Path, preexec: Callable[[], None] | None = None
                       ) -> tuple[subprocess.Popen[bytes], bytes, list[int], Path]:
    """`longform replay --workers 2` of a 20 MB WARC (the demo's members 100 times over, about 6 s
    of work), sent `stop` half a second after its workers started: the process, its stderr, the
    workers' pids and the output folder."""
    big = tmp_path / "big.warc.gz"
    big.write_bytes(DEMO.read_bytes() * 100)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "spiders.cli", "replay", str(big), "--out", str(out), "--workers", "2"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               preexec_fn=preexec)
    workers = _wait_for_children(process.pid, 2)
    time.sleep(0.5)
    process.send_signal(stop)
    _, err = process.communicate(timeout=60)
    return process, err, workers, out


def _assert_whole_lines(out: Path) -> None:
    for name in ("articles.jsonl", "comments.jsonl"):
        data = (out / name).read_bytes() if (out / name).exists() else b""
        assert data == b"" or data.endswith(b"\n")  # each line is one write(): a stop cannot cut it
        [json.loads(line) for line in data.splitlines()]  # every line whole


def _ctrl_c_as_on_a_terminal() -> None:
    """SIGINT's default action, as a command typed at a terminal has it. A test run started in the
    background of a non-interactive shell (`make test &`) inherits SIGINT ignored, and Python
    keeps an ignored SIGINT ignored: the replay then rightly runs to its end and exits 0."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_children(pid: int, count: int) -> list[int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        children = [int(p) for p in os.listdir("/proc") if p.isdigit() and _parent(int(p)) == pid]
        if len(children) >= count:
            return children
        time.sleep(0.05)
    raise AssertionError(f"the replay started no {count} workers")


def _parent(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rpartition(")")[2].split()[1])


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z"
    except OSError:
        return True


def test_a_plain_warc_is_one_part_whatever_its_size() -> None:
    plain = ROOT / "tests" / "data" / "third-party-warcs" / "pywb" / "example.warc"
    assert split([plain], 100) == [ReplayPart(str(plain), 0, None, {}, plain.stat().st_size)]


def _die(part: ReplayPart) -> None:
    os.kill(os.getpid(), signal.SIGKILL)  # what the OOM killer does to a worker


def test_a_worker_that_dies_is_one_clear_error_not_a_hang() -> None:
    pool = ProcessPool(2)
    try:
        with pytest.raises(WorkerLost, match="a replay worker process died"):
            list(pool.run(_die, split([DEMO], 1 << 30)))  # type: ignore[arg-type]
    finally:
        pool.close(abort=True)
