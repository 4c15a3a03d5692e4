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
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
last_reason: str | None = None


def ensure_site(port: int = 8089) -> str | None:
    """Bring the WordPress fixture up on 127.0.0.1:``port``; return its base URL or None."""
    global last_reason
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        last_reason = "WordPress fixture needs root (apt-get install; mariadb/php-fpm/nginx)"
        return None
    if shutil.which("apt-get") is None or shutil.which("dpkg-query") is None:
        last_reason = "WordPress fixture needs Debian's apt-get/dpkg"
        return None
    env = dict(os.environ, WP_PORT=str(port))
    proc = subprocess.run(
        ["bash", str(HERE / "up.sh")],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
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


@contextlib.contextmanager
def exclusive() -> Iterator[None]:
    """Hold the machine's one fixture (README: "One fixture per machine") while a test module
    reconfigures or changes it; other test runs and record_demo.py wait here meanwhile."""
    state = Path(os.environ.get("WP_STATE_DIR", "/tmp/longform-wp"))
    with (state / "run" / "crawl-tests.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
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
