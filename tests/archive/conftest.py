"""A real small dataset for the archive tests: one `longform demo` crawl per test session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def demo_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """DIR/demo/ as the demo writes it: articles.jsonl, comments.jsonl, warc/*.warc.gz. Read only:
    tests that damage it work on a copy."""
    out = tmp_path_factory.mktemp("demo-dataset")
    result = subprocess.run([sys.executable, "-m", "spiders.cli", "demo", "--out", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr[-4000:]
    return out / "demo"
