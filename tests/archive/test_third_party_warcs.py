"""`replay`, `index` and `show` over every file of the third-party WARC corpus (issue 14): no
traceback, exit 1 with each damaged span named when the manifest says the file is damaged, no damage
line on a clean file, and what the reader hands on is never a damaged body without saying so.

The commands run in this process (`spiders.cli.main`): an exception escaping one is a traceback a
user would see, and fails the test.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from cdxj_indexer.main import CDXJIndexer
from warc_corpus import DAMAGED, CorpusFile, entries
from warcio.archiveiterator import ArchiveIterator

from archive.cdxj import RECORD_ID_FIELD, cdxj_lines
from spiders.cli import main

CORPUS = sorted(name for name, entry in entries().items() if entry["built_by"] != "wget_mirror")
DAMAGE_LINE = "longform: damage: "
BOTH_DIGESTS = {"digest-mismatch": ("block-digest-mismatch", "payload-digest-mismatch")}


def _run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return status, out, err


def _corpus_file(corpus: list[CorpusFile], name: str, folder: Path) -> tuple[CorpusFile, Path]:
    """The corpus file and a copy of it alone in `folder` (index writes beside it)."""
    corpus_file = next(f for f in corpus if f.name == name)
    folder.mkdir()
    copy = folder / corpus_file.path.name
    shutil.copy(corpus_file.path, copy)
    return corpus_file, copy


def _damage_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith(DAMAGE_LINE)]


def _assert_damage_reported(corpus_file: CorpusFile, copy: Path, status: int, err: str) -> None:
    lines = _damage_lines(err)
    if corpus_file.expected != DAMAGED:
        assert not lines, err
        return
    assert status == 1, err
    assert lines, err
    for span in corpus_file.spans:  # built damage: its place is known, the report must name it
        assert any(line.startswith(f"{DAMAGE_LINE}{copy}: offset {span.offset} ") for line in lines), \
            (span, err)


@pytest.mark.parametrize("name", CORPUS)
def test_replay_reads_every_corpus_file_through_its_damage(
        name: str, third_party_corpus: list[CorpusFile], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    corpus_file, copy = _corpus_file(third_party_corpus, name, tmp_path / "w")
    status, out, err = _run(capsys, "replay", copy, "--out", tmp_path / "out")
    assert status in (0, 1), err  # never "bad input" for a WARC, damaged or not
    assert out.startswith("Replayed 1 WARC file(s)"), out
    _assert_damage_reported(corpus_file, copy, status, err)
    if corpus_file.expected != DAMAGED and status == 1:  # then only for coverage, as a crawl does
        assert all("below" in line or "coverage" in line or "incomplete" in line
                   for line in err.splitlines()), err
    articles = tmp_path / "out" / "articles.jsonl"  # not written when no page is an article
    for line in articles.read_text("utf-8").splitlines() if articles.exists() else []:
        provenance = json.loads(line)["provenance"]
        assert provenance["truncated"] == (provenance["truncated_reason"] is not None)


@pytest.mark.parametrize("name", CORPUS)
def test_index_and_show_go_on_after_damage(
        name: str, third_party_corpus: list[CorpusFile], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    corpus_file, copy = _corpus_file(third_party_corpus, name, tmp_path / "w")
    status, out, err = _run(capsys, "index", copy.parent)
    assert status == (1 if corpus_file.expected == DAMAGED else 0), err
    _assert_damage_reported(corpus_file, copy, status, err)
    lines = (copy.parent / "index.cdxj").read_text("utf-8").splitlines()
    truncated = _declared_truncated(copy)
    for line in lines:
        fields = json.loads(line.split(" ", 2)[2])
        if fields.get("mime") == "warc/revisit" or "status" not in fields:
            continue  # no HTTP response of its own to show
        status, shown, err = _run(capsys, "show", fields["warc-record-id"], "--dir", copy.parent)
        expected = 1 if fields["warc-record-id"] in truncated else 0
        assert status == expected and shown.startswith("HTTP/"), (fields, err)
        assert not _damage_lines(err)  # the index lists intact records only


def _declared_truncated(path: Path) -> set[str]:
    """Record ids of responses that say WARC-Truncated (read with warcio, where it can)."""
    ids = set()
    try:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_headers.get_header("WARC-Truncated"):
                    ids.add(record.rec_headers.get_header("WARC-Record-ID"))
    except Exception:  # noqa: BLE001 - warcio stops at damage; the truncated records are before it
        pass
    return ids


CLEAN = sorted(name for name, entry in entries().items()
               if entry["verdict"] != DAMAGED and entry["built_by"] != "wget_mirror"
               and "single-gzip-member" not in entry.get("quirks", ()))  # cdxj-indexer refuses that one


# cdxj-indexer digests a record without WARC-Payload-Digest through a warcio writer that leaves a
# SpooledTemporaryFile for the garbage collector (theirs, not ours): its warning is not this test's.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("name", CLEAN)
def test_index_lines_are_those_cdxj_indexer_writes(name: str, third_party_corpus: list[CorpusFile]) -> None:
    """On a clean file, `archive/cdxj.py` writes what cdxj-indexer (pywb's indexer) writes."""
    path = next(f.path for f in third_party_corpus if f.name == name)
    theirs = io.StringIO()
    CDXJIndexer(theirs, [str(path)], sort=True, fields=RECORD_ID_FIELD).process_all()
    ours = sorted(line for line in cdxj_lines(path, path.name) if isinstance(line, str))
    assert "".join(ours) == theirs.getvalue()
    assert ours  # every clean corpus file has something to index
