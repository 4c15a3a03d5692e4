"""Every product module has a test: one named after it, or an entry in tests/module_map.py."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def _module_map() -> ModuleType:
    # By path: the test folders are not packages (pytest runs with --import-mode=importlib).
    spec = importlib.util.spec_from_file_location("module_map", Path(__file__).with_name("module_map.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAP = _module_map()


def test_every_module_has_a_test_named_after_it_or_an_entry() -> None:
    missing = MAP.untested()
    assert not missing, (
        "modules without a test: add tests/<package>/test_<module>.py (or, when another test covers it,"
        " an entry in tests/module_map.py ELSEWHERE saying which and why):\n  " + "\n  ".join(missing))


def test_no_entry_is_stale() -> None:
    assert not MAP.stale(), "tests/module_map.py ELSEWHERE:\n  " + "\n  ".join(MAP.stale())


def test_the_map_in_the_design_notes_is_the_rendered_one() -> None:
    text = MAP.DOCS.read_text("utf-8")
    assert MAP.rendered_docs(text) == text, "run: python tests/module_map.py --write"


def test_the_walk_finds_modules_in_subpackages_and_names_their_tests() -> None:
    modules = MAP.product_modules()
    assert "pipelines/normalize/dates.py" in modules and "archive/writer.py" in modules
    assert not any(m.endswith("__init__.py") for m in modules)
    assert MAP.own_test("pipelines/normalize/dates.py") == "tests/pipelines/normalize/test_dates.py"
