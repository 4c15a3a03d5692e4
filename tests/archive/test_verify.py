"""`longform verify`: a clean demo dataset passes; each kind of damage is caught and named.

The damaged datasets are copies of one real demo crawl, broken in tmp folders: an edited payload
(record re-compressed), bit rot in the compressed bytes, a truncated final record, a record removed
from the middle, and a JSONL record pointing at the wrong offset.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.verify import verify_warcs
from archive.verify_provenance import check_jsonl

LONGFORM = [sys.executable, "-m", "spiders.cli"]


@attrs.define(frozen=True)
class Rec:
    """One record of the demo WARC as plain warcio sees it."""

    offset: int
    length: int
    rec_type: str
    record_id: str
    uri: str


def _verify(*paths: Path) -> tuple[int, list[str]]:
    result = subprocess.run([*LONGFORM, "verify", *map(str, paths)], capture_output=True, text=True,
                            timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stdout.splitlines()
    assert lines and lines[-1].startswith("Verified "), result.stdout
    return result.returncode, lines[:-1]


def _copy(demo: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the dataset, and its (only) WARC file."""
    copy = tmp_path / "demo"
    shutil.copytree(demo, copy)
    (warc,) = sorted((copy / "warc").glob("*.warc.gz"))
    return copy, warc


def demo_dataset_warc(demo: Path) -> Path:
    (warc,) = sorted((demo / "warc").glob("*.warc.gz"))
    return warc


def _records(warc: Path) -> list[Rec]:
    found = []
    with open(warc, "rb") as stream:
        iterator = ArchiveIterator(stream)
        for record in iterator:
            record.content_stream().read()
            headers = record.rec_headers
            found.append(Rec(iterator.get_record_offset(), iterator.get_record_length(), record.rec_type,
                             headers.get_header("WARC-Record-ID"), headers.get_header("WARC-Target-URI")))
    return found


def _article_response(demo: Path, index: int = 0) -> tuple[Rec, Rec]:
    """The response record an article of the dataset points at, and the request after it."""
    provenance = json.loads((demo / "articles.jsonl").read_text("utf-8").splitlines()[index])["provenance"]
    records = _records(demo / provenance["warc_file"])
    position = next(i for i, r in enumerate(records) if r.offset == provenance["warc_offset"])
    assert records[position + 1].rec_type == "request"
    return records[position], records[position + 1]


def _splice(warc: Path, offset: int, length: int, replacement: bytes) -> None:
    data = warc.read_bytes()
    warc.write_bytes(data[:offset] + replacement + data[offset + length:])


def test_clean_dataset_verifies(demo_dataset: Path) -> None:
    status, problems = _verify(demo_dataset)
    assert (status, problems) == (0, [])
    status, problems = _verify(*sorted((demo_dataset / "warc").glob("*.warc.gz")))
    assert (status, problems) == (0, [])


