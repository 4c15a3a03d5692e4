"""`longform index` (CDXJ by cdxj-indexer) and `longform show` on a copy of a real demo crawl."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.index import INDEX_NAME, find_captures, find_record

LONGFORM = [sys.executable, "-m", "spiders.cli"]


def _run(*args: str | Path, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    result = subprocess.run([*LONGFORM, *map(str, args)], input=stdin, capture_output=True, timeout=120)
    assert b"Traceback" not in result.stderr, result.stderr.decode()
    return result


@pytest.fixture(scope="module")
def indexed(demo_dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder (DATA/demo/...) whose WARC folder has been indexed by `longform index DATA`."""
    data = tmp_path_factory.mktemp("indexed")
    shutil.copytree(demo_dataset, data / "demo")
    result = _run("index", data)
    assert result.returncode == 0, result.stderr.decode()
    assert f"{data / 'demo' / 'warc' / INDEX_NAME}" in result.stdout.decode()
    return data


def _first_article(data: Path) -> dict:
    line = (data / "demo" / "articles.jsonl").read_text("utf-8").splitlines()[0]
    return dict(json.loads(line))


def _warcio_body(dataset: Path, provenance: dict) -> bytes:
    """The README's recipe: seek to the provenance offset and read the record with plain warcio."""
    with open(dataset / provenance["warc_file"], "rb") as stream:
        stream.seek(provenance["warc_offset"])
        member = stream.read(provenance["warc_length"])
    record = next(iter(ArchiveIterator(io.BytesIO(member))))
    return bytes(record.content_stream().read())


def test_index_lists_every_response_sorted(indexed: Path) -> None:
    warc_folder = indexed / "demo" / "warc"
    lines = (warc_folder / INDEX_NAME).read_text("utf-8").splitlines()
    with open(next(warc_folder.glob("*.warc.gz")), "rb") as stream:
        responses = [r.rec_headers.get_header("WARC-Record-ID") for r in ArchiveIterator(stream)
                     if r.rec_type == "response"]
    assert sorted(json.loads(line.split(" ", 2)[2])["warc-record-id"] for line in lines) == sorted(responses)
    assert lines == sorted(lines)
    fields = json.loads(lines[0].split(" ", 2)[2])
    assert {"url", "mime", "status", "digest", "length", "offset", "filename"} <= fields.keys()
    assert "/" not in fields["filename"]  # relative to the index's folder, as pywb expects


def test_index_again_gives_the_same_index(indexed: Path, tmp_path: Path) -> None:
    index = indexed / "demo" / "warc" / INDEX_NAME
    before = index.read_bytes()
    result = _run("index", next((indexed / "demo" / "warc").glob("*.warc.gz")))
    assert result.returncode == 0
    assert index.read_bytes() == before
    assert [p.name for p in index.parent.iterdir() if "partial" in p.name] == []


def test_show_url_lists_the_capture_the_provenance_names(indexed: Path) -> None:
    provenance = _first_article(indexed)["provenance"]
    result = _run("show", provenance["target_uri"], "--dir", indexed)
    assert result.returncode == 0, result.stderr.decode()
    (line,) = result.stdout.decode().splitlines()
    assert provenance["warc_record_id"] in line and f"offset {provenance['warc_offset']} " in line
    assert line.endswith(" " + provenance["target_uri"]) and " 200 text/html " in line


def test_show_record_prints_the_archived_response(indexed: Path) -> None:
    provenance = _first_article(indexed)["provenance"]
    expected = _warcio_body(indexed / "demo", provenance)
    body = _run("show", provenance["warc_record_id"], "--dir", indexed, "--body")
    assert body.returncode == 0 and body.stdout == expected
    full = _run("show", provenance["warc_record_id"], "--dir", indexed)
    head, _, rest = full.stdout.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK\r\n") and b"\r\nContent-Type: text/html" in head
    assert rest == expected


