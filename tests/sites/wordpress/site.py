"""Start the real-WordPress test site (see README.md beside this file) from Python.

Usage in a test::

    from tests.sites.wordpress import site   # namespace import from the repo root,
    # or by path: importlib.util.spec_from_file_location("wp_site", ".../site.py")

    url = site.ensure_site()
    if url is None:
        pytest.skip(site.last_reason)

``ensure_site`` runs ``up.sh`` (idempotent: about half a second when the site is
already up) and returns the base URL, e.g. ``http://127.0.0.1:8089``. It returns
None, with the reason in ``last_reason``, only where the site cannot exist here
(not root, no apt, packages cannot be installed); any other failure of up.sh
raises RuntimeError so that a broken fixture never turns into silent skips.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
last_reason: str | None = None


def ensure_site(port: int = 8089) -> str | None:
    """Bring the WordPress fixture up on 127.0.0.1:``port``; return its base URL or None."""
    global last_reason
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        last_reason = "WordPress fixture needs root (apt-get install; mariadbd/php-fpm/nginx)"
        return None
    if shutil.which("apt-get") is None or shutil.which("dpkg-query") is None:
        last_reason = "WordPress fixture needs Debian's apt-get/dpkg"
        return None
    proc = bring_up(_state(), port)
    if proc.returncode == 2:  # up.sh: this machine cannot host the site
        lines = proc.stderr.strip().splitlines()
        last_reason = lines[-1] if lines else "up.sh cannot run here"
        return None
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        tail = " | ".join(proc.stderr.strip().splitlines()[-5:])
        raise RuntimeError(f"tests/sites/wordpress/up.sh failed ({proc.returncode}): {tail}")
    last_reason = None
    return proc.stdout.strip().splitlines()[-1]


# Who started the fixture, and who still uses it. A test run that finds the fixture down and starts
# it marks it (MARK, naming the processes it started); every run that uses it registers its pid
# (USERS/<pid>). At the end of a run (`stop_if_started`, from tests/conftest.py) the fixture is
# stopped only when a test run started it, it is still that instance, and no other live run uses
# it: a fixture that was up before (started by hand, by .ci/run, by another helper) is left alone.
# All of it is files beside the state folder under one flock, so module copies of this file
# (tests load it by path) and concurrent test runs agree.
SERVICES = {"nginx": "run/nginx.pid", "php-fpm": "run/php-fpm.pid", "mariadbd": "run/mysqld/mysqld.pid"}
"""What down.sh stops: process name -> its pid file in the state folder."""


def _state() -> Path:
    return Path(os.environ.get("WP_STATE_DIR", "/tmp/longform-wp"))


def _beside(state: Path, suffix: str) -> Path:
    return state.parent / f"{state.name}.{suffix}"


def running_services(state: Path) -> dict[str, int]:
    """name -> pid of each fixture service whose pid file names a live process of that name."""
    found = {}
    for name, pidfile in SERVICES.items():
        try:
            pid = int((state / pidfile).read_text().strip())
            comm = Path(f"/proc/{pid}/comm").read_text().strip()
        except (OSError, ValueError):
            continue
        if comm.startswith(name):
            found[name] = pid
    return found


def _start_time(pid: int) -> str | None:
    """The process's start time (clock ticks since boot): a pid and this make one process."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _is_live_user(entry: Path) -> bool:
    """`entry` (USERS/<pid>, holding its start time) names a live process; a stale one is removed."""
    if entry.name.isdigit() and _start_time(int(entry.name)) == (entry.read_text() or None):
        return True
    entry.unlink(missing_ok=True)
    return False


