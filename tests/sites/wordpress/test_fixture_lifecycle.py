"""A test run stops the WordPress fixture it started, and only that one (site.py, called from
tests/conftest.py at the end of a run). Run against a throwaway fixture: a state folder of its own
whose three "services" are sleeping processes named nginx, php-fpm and mariadbd, started by a
stand-in for up.sh and stopped by the real down.sh (it stops what the pid files name). The shared
fixture on port 8089 is never touched. .ci/run checks the real one is still up after `make test`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sites.wordpress import site

ROOT = Path(__file__).resolve().parents[3]
FAKE_UP = r"""#!/usr/bin/env bash
# Stand-in for up.sh: start each service whose pid file names no live process of its name. A
# keeper process forks the service and waits for it, so a stopped service is reaped at once.
set -eu
S="$WP_STATE_DIR"; mkdir -p "$S/run/mysqld"
KEEPER='import os, sys, time
child = os.fork()
if child == 0:
    with open("/proc/self/comm", "w") as comm:
        comm.write(sys.argv[1])
    time.sleep(600)
    os._exit(0)
with open(sys.argv[2], "w") as pidfile:
    pidfile.write(str(child))
os.waitpid(child, 0)'
start() {
  if [ -s "$2" ] && [ "$(cat "/proc/$(cat "$2")/comm" 2>/dev/null)" = "$1" ]; then return 0; fi
  rm -f "$2"
  "$FAKE_PYTHON" -c "$KEEPER" "$1" "$2" </dev/null >/dev/null 2>&1 &
  for _ in $(seq 200); do
    [ -s "$2" ] && [ "$(cat "/proc/$(cat "$2")/comm" 2>/dev/null)" = "$1" ] && return 0
    sleep 0.05
  done
  return 1
}
start nginx "$S/run/nginx.pid"
start php-fpm "$S/run/php-fpm.pid"
start mariadbd "$S/run/mysqld/mysqld.pid"
echo "http://127.0.0.1:$WP_PORT"
"""


@pytest.fixture()
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A throwaway fixture's state folder; whatever of its services is left is killed after."""
    monkeypatch.setenv("FAKE_PYTHON", sys.executable)
    folder = tmp_path / "wp"
    yield folder
    for pid in site.running_services(folder).values():
        os.kill(pid, signal.SIGKILL)


@pytest.fixture()
def up(tmp_path: Path) -> Path:
    script = tmp_path / "fake-up.sh"
    script.write_text(FAKE_UP)
    return script


def _bring_up(state: Path, up: Path) -> None:
    result = site.bring_up(state, port=1, up=up)
    assert result.returncode == 0, result.stderr


def test_a_run_that_started_the_fixture_stops_it(state: Path, up: Path) -> None:
    _bring_up(state, up)
    assert set(site.running_services(state)) == {"nginx", "php-fpm", "mariadbd"}
    assert site.stop_if_started(state) == "stopped: this test run started it"
    assert site.running_services(state) == {}
    assert site.stop_if_started(state) is None  # once


def test_a_fixture_that_was_up_before_the_run_is_left_up(state: Path, up: Path) -> None:
    subprocess.run(["bash", str(up)], env=dict(os.environ, WP_STATE_DIR=str(state), WP_PORT="1"),
                   check=True, capture_output=True)  # by hand, or by .ci/run
    before = site.running_services(state)
    _bring_up(state, up)
    assert site.stop_if_started(state) == "left running: it was up before the tests used it"
    assert site.running_services(state) == before


def test_a_run_that_never_used_the_fixture_leaves_it_alone(state: Path, up: Path) -> None:
    subprocess.run(["bash", str(up)], env=dict(os.environ, WP_STATE_DIR=str(state), WP_PORT="1"),
                   check=True, capture_output=True)
    before = site.running_services(state)
    assert site.stop_if_started(state) is None
    assert site.running_services(state) == before


def test_the_last_of_two_runs_stops_it(state: Path, up: Path) -> None:
    """This run starts the fixture, another run (a second process) uses it too: the first to end
    leaves it up for the other, which stops it when it ends."""
    _bring_up(state, up)
    other = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom pathlib import Path\nfrom tests.sites.wordpress import site\n"
         f"state, up = Path({str(state)!r}), Path({str(up)!r})\n"
         "assert site.bring_up(state, port=1, up=up).returncode == 0\n"
         "print('joined', flush=True)\nsys.stdin.readline()\nprint(site.stop_if_started(state))\n"],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert other.stdin is not None and other.stdout is not None
    assert other.stdout.readline() == "joined\n"
    assert site.stop_if_started(state) == f"left running: test run(s) {other.pid} still use it"
    assert len(site.running_services(state)) == 3
    out, _ = other.communicate("end\n", timeout=120)
    assert out == "stopped: this test run started it\n"
    assert site.running_services(state) == {}


def test_a_fixture_restarted_by_hand_meanwhile_is_left_up(state: Path, up: Path) -> None:
    _bring_up(state, up)
    subprocess.run(["bash", str(site.HERE / "down.sh")], env=dict(os.environ, WP_STATE_DIR=str(state)),
                   check=True, capture_output=True)
    subprocess.run(["bash", str(up)], env=dict(os.environ, WP_STATE_DIR=str(state), WP_PORT="1"),
                   check=True, capture_output=True)
    assert site.stop_if_started(state) == "left running: not the instance a test run started"
    assert len(site.running_services(state)) == 3
