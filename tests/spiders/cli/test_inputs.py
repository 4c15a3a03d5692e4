"""spiders/cli/inputs.py: which WARC files and datasets the paths on a command line name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from spiders.cli.inputs import named, warcs_in
from spiders.errors import UsageError


def _tree(root: Path) -> None:
    for name in ("a/warc/00001.warc.gz", "a/warc/00000.warc", "a/articles.jsonl", "b/comments.jsonl",
                 "a/warc/notes.txt", "a/warc/index.cdxj"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"x")


def test_a_folder_names_its_warcs_below_it_sorted_and_its_datasets(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = named([tmp_path], datasets=True)
    assert found.warcs == [tmp_path / "a/warc/00000.warc", tmp_path / "a/warc/00001.warc.gz"]
    assert found.jsonl == [tmp_path / "a/articles.jsonl", tmp_path / "b/comments.jsonl"]
    assert found.warc_folders == [tmp_path / "a/warc"]
    assert named([tmp_path]).jsonl == []  # datasets only when the command reads them


def test_each_file_once_in_the_order_first_named(tmp_path: Path) -> None:
    _tree(tmp_path)
    second = tmp_path / "a/warc/00001.warc.gz"
    found = named([second, tmp_path / "a", tmp_path / "a/articles.jsonl"], datasets=True)
    assert found.warcs == [second, tmp_path / "a/warc/00000.warc"]
    assert found.jsonl == [tmp_path / "a/articles.jsonl"]


def test_a_file_stands_for_itself_whatever_its_name(tmp_path: Path) -> None:
    _tree(tmp_path)
    other = tmp_path / "a/warc/notes.txt"
    assert named([other]).warcs == [other]  # the caller sniffs it (verify) or refuses it (index)
    folder = tmp_path / "a/warc"
    assert warcs_in(folder) == [folder / "00000.warc", folder / "00001.warc.gz"]


@pytest.mark.parametrize(("path", "message"), [
    ("missing", "no such file or folder"),
    ("empty", r"no \.warc\.gz files or articles\.jsonl/comments\.jsonl in folder"),
])
def test_nothing_to_read_is_a_usage_error(tmp_path: Path, path: str, message: str) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match=message):
        named([tmp_path / path], datasets=True)


def test_help_does_not_load_scrapy_or_warcio() -> None:
    # The verb modules import their work inside the handler: --help answers at once.
    code = ("import sys; from spiders.cli import main\n"
            "try: main(['--help'])\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('scrapy', 'warcio', 'lxml') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "[]"
