"""Two bench runs never share a generated site: the second takes a sibling folder, and the first
one's pages (whose URLs carry its port) are left as they were (bench/speed_bench.py `site`)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _speed_bench() -> ModuleType:
    sys.path.insert(0, str(BENCH))  # as the script does for its `speed` package
    spec = importlib.util.spec_from_file_location("speed_bench", BENCH / "speed_bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_site_held_by_one_run_is_not_rebuilt_by_another(tmp_path: Path) -> None:
    bench = _speed_bench()
    with bench.site(tmp_path, 2) as (first, manifest):
        before = (first / "manifest.json").read_text()
        home = (first / "index.html.gz").read_bytes()
        with bench.site(tmp_path, 2) as (second, other):
            assert first == tmp_path / "2" and second == tmp_path / "2-2"
            assert other.base != manifest.base  # its own port, baked into its own pages
        assert (first / "manifest.json").read_text() == before
        assert (first / "index.html.gz").read_bytes() == home
    with bench.site(tmp_path, 2) as (again, reused):  # free again: reused as it is
        assert again == first and reused.base == json.loads(before)["base"]
