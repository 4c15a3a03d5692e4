"""A WARC file torn by a kill is cut back to its last whole exchange, earlier bytes untouched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from archive.records import Exchange, build_exchange_records
from archive.repair import repair_tail
from archive.writer import RollingWarcWriter, _serialize

EXCHANGE = Exchange(
    url="http://127.0.0.1/a?x=1", method="GET", request_headers=(("Accept", "*/*"),),
    request_body=b"", protocol="HTTP/1.1", status=200,
    response_headers=(("Content-Type", "text/html"),), response_body=b"<p>page</p>" * 200,
)


def _two_exchanges(folder: Path) -> tuple[Path, int]:
    writer = RollingWarcWriter(folder, "t", {"crawl-id": "c"})
    writer.write_exchange(EXCHANGE)
    writer.write_exchange(EXCHANGE)
    writer.close()
    (path,) = writer.files
    return path, path.stat().st_size


def _check(path: Path) -> None:
    check = subprocess.run([sys.executable, "-m", "spiders.cli", "verify", str(path)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_a_clean_file_is_left_alone(tmp_path: Path) -> None:
    path, size = _two_exchanges(tmp_path)
    assert repair_tail(path) == 0 and path.stat().st_size == size


def test_a_torn_last_record_is_cut_off(tmp_path: Path) -> None:
    path, size = _two_exchanges(tmp_path)
    whole = path.read_bytes()
    builder = RollingWarcWriter(tmp_path, "x", {})._builder
    response, _ = build_exchange_records(builder, EXCHANGE, "2026-01-01T00:00:00Z")
    torn = _serialize(builder, response)[:300]
    path.write_bytes(whole + torn)
    assert repair_tail(path) == len(torn)
    assert path.read_bytes() == whole
    _check(path)


def test_a_response_whose_request_never_followed_is_cut_off(tmp_path: Path) -> None:
    path, size = _two_exchanges(tmp_path)
    whole = path.read_bytes()
    builder = RollingWarcWriter(tmp_path, "x", {})._builder
    response, _ = build_exchange_records(builder, EXCHANGE, "2026-01-01T00:00:00Z")
    orphan = _serialize(builder, response)
    path.write_bytes(whole + orphan)
    assert repair_tail(path) == len(orphan)
    assert path.read_bytes() == whole
    _check(path)
