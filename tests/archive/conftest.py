"""Archive test fixtures: a real small dataset (one `longform demo` crawl per session) and the
third-party WARC corpus (`warc_corpus.py`, imported by name: this folder is on sys.path)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from warc_corpus import CorpusFile, build_corpus, wget_mirror  # noqa: E402

WORDPRESS_SITE = Path(__file__).resolve().parents[1] / "sites" / "wordpress" / "site.py"
WORDPRESS_DEFAULTS = {"theme": "twentytwentyone", "rest": "on",
                      "permalink_structure": "/archives/%year%/%monthnum%/%postname%.php"}
"""The fixture's seeded configuration, the one a mirror is compared at."""


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


def wordpress_site() -> Any:
    """tests/sites/wordpress/site.py, loaded by path (tests/ folders are not packages)."""
    spec = importlib.util.spec_from_file_location("wordpress_fixture_site_archive", WORDPRESS_SITE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


def assert_seeded_configuration() -> None:
    """Fail unless the WordPress fixture runs in its seeded configuration (another test module
    left it changed otherwise)."""
    import json

    configure = WORDPRESS_SITE.parent / "configure.sh"
    shown = json.loads(subprocess.run(["bash", str(configure), "--show"], capture_output=True, text=True,
                                      check=True, timeout=120).stdout)
    assert {key: shown[key] for key in WORDPRESS_DEFAULTS} == WORDPRESS_DEFAULTS, shown
