"""`python -m spiders.cli` runs the CLI; importing `spiders.cli.__main__` does not (a documentation
tool, a doctest collector or a stray import would otherwise start a crawl, or exit 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def _python(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=60, cwd=REPO)


def test_importing_the_main_module_runs_nothing() -> None:
    done = _python("-c", "import spiders.cli.__main__ as m; print('imported', m.main.__module__)")
    assert (done.returncode, done.stdout, done.stderr) == (0, "imported spiders.cli\n", "")


def test_running_the_package_runs_the_cli() -> None:
    done = _python("-m", "spiders.cli", "--help")
    assert done.returncode == 0 and "usage: longform" in done.stdout
    bad = _python("-m", "spiders.cli", "no-such-verb")
    assert bad.returncode == 2 and "invalid choice: 'no-such-verb'" in bad.stderr
