"""A child that called `die_with_parent` goes when its parent goes, even by SIGKILL; one whose
parent is already gone when it calls it exits at once. Real processes, nothing faked."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The parent starts the child and waits; the child asks to die with it, writes its pid, sleeps.
PARENT = """
import subprocess, sys, time
subprocess.Popen([sys.executable, "-c", sys.argv[1], sys.argv[2]])
time.sleep(600)
"""
CHILD = """
import os, sys, time
from pipelines.worker_process import die_with_parent
die_with_parent(os.getppid())
with open(sys.argv[1] + ".tmp", "w") as out:
    out.write(str(os.getpid()))
os.replace(sys.argv[1] + ".tmp", sys.argv[1])
time.sleep(600)
"""
LONE_CHILD = CHILD.replace(
    "die_with_parent(os.getppid())", "die_with_parent(os.getppid() + 1_000_000)")


def _gone(pid: int, within: float) -> bool:
    """True once `pid` has exited (gone, or a zombie its new parent has not reaped yet)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        except OSError:
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


def _wait_for(path: Path) -> int:
    deadline = time.monotonic() + 30
    while not path.exists():
        assert time.monotonic() < deadline, "the child never started"
        time.sleep(0.05)
    return int(path.read_text())


@pytest.mark.skipif(sys.platform != "linux", reason="PR_SET_PDEATHSIG is Linux's")
def test_the_child_goes_when_its_parent_is_sigkilled(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    parent = subprocess.Popen([sys.executable, "-c", PARENT, CHILD, str(pid_file)], cwd=ROOT)
    try:
        child = _wait_for(pid_file)
        assert not _gone(child, within=0.5)  # alive while its parent is
    finally:
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=30)
    assert _gone(child, within=10)


def test_a_child_whose_parent_is_already_gone_exits_at_once(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    done = subprocess.run([sys.executable, "-c", LONE_CHILD, str(pid_file)], cwd=ROOT, timeout=60)
    assert done.returncode == 0 and not pid_file.exists()
