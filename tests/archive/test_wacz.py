"""`longform pack`: a WACZ of a real demo crawl that py-wacz's own `wacz validate` accepts."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from archive.records import Exchange
from archive.wacz import PAGES_HEADER, build_wacz
from archive.writer import RollingWarcWriter

LONGFORM = [sys.executable, "-m", "spiders.cli"]


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([*LONGFORM, *map(str, args)], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def _jsonl(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


@pytest.fixture(scope="module")
def packed(demo_dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wacz") / "demo.wacz"
    result = _run("pack", demo_dataset.parent, "--out", out)
    assert result.returncode == 0, result.stderr
    assert f"{out} (" in result.stdout and result.stderr == ""
    return out


def test_wacz_validate_accepts_the_pack(packed: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "wacz", "validate", "-f", str(packed)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the passed WACZ is valid" in result.stdout


def test_pack_holds_the_warcs_as_they_are_stored(packed: Path, demo_dataset: Path) -> None:
    with zipfile.ZipFile(packed) as wacz:
        names = set(wacz.namelist())
        assert {"indexes/index.cdx.gz", "pages/pages.jsonl", "datapackage.json",
                "datapackage-digest.json", "datasets/demo-articles.jsonl",
                "datasets/demo-comments.jsonl"} <= names
        for warc in (demo_dataset / "warc").glob("*.warc.gz"):
            info = wacz.getinfo(f"archive/{warc.name}")
            assert info.compress_type == zipfile.ZIP_STORED  # replay tools read WARCs by range
            assert wacz.read(info) == warc.read_bytes()
        package = json.loads(wacz.read("datapackage.json"))
        for resource in package["resources"]:
            digest = hashlib.sha256(wacz.read(resource["path"])).hexdigest()
            assert resource["hash"] == f"sha256:{digest}", resource["path"]
        listed = {resource["path"] for resource in package["resources"]}
        assert listed == names - {"datapackage.json", "datapackage-digest.json"}


def test_pages_are_one_per_article_at_its_capture(packed: Path, demo_dataset: Path) -> None:
    articles = _jsonl((demo_dataset / "articles.jsonl").read_bytes())
    with zipfile.ZipFile(packed) as wacz:
        header, *pages = _jsonl(wacz.read("pages/pages.jsonl"))
    assert header["format"] == "json-pages-1.0"
    expected = {(a["provenance"]["target_uri"], a["title"]) for a in articles}
    assert {(page["url"], page["title"]) for page in pages} == expected
    captured = {a["provenance"]["target_uri"]: a["provenance"]["warc_date"] for a in articles}
    assert all(page["ts"][:19] == captured[page["url"]][:19] for page in pages)  # py-wacz drops µs


def test_packed_datasets_keep_every_field_and_point_into_the_pack(
    packed: Path, demo_dataset: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(packed) as wacz:
        wacz.extractall(tmp_path)
    for name in ("articles", "comments"):
        original = _jsonl((demo_dataset / f"{name}.jsonl").read_bytes())
        inside = _jsonl((tmp_path / "datasets" / f"demo-{name}.jsonl").read_bytes())
        for before, after in zip(original, inside, strict=True):
            warc_name = Path(before["provenance"]["warc_file"]).name
            assert after["provenance"].pop("warc_file") == f"../archive/{warc_name}"
            before["provenance"].pop("warc_file")
            assert after == before
    result = _run("verify", *sorted((tmp_path / "datasets").glob("*.jsonl")), tmp_path / "archive")
    assert result.returncode == 0, result.stdout


def test_build_wacz_in_process_with_warnings_as_errors(demo_dataset: Path, tmp_path: Path) -> None:
    warcs = sorted((demo_dataset / "warc").glob("*.warc.gz"))
    out = tmp_path / "small.wacz"
    unmatched = build_wacz(warcs, out, [{"url": "http://127.0.0.1:1/none", "ts": "2020-01-01T00:00:00Z"}],
                           {"datasets/notes.txt": b"hello"}, title="t")
    assert len(unmatched) == 1 and "http://127.0.0.1:1/none" in unmatched[0]
    with zipfile.ZipFile(out) as wacz:
        assert wacz.read("datasets/notes.txt") == b"hello"
    assert [p.name for p in tmp_path.iterdir()] == ["small.wacz"]  # the work folder is gone


@pytest.mark.parametrize(
    ("folder", "out", "message"),
    [
        ("missing", "x.wacz", "no such folder"),
        ("empty", "x.wacz", "no .warc.gz files under"),
        ("demo", "x.zip", "name the file .wacz"),
        ("demo", "nofolder/x.wacz", "does not exist"),
    ],
)
def test_bad_arguments_exit_2_and_write_nothing(
    demo_dataset: Path, tmp_path: Path, folder: str, out: str, message: str
) -> None:
    (tmp_path / "empty").mkdir()
    shutil.copytree(demo_dataset, tmp_path / "demo")
    before = sorted(tmp_path.rglob("*"))
    result = _run("pack", tmp_path / folder, "--out", tmp_path / out)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and message in result.stderr
    assert sorted(tmp_path.rglob("*")) == before


def test_build_wacz_of_fresh_warcs_lists_every_file_with_its_digest(tmp_path: Path) -> None:
    """The unit below `longform pack`: WARCs straight from the writer, no crawl, no CLI."""
    writer = RollingWarcWriter(tmp_path / "warc", "site", {}, max_file_size=1)  # two files
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    for n in (1, 2):
        body = f"<html><head><title>Post {n}</title></head><body>text</body></html>".encode()
        writer.write_exchange(Exchange(f"http://127.0.0.1:9/{n}/", "GET", (), b"", "HTTP/1.1", 200,
                                       (("Content-Type", "text/html"),), body), when)
    writer.close()
    pages = [{"url": "http://127.0.0.1:9/1/", "ts": "2026-01-02T03:04:05Z", "title": "Post 1"}]
    out = tmp_path / "site.wacz"
    assert build_wacz(writer.files, out, pages, {"datasets/a.jsonl": b'{"id":"1"}\n'}, "t") == []
    with zipfile.ZipFile(out) as wacz:
        package = json.loads(wacz.read("datapackage.json"))
        digest = json.loads(wacz.read("datapackage-digest.json"))
        assert digest["hash"] == "sha256:" + hashlib.sha256(wacz.read("datapackage.json")).hexdigest()
        resources = {resource["path"]: resource for resource in package["resources"]}
        assert resources["datasets/a.jsonl"]["bytes"] == 11
        for path in [f"archive/{warc.name}" for warc in writer.files] + ["datasets/a.jsonl"]:
            assert resources[path]["hash"] == "sha256:" + hashlib.sha256(wacz.read(path)).hexdigest()
        assert wacz.getinfo(f"archive/{writer.files[1].name}").compress_type == zipfile.ZIP_STORED
        header, page = (json.loads(line) for line in wacz.read("pages/pages.jsonl").splitlines())
    assert header == PAGES_HEADER and page["url"] == "http://127.0.0.1:9/1/" and page["title"] == "Post 1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site.wacz", "warc"]