def test_lookups_in_process(indexed: Path) -> None:
    indexes = sorted(indexed.rglob(INDEX_NAME))
    provenance = _first_article(indexed)["provenance"]
    capture = find_record(indexes, provenance["warc_record_id"])
    assert capture is not None
    assert (capture.offset, capture.length) == (provenance["warc_offset"], provenance["warc_length"])
    assert capture.warc == indexed / "demo" / provenance["warc_file"]
    assert find_captures(indexes, provenance["target_uri"]) == [capture]
    assert find_record(indexes, "<urn:uuid:00000000-0000-0000-0000-000000000000>") is None


def _expected_replay_url(base: str, provenance: dict) -> str:
    """pywb's address of the capture, built from the provenance alone: the timestamp is the
    WARC-Date's digits to the second, the collection the dataset folder's name."""
    timestamp = "".join(char for char in provenance["warc_date"] if char.isdigit())[:14]
    return f"{base}/demo/{timestamp}/{provenance['target_uri']}"


def test_show_replay_url_of_a_record(indexed: Path) -> None:
    provenance = _first_article(indexed)["provenance"]
    result = _run("show", "--replay-url", provenance["warc_record_id"], "--dir", indexed)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode() == _expected_replay_url("http://127.0.0.1:8080", provenance) + "\n"


def test_show_replay_url_of_jsonl_lines_on_stdin(indexed: Path) -> None:
    dataset = indexed / "demo"
    lines = [*(dataset / "articles.jsonl").read_bytes().splitlines(keepends=True)[:2],
             (dataset / "comments.jsonl").read_bytes().splitlines(keepends=True)[-1]]
    result = _run("show", "--replay-url", "-", "--dir", indexed, "--base", "http://localhost:9/",
                  stdin=b"".join(lines))
    assert result.returncode == 0, result.stderr.decode()
    expected = [_expected_replay_url("http://localhost:9", json.loads(line)["provenance"]) for line in lines]
    assert result.stdout.decode().splitlines() == expected


def test_show_replay_url_of_a_url_and_a_record_on_stdin(indexed: Path) -> None:
    line = (indexed / "demo" / "articles.jsonl").read_bytes().splitlines(keepends=True)[0]
    provenance = json.loads(line)["provenance"]
    by_url = _run("show", "--replay-url", provenance["target_uri"], "--dir", indexed)
    assert by_url.stdout.decode() == _expected_replay_url("http://127.0.0.1:8080", provenance) + "\n"
    body = _run("show", "-", "--dir", indexed, "--body", stdin=line)
    assert body.returncode == 0 and body.stdout == _warcio_body(indexed / "demo", provenance)


def test_show_unknowns_exit_1(indexed: Path) -> None:
    for target in ("<urn:uuid:00000000-0000-0000-0000-000000000000>", "http://127.0.0.1:1/never"):
        result = _run("show", target, "--dir", indexed)
        assert result.returncode == 1 and result.stdout == b""
        assert result.stderr.decode().count("\n") == 1


def _add_later_captures(warc_folder: Path, url: str) -> bytes:
    """A newer WARC beside the crawl's, written with plain warcio: a newer response of `url`, then a
    revisit of it newer still (a revisit holds no body). Returns the newer response's body."""
    body = b"<!doctype html><p>The page as it was read again in 2030.</p>"
    with open(warc_folder / "later-00000.warc.gz", "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        response = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                             length=len(body), http_headers=headers,
                                             warc_headers_dict={"WARC-Date": "2030-01-01T00:00:00Z"})
        writer.write_record(response)
        digest = response.rec_headers.get_header("WARC-Payload-Digest")
        revisit = writer.create_revisit_record(url, digest, url, "2030-01-01T00:00:00Z",
                                               http_headers=headers)
        revisit.rec_headers.replace_header("WARC-Date", "2031-01-01T00:00:00Z")
        writer.write_record(revisit)
    return body


def test_show_url_body_prints_the_latest_captures_body(indexed: Path, tmp_path: Path) -> None:
    """`--body` with a URL: not the listing but one body, that of the newest capture holding one."""
    shutil.copytree(indexed / "demo", tmp_path / "demo")
    url = _first_article(tmp_path)["provenance"]["target_uri"]
    newer = _add_later_captures(tmp_path / "demo" / "warc", url)
    assert _run("index", tmp_path).returncode == 0
    listing = _run("show", url, "--dir", tmp_path).stdout.decode().splitlines()
    assert [line.split(" ")[2] for line in listing] == ["text/html", "text/html", "warc/revisit"]
    assert [line.split(" ")[0] for line in listing][1:] == ["20300101000000", "20310101000000"]
    result = _run("show", url, "--dir", tmp_path, "--body")
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout == newer


