"""`longform replay` shows its progress (records, bytes, records/s, ETA) on a terminal, not in logs."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

LONGFORM = [sys.executable, "-m", "spiders.cli"]


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the other side of the terminal is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def test_progress_on_a_terminal(demo_dataset: Path, tmp_path: Path) -> None:
    controller, terminal = pty.openpty()
    process = subprocess.Popen([*LONGFORM, "replay", str(demo_dataset / "warc"), "--out", str(tmp_path)],
                               stdout=subprocess.PIPE, stderr=terminal)
    os.close(terminal)
    try:
        shown = _read_all(controller).decode("utf-8", "replace")
    finally:
        os.close(controller)
    stdout, _ = process.communicate(timeout=120)
    assert process.returncode == 0, shown
    warc_mb = sum(path.stat().st_size for path in (demo_dataset / "warc").glob("*.warc.gz")) / 1e6
    pattern = r"replaying: (\d+) records, ([\d.]+) of ([\d.]+) MB \(\d+%\), [\d,]+ records/s, ETA \S+"
    line = re.search(pattern, shown)
    assert line, shown
    assert int(line.group(1)) >= 1 and float(line.group(3)) == round(warc_mb, 1)
    assert shown.endswith("\r\x1b[K")  # the line is erased before the summary
    assert b"Replayed 1 WARC file(s)" in stdout


def test_no_progress_when_not_a_terminal(demo_dataset: Path, tmp_path: Path) -> None:
    result = subprocess.run([*LONGFORM, "replay", str(demo_dataset / "warc"), "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "replaying:" not in result.stderr and "\r" not in result.stderr
