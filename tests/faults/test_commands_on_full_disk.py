"""`longform replay`, `export` and `pack` writing to a full disk: one clear line and exit 1, no
traceback, nothing half-written left as if whole; replay completes once space is freed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tmpfs import grow, small_disk

from tests.sites.sample_site import serve_sample_site

LONGFORM = [sys.executable, "-m", "spiders.cli"]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sample-site crawl on a roomy disk: DIR/sample/ with its JSONL files and WARCs."""
    folder = tmp_path_factory.mktemp("dataset")
    with serve_sample_site() as base_url:
        profile = folder / "sample.toml"
        profile.write_text(f'name = "sample"\nbase_url = "{base_url}/"\ntimezone = "America/New_York"\n'
                           "autothrottle = false\ndownload_delay = 0\nconcurrency = 2\n")
        crawl = subprocess.run([*LONGFORM, "crawl", str(profile), "--out", str(folder / "data")],
                               capture_output=True, text=True, timeout=300)
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    return folder / "data" / "sample"


def _one_error_line(result: subprocess.CompletedProcess[str], folder: Path) -> str:
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("longform: error:")]
    assert len(errors) == 1, result.stderr[-2000:]
    assert f"no space left in {folder}" in errors[0] and "bytes free" in errors[0]
    return errors[0]


def _ids(path: Path) -> list[str]:
    data = path.read_bytes()
    assert data.endswith(b"\n")
    return [f"{r.get('article_id', '')}:{r['id']}" for r in map(json.loads, data.splitlines())]


def test_replay_stops_with_whole_lines_and_a_rerun_completes_it(dataset: Path, tmp_path: Path) -> None:
    command = [*LONGFORM, "replay", str(dataset / "warc"), "--out"]
    roomy = subprocess.run([*command, str(tmp_path / "roomy")], capture_output=True, text=True)
    assert roomy.returncode == 0, roomy.stderr[-2000:]
    with small_disk(tmp_path / "disk", "100k") as out:
        full = subprocess.run([*command, str(out)], capture_output=True, text=True)
        _one_error_line(full, out)
        written = _ids(out / "comments.jsonl") if (out / "comments.jsonl").exists() else []
        grow(out, "10m")
        again = subprocess.run([*command, str(out)], capture_output=True, text=True)
        assert again.returncode == 0, again.stderr[-2000:]
        for name in ("articles.jsonl", "comments.jsonl"):
            ids = _ids(out / name)
            assert len(ids) == len(set(ids))  # nothing twice
            assert sorted(ids) == sorted(_ids(tmp_path / "roomy" / name))
    assert len(written) < len(_ids(tmp_path / "roomy" / "comments.jsonl"))  # the disk did fill


def test_export_leaves_no_file_when_the_disk_is_full(dataset: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "100k") as out:
        result = subprocess.run([*LONGFORM, "export", str(dataset), "--out", str(out)],
                                capture_output=True, text=True)
        _one_error_line(result, out)
        assert sorted(p.name for p in out.iterdir()) == []  # neither file, no temp file


def test_pack_leaves_no_file_when_the_disk_is_full(dataset: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "100k") as out:
        result = subprocess.run([*LONGFORM, "pack", str(dataset), "--out", str(out / "sample.wacz")],
                                capture_output=True, text=True)
        _one_error_line(result, out)
        assert sorted(p.name for p in out.iterdir()) == []