def test_show_url_body_of_a_url_never_captured_is_one_line_and_status_1(indexed: Path) -> None:
    result = _run("show", "http://127.0.0.1:1/never", "--dir", indexed, "--body")
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.decode() == ("longform: no captures of http://127.0.0.1:1/never with a body "
                                      "in 1 index(es)\n")


def test_show_warns_of_a_warc_folder_without_an_index(indexed: Path, tmp_path: Path) -> None:
    """A dataset under --dir whose WARCs were never indexed: its captures are missing from the
    answer, so a warning names its folder and the command that fixes it, as for a stale index."""
    shutil.copytree(indexed / "demo", tmp_path / "demo")
    shutil.copytree(indexed / "demo", tmp_path / "other", ignore=shutil.ignore_patterns(INDEX_NAME))
    url = _first_article(tmp_path)["provenance"]["target_uri"]
    result = _run("show", url, "--dir", tmp_path)
    assert result.returncode == 0 and len(result.stdout.decode().splitlines()) == 1
    warc_folder = tmp_path / "other" / "warc"
    assert result.stderr.decode() == (f"longform: warning: {warc_folder} holds WARC files but no "
                                      f"{INDEX_NAME}; run `longform index {warc_folder}` to include "
                                      "its records\n")
    assert _run("index", warc_folder).returncode == 0
    result = _run("show", url, "--dir", tmp_path)
    assert result.stderr == b"" and len(result.stdout.decode().splitlines()) == 2


def test_index_of_a_damaged_warc_names_the_damage_and_lists_every_other_record(
        demo_dataset: Path, tmp_path: Path) -> None:
    shutil.copytree(demo_dataset, tmp_path / "demo")
    (warc,) = (tmp_path / "demo" / "warc").glob("*.warc.gz")
    with open(warc, "rb") as stream:
        iterator = ArchiveIterator(stream)
        records = [(iterator.get_record_offset(), iterator.get_record_length(), record.rec_type,
                    record.rec_headers.get_header("WARC-Record-ID")) for record in iterator]
    responses = [r for r in records if r[2] in ("response", "revisit")]
    offset, length, _, damaged_id = responses[len(responses) // 2]
    data = bytearray(warc.read_bytes())
    data[offset + length // 2] ^= 0x10
    warc.write_bytes(bytes(data))

    result = _run("index", tmp_path)
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"longform: damage: {warc}: offset {offset} ({length} bytes)")
    assert "1 damaged span(s) in 1 WARC file(s)" in lines[1] and "longform verify" in lines[1]
    # warcio stops at such damage; the index goes on and lists every record but the damaged one.
    listed = [json.loads(line.split(" ", 2)[2])["warc-record-id"]
              for line in (warc.parent / INDEX_NAME).read_text("utf-8").splitlines()]
    assert sorted(listed) == sorted(r[3] for r in responses if r[3] != damaged_id)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "http://a.example/", "--dir", "{empty}"], "run `longform index"),
        (["show", "not-an-id", "--dir", "{empty}"], "neither a WARC-Record-ID"),
        (["index", "{empty}"], "no .warc.gz files in folder"),
        (["index", "{notes}"], "not named .warc or .warc.gz"),
        (["index", "{missing}"], "no such file or folder"),
        (["show", "-", "--dir", "{empty}"], "no JSONL records on stdin"),
        (["show", "--replay-url", "--body", "-"], "not allowed with argument"),
        (["show", "--replay-url", "-", "--base", "127.0.0.1:8080"], "is not an http(s) URL"),
    ],
)
def test_bad_arguments_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.txt").write_text("not a warc\n")
    names = {"empty": tmp_path / "empty", "notes": tmp_path / "notes.txt", "missing": tmp_path / "x.warc"}
    result = _run(*(arg.format(**names) for arg in args))
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert stderr.count("\n") == 1 and message in stderr, stderr