def test_clean_dataset_passes_warcio_check(demo_dataset: Path) -> None:
    """The tool nobody on this project wrote agrees with the clean verdict."""
    warcs = sorted((demo_dataset / "warc").glob("*.warc.gz"))
    result = subprocess.run([sys.executable, "-m", "warcio.cli", "check", *map(str, warcs)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_edited_payload_fails_its_digests(demo_dataset: Path, tmp_path: Path) -> None:
    copy, warc = _copy(demo_dataset, tmp_path)
    response, _ = _article_response(copy)
    member = warc.read_bytes()[response.offset:response.offset + response.length]
    record = bytearray(gzip.decompress(member))
    record[-100] ^= 0x01  # a byte of the HTTP payload (the body is kept gzip'd, as it came)
    _splice(warc, response.offset, response.length, gzip.compress(bytes(record)))

    status, problems = _verify(copy)
    assert status == 1
    at_record = [p for p in problems if p.startswith(f"{warc}: offset {response.offset}: ")]
    block, payload = "no longer matches WARC-Block-Digest", "no longer matches WARC-Payload-Digest"
    assert any(block in p and response.record_id in p for p in at_record), problems
    assert any(payload in p and response.uri in p for p in at_record), problems


def test_bit_rot_in_compressed_bytes_is_a_damaged_member(demo_dataset: Path, tmp_path: Path) -> None:
    copy, warc = _copy(demo_dataset, tmp_path)
    response, request = _article_response(copy, index=2)
    data = bytearray(warc.read_bytes())
    data[response.offset + response.length // 2] ^= 0x10
    warc.write_bytes(bytes(data))

    status, problems = _verify(copy)
    assert status == 1
    damaged = f"{warc}: offset {response.offset}: gzip member damaged"
    assert any(p.startswith(damaged) and response.record_id in p for p in problems), problems
    # The records after the damage are still read: only the lost response's request is orphaned.
    orphan = f"{warc}: offset {request.offset}: request record {request.record_id}"
    assert any(p.startswith(orphan) and "has no response record" in p for p in problems), problems


def test_truncated_final_record_is_named(demo_dataset: Path, tmp_path: Path) -> None:
    copy, warc = _copy(demo_dataset, tmp_path)
    *_, before_last, last = _records(warc)
    with open(warc, "r+b") as stream:
        stream.truncate(last.offset + last.length - 100)

    status, problems = _verify(warc)
    assert status == 1
    truncated = f"gzip member truncated: the file ends {last.length - 100} bytes into it"
    named = f"{warc}: offset {last.offset}: {truncated}"
    assert any(p.startswith(named) and last.record_id in p for p in problems), problems
    assert any(p.startswith(f"{warc}: offset {before_last.offset}: response record") for p in problems)


def test_record_removed_from_the_middle(demo_dataset: Path, tmp_path: Path) -> None:
    copy, warc = _copy(demo_dataset, tmp_path)
    response, request = _article_response(copy, index=3)
    _splice(warc, request.offset, request.length, b"")

    status, problems = _verify(copy)
    assert status == 1
    orphan = f"{warc}: offset {response.offset}: response record {response.record_id}"
    assert any(p.startswith(orphan) and "has no request record" in p for p in problems), problems
    # Every dataset record whose WARC record came after the cut now points at the wrong bytes.
    moved = _lines_pointing_after(copy, request.offset)
    assert moved
    flagged = {
        (jsonl, number)
        for jsonl in (copy / "articles.jsonl", copy / "comments.jsonl")
        for number in _flagged_lines(problems, jsonl, "provenance points at ")
    }
    assert flagged == set(moved)


def test_jsonl_record_pointing_at_the_wrong_offset(demo_dataset: Path, tmp_path: Path) -> None:
    copy, _ = _copy(demo_dataset, tmp_path)
    response, request = _article_response(copy, index=1)
    lines = (copy / "articles.jsonl").read_text("utf-8").splitlines()
    # line 2 points at the request record after its response, line 4 a byte into a record,
    # line 5 claims a length its record does not have.
    lines[1] = lines[1].replace(f'"warc_offset":{response.offset},"warc_length":{response.length},',
                                f'"warc_offset":{request.offset},"warc_length":{request.length},')
    lines[3] = _edit_provenance(lines[3], lambda p: {**p, "warc_offset": p["warc_offset"] + 1})
    lines[4] = _edit_provenance(lines[4], lambda p: {**p, "warc_length": p["warc_length"] - 1})
    (copy / "articles.jsonl").write_text("\n".join(lines) + "\n", "utf-8")

    status, problems = _verify(copy)
    assert status == 1
    jsonl = copy / "articles.jsonl"
    assert len(problems) == 3 and all(p.startswith(f"{jsonl}: line ") for p in problems), problems
    line2, line4, line5 = problems
    assert line2.startswith(f"{jsonl}: line 2: provenance warc_record_id {response.record_id} but ")
    assert line2.endswith(f"holds request record {request.record_id} {request.uri}")
    assert line4.startswith(f"{jsonl}: line 4: provenance points at ")
    assert line4.endswith("no gzip member starts here")
    assert line5.startswith(f"{jsonl}: line 5: provenance warc_length ")


def test_recompressed_warc_is_caught(demo_dataset: Path, tmp_path: Path) -> None:
    """`zcat | gzip`: the records are intact but one member holds them all, so no offset opens one."""
    copy, warc = _copy(demo_dataset, tmp_path)
    warc.write_bytes(gzip.compress(_gunzip_members(warc.read_bytes())))

    status, problems = _verify(copy)
    assert status == 1
    # Not damage (every record reads whole, as in pywb's one-member sample), but said: no offset opens
    # a record; and the dataset's provenance offsets no longer open anything.
    assert [p for p in problems if p.startswith(f"{warc}: ")] == []
    assert [p for p in problems if p.startswith(f"note: {warc}: ")] == [
        f"note: {warc}: {len(_records(demo_dataset_warc(demo_dataset))) - 1} record(s) share a gzip "
        "member with the record before them (compressed as one stream?): they read whole, but no offset "
        "opens them alone"
    ]
    articles = len((copy / "articles.jsonl").read_text("utf-8").splitlines())
    assert _flagged_lines(problems, copy / "articles.jsonl", "provenance points at ") == set(
        range(1, articles + 1))


def test_plain_warc_payload_edit_is_caught(demo_dataset: Path, tmp_path: Path) -> None:
    """An uncompressed .warc goes through the same record checks."""
    (source,) = sorted((demo_dataset / "warc").glob("*.warc.gz"))
    plain = tmp_path / "demo.warc"
    plain.write_bytes(_gunzip_members(source.read_bytes()))
    assert verify_warcs([plain]).problems == []
    response = next(r for r in _records(source) if r.rec_type == "response" and r.length > 2000)
    data = bytearray(plain.read_bytes())
    data[_plain_offset(data, response.record_id) + 1500] ^= 0x01
    plain.write_bytes(bytes(data))
    messages = [str(p) for p in verify_warcs([plain]).problems]
    assert any("no longer matches WARC-Payload-Digest" in m for m in messages), messages


def test_bad_arguments_exit_2(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a warc\n")
    for args in ([tmp_path / "missing.warc.gz"], [tmp_path / "notes.txt"], [tmp_path]):
        result = subprocess.run([*LONGFORM, "verify", *map(str, args)], capture_output=True, text=True,
                                timeout=120)
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1 and "error:" in result.stderr


@pytest.mark.parametrize("name", ["articles.jsonl", "comments.jsonl"])
def test_clean_provenance_checked_in_process(demo_dataset: Path, name: str) -> None:
    assert list(check_jsonl(demo_dataset / name)) == []


def _flagged_lines(problems: list[str], jsonl: Path, message: str) -> set[int]:
    """Line numbers of `jsonl` that problems starting with `message` name ('lines 3-5, 9')."""
    numbers: set[int] = set()
    for problem in problems:
        where, _, rest = problem.removeprefix(f"{jsonl}: ").partition(": ")
        if problem.startswith(f"{jsonl}: ") and rest.startswith(message):
            for part in where.split(" ", 1)[1].split(", "):
                first, _, last = part.partition("-")
                numbers.update(range(int(first), int(last or first) + 1))
    return numbers


def _edit_provenance(line: str, change: Callable[[dict[str, Any]], dict[str, Any]]) -> str:
    record = json.loads(line)
    record["provenance"] = change(record["provenance"])
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _lines_pointing_after(dataset: Path, offset: int) -> list[tuple[Path, int]]:
    found = []
    for name in ("articles.jsonl", "comments.jsonl"):
        for number, line in enumerate((dataset / name).read_text("utf-8").splitlines(), 1):
            if json.loads(line)["provenance"]["warc_offset"] > offset:
                found.append((dataset / name, number))
    return found


def _plain_offset(data: bytearray, record_id: str) -> int:
    return data.index(f"WARC-Record-ID: {record_id}".encode())


def _gunzip_members(data: bytes) -> bytes:
    out = []
    while data:
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out.append(decompressor.decompress(data))
        data = decompressor.unused_data
    return b"".join(out)
