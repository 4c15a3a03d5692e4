"""Archive test fixtures: a real small dataset (one `longform demo` crawl per session) and the
third-party WARC corpus (`warc_corpus.py`, imported by name: this folder is on sys.path)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from warc_corpus import CorpusFile, build_corpus, wget_mirror  # noqa: E402
from wordpress_fixture import assert_seeded_configuration, wordpress_site  # noqa: E402


@pytest.fixture(scope="session")
def demo_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """DIR/demo/ as the demo writes it: articles.jsonl, comments.jsonl, warc/*.warc.gz. Read only:
    tests that damage it work on a copy."""
    out = tmp_path_factory.mktemp("demo-dataset")
    result = subprocess.run([sys.executable, "-m", "spiders.cli", "demo", "--out", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr[-4000:]
    return out / "demo"


@pytest.fixture(scope="session")
def third_party_corpus(tmp_path_factory: pytest.TempPathFactory) -> list[CorpusFile]:
    """Every corpus file but the WordPress mirror (committed, tool-made now, damaged copies).
    Read only: copy a file before changing it."""
    return build_corpus(tmp_path_factory.mktemp("third-party-warcs"))


@pytest.fixture(scope="session")
def wordpress_wget_mirror(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """(base URL, `wget --mirror --warc-file` WARC) of the WordPress fixture in its seeded
    configuration (held exclusively while wget runs, so no test reconfigures it meanwhile).
    Skips where the fixture cannot run (fails under CI=true)."""
    site = wordpress_site()
    url = site.url_for_tests()
    with site.exclusive():
        assert_seeded_configuration()
        return url, wget_mirror(tmp_path_factory.mktemp("wget-mirror"), url)
