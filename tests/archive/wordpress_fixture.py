"""The WordPress fixture (tests/sites/wordpress) for the archive tests: loaded by path, and checked to
run in its seeded configuration (the one a crawl of it is compared at)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path
from typing import Any

WORDPRESS_SITE = Path(__file__).resolve().parents[1] / "sites" / "wordpress" / "site.py"
WORDPRESS_DEFAULTS = {"theme": "twentytwentyone", "rest": "on",
                      "permalink_structure": "/archives/%year%/%monthnum%/%postname%.php"}
"""The fixture's seeded configuration."""


def wordpress_site() -> Any:
    """tests/sites/wordpress/site.py, loaded by path (tests/ folders are not packages)."""
    spec = importlib.util.spec_from_file_location("wordpress_fixture_site_archive", WORDPRESS_SITE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def assert_seeded_configuration() -> None:
    """Fail unless the WordPress fixture runs in its seeded configuration (another test module
    left it changed otherwise)."""
    configure = WORDPRESS_SITE.parent / "configure.sh"
    shown = json.loads(subprocess.run(["bash", str(configure), "--show"], capture_output=True, text=True,
                                      check=True, timeout=120).stdout)
    assert {key: shown[key] for key in WORDPRESS_DEFAULTS} == WORDPRESS_DEFAULTS, shown