@contextlib.contextmanager
def _users_lock(state: Path) -> Iterator[Path]:
    users = _beside(state, "users")
    users.mkdir(parents=True, exist_ok=True)
    with _beside(state, "users.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield users
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def bring_up(state: Path, port: int = 8089, up: Path = HERE / "up.sh") -> subprocess.CompletedProcess[str]:
    """Run `up` for this process (registered as a user); mark the fixture started by tests when
    it was not running before. up.sh's result."""
    with _users_lock(state) as users:
        before = running_services(state)
        env = dict(os.environ, WP_PORT=str(port), WP_STATE_DIR=str(state))
        proc = subprocess.run(["bash", str(up)], env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=1800, check=False)
        if proc.returncode == 0:
            (users / str(os.getpid())).write_text(_start_time(os.getpid()) or "")
            if len(before) < len(SERVICES):
                _beside(state, "started-by-tests").write_text(json.dumps(running_services(state)))
    return proc


def stop_if_started(state: Path | None = None, down: Path = HERE / "down.sh") -> str | None:
    """At the end of a test run: unregister this process; stop the fixture (down.sh, data kept)
    when a test run started it and no other live run uses it. What was done, for the run's
    summary; None when this process never used the fixture."""
    state = state or _state()
    mark = _beside(state, "started-by-tests")
    if not (_beside(state, "users") / str(os.getpid())).exists():
        return None  # the common case, without a lock: this run never brought the fixture up
    with _users_lock(state) as users:
        (users / str(os.getpid())).unlink()
        if not mark.exists():
            return "left running: it was up before the tests used it"
        if json.loads(mark.read_text() or "{}") != running_services(state):
            mark.unlink()  # stopped or restarted since: not the instance a test run started
            return "left running: not the instance a test run started"
        others = [p.name for p in users.iterdir() if _is_live_user(p)]
        if others:
            return f"left running: test run(s) {', '.join(sorted(others))} still use it"
        subprocess.run(["bash", str(down)], env=dict(os.environ, WP_STATE_DIR=str(state)),
                       stdin=subprocess.DEVNULL, capture_output=True, timeout=120, check=True)
        mark.unlink()
        return "stopped: this test run started it"


HELD = "run/held-settings.json"
"""The settings the fixture's holder found, written when it takes the fixture, removed when it
hands it back. Found by the next holder, it means the last one was killed holding the site."""

# configure.sh's option for each setting `configure.sh --show` prints that a test may change.
_SETTING_OPTIONS = {
    "theme": "--theme", "markup": "--markup", "comment_style": "--comment-style",
    "date_format": "--date-format", "time_format": "--time-format", "locale": "--locale",
    "permalink_structure": "--permalinks", "default_comments_page": "--comments-page",
    "comment_order": "--comment-order", "comments_per_page": "--comments-per-page", "rest": "--rest",
}


def _fixture_command(*argv: str) -> dict[str, Any]:
    proc = subprocess.run(list(argv), capture_output=True, text=True, timeout=180,
                          stdin=subprocess.DEVNULL, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:3])} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return dict(json.loads(proc.stdout))


def settings() -> dict[str, Any]:
    """The running fixture's settings (`configure.sh --show`)."""
    return _fixture_command("bash", str(HERE / "configure.sh"), "--show")


def restore_settings(before: dict[str, Any]) -> dict[str, Any]:
    """Put back every setting a test may change, as `before` (from `settings()`) holds it."""
    now = settings()
    args: list[str] = []
    for key, option in _SETTING_OPTIONS.items():
        if key in before and now.get(key) != before[key]:
            value = before[key]
            args += [option, "plain" if key == "permalink_structure" and not value else str(value)]
    return _fixture_command("bash", str(HERE / "configure.sh"), *args) if args else now


def ground_truth() -> dict[str, Any]:
    """WordPress's own export of the running fixture (`ground_truth.php`)."""
    return _fixture_command("php", str(HERE / "ground_truth.php"))


def undo_pending_changes() -> int:
    """Undo every content change of changes.php not undone yet; how many there were."""
    return int(_fixture_command("php", str(HERE / "changes.php"), "undo-pending")["undone"])


def _hand_back(held: Path) -> None:
    """Undo what the holder that wrote `held` left changed: content first, then settings."""
    undo_pending_changes()
    restore_settings(json.loads(held.read_text()))
    held.unlink()


@contextlib.contextmanager
def exclusive() -> Iterator[dict[str, Any]]:
    """Hold the machine's one fixture (README: "One fixture per machine") while a test module
    reconfigures or changes it; other test runs and record_demo.py wait here meanwhile.

    The fixture is handed back as it was taken: its settings and changes.php's content changes
    are put back on the way out. A holder killed on the way (SIGKILL, a machine restart) cannot
    do that, so the next holder does it first, from HELD and changes.php's undo journal. Yields
    the settings as taken (for a holder that must put them back before removing a theme)."""
    state = _state()
    held = state / HELD
    with (state / "run" / "crawl-tests.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if held.exists():  # the last holder was killed holding the fixture
                _hand_back(held)
            else:  # a journal left by changes.php run outside a holder (by hand, or before HELD)
                undo_pending_changes()
            taken = settings()
            partial = held.with_suffix(".partial")
            partial.write_text(json.dumps(taken))
            partial.replace(held)  # whole or absent, whenever a kill comes
            try:
                yield taken
            finally:
                _hand_back(held)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def url_for_tests() -> str:
    """`ensure_site()` for a test: the home URL ending in '/'; a skip where the site cannot run
    here (no root, no apt), a failure instead under CI=true, where it must run."""
    import pytest

    url = ensure_site()
    if url is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the WordPress fixture cannot run here: {last_reason}")
        pytest.skip(last_reason or "the WordPress fixture cannot run here")
    return url.rstrip("/") + "/"


if __name__ == "__main__":  # `site.py running`: exit 0 when every fixture service is up (.ci/run)
    if sys.argv[1:] == ["running"]:
        up = running_services(_state())
        print(f"{len(up)} of {len(SERVICES)} fixture services running: {', '.join(up) or 'none'}")
        sys.exit(0 if len(up) == len(SERVICES) else 1)
    sys.exit(f"usage: {sys.argv[0]} running")
