"""pywb's `wayback` server as a child process: find it, start it on loopback, wait for it, stop it.

pywb is not a dependency of this package: pywb 2.10 requires `brotlipy`, whose module is named
`brotli` and replaces the real `brotli` that Scrapy decodes `Content-Encoding: br` with (brotlipy's
Decompressor has no `process()`), and it pins pyOpenSSL below what this project installs. So pywb
lives in a virtualenv of its own (`make pywb` makes `.venv-pywb/`) and runs as a subprocess.
"""

from __future__ import annotations

import errno
import functools
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from pipelines.worker_process import die_with_parent
from spiders.errors import UsageError

ENV_WAYBACK = "LONGFORM_WAYBACK"
PYWB_VENV_WAYBACK = Path(".venv-pywb") / "bin" / "wayback"
START_TIMEOUT = 60.0  # seconds; pywb starts in about 1-2 s, more on a loaded machine
STOP_TIMEOUT = 5.0
_PROJECT = Path(__file__).resolve().parents[1]  # the checkout, for an editable install


class WaybackError(Exception):
    """Raised by `start`/`wait_ready` when pywb exits or never answers; serve reports it (exit 1)."""


def find_wayback(explicit: Path | None) -> Path:
    """The `wayback` to run: `explicit`, else $LONGFORM_WAYBACK, else `.venv-pywb/bin/wayback` in the
    current folder or the project checkout, else `wayback` on PATH. UsageError when there is none."""
    for given, source in ((explicit, "--wayback"), (os.environ.get(ENV_WAYBACK), f"${ENV_WAYBACK}")):
        if given:
            if not _is_executable(Path(given)):
                raise UsageError(f"{source} {given}: not an executable file; give the path of pywb's "
                                 f"`wayback` (e.g. .venv-pywb/bin/wayback after `make pywb`)")
            return Path(given)
    for candidate in (Path.cwd() / PYWB_VENV_WAYBACK, _PROJECT / PYWB_VENV_WAYBACK):
        if _is_executable(candidate):
            return candidate
    on_path = shutil.which("wayback")
    if on_path:
        return Path(on_path)
    raise UsageError("pywb's `wayback` not found; run `make pywb` in the longform-archiver checkout "
                     "(it makes .venv-pywb/), or give --wayback PATH")


def _is_executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def pick_port(host: str, port: int) -> int:
    """`port` if it is free on `host` (UsageError if not), or a free port when `port` is 0."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise UsageError(f"port {port} on {host} is in use; give another with --port N "
                                 f"(or --port 0 for a free one)") from None
            raise UsageError(f"cannot listen on {host}:{port}: {error.strerror}; check --host") from None
        # Freed again for pywb to bind: another process could take it in between, then wait_ready fails.
        return int(probe.getsockname()[1])


def start(wayback: Path, config: Path, host: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    """Start `wayback` with `config`, in the config's folder (pywb looks for templates beside it),
    output to `log`. Its own session, so a terminal's Ctrl-C reaches us and we stop it in order."""
    env = {**os.environ, "PYWB_CONFIG_FILE": str(config)}
    with open(log, "wb") as output:
        return subprocess.Popen(
            [str(wayback), "-b", host, "-p", str(port)], cwd=config.parent, env=env,
            stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,
            # SIGTERM when we die, even by SIGKILL, so pywb is never orphaned
            preexec_fn=functools.partial(die_with_parent, os.getpid(), signal.SIGTERM),
        )


def wait_ready(
    process: subprocess.Popen[bytes], base: str, log: Path, timeout: float = START_TIMEOUT
) -> None:
    """Return once `base` answers over HTTP; WaybackError if pywb exits or `timeout` passes first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise WaybackError(f"pywb exited with status {process.returncode} while starting: "
                               f"{last_line(log)}")
        try:
            with urllib.request.urlopen(base + "/", timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers, whatever it says
        except OSError:
            time.sleep(0.1)
    raise WaybackError(f"pywb did not answer at {base} within {timeout:.0f} s: {last_line(log)}")


def last_line(log: Path) -> str:
    lines = log.read_text("utf-8", errors="replace").strip().splitlines()
    return lines[-1] if lines else "(no output)"


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM pywb's process group and reap it; SIGKILL if it has not ended within STOP_TIMEOUT."""
    if process.poll() is not None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(STOP_TIMEOUT)
            return
        except subprocess.TimeoutExpired:
            continue
    process.wait()
