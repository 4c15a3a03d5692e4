"""Running one stage in a child process and measuring it: wall time, CPU, peak RSS.

CPU is the child's user + system time from `wait4` (it includes any processes the child waited
for, so a worker pool counts). Peak RSS is the child's own high-water mark (`VmHWM`), sampled
every 10 ms while it runs: Linux carries `ru_maxrss` across exec, so a child would report at least
its parent's peak; `ru_maxrss` is kept beside it.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """What one child process took."""

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    ru_maxrss_mb: float
    status: int
    stdout: str


class StageFailed(RuntimeError):
    """A stage's process exited non-zero: the harness stops with its stderr."""


def run(command: list[str], log_dir: Path, cwd: Path | None = None, ok: tuple[int, ...] = (0,)) -> Run:
    """Run `command`, its output in `log_dir`/stdout|stderr; raise StageFailed on a bad status."""
    log_dir.mkdir(parents=True, exist_ok=True)
    out_path, err_path = log_dir / "stdout", log_dir / "stderr"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd)
        peak_kb = 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            peak_kb = max(peak_kb, _hwm_kb(process.pid))
            time.sleep(0.01)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    if process.returncode not in ok:
        raise StageFailed(f"{' '.join(command[:4])}... exited {process.returncode}:\n"
                          + err_path.read_text(errors="replace")[-3000:])
    return Run(seconds, usage.ru_utime + usage.ru_stime, (peak_kb or usage.ru_maxrss) / 1024,
               usage.ru_maxrss / 1024, process.returncode, out_path.read_text(errors="replace"))


def _hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:  # gone between wait4 and here
        pass
    return 0


def folder_bytes(folder: Path, pattern: str = "*") -> int:
    """Bytes of the files under `folder` whose names match `pattern`."""
    return sum(p.stat().st_size for p in folder.rglob(pattern) if p.is_file())
