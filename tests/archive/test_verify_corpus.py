"""`longform verify` over the third-party corpus, with `warcio check` run beside it (issue 14).

Every corpus file gets the verdict its manifest entry says: clean files no problem (not checkable
records counted apart), damaged files at least one problem of each kind of damage built in, at the
offset where it was built. Where warcio check's verdict differs from ours, `WHY_OURS_IS_RIGHT` says
why, file by file; a disagreement without a reason, or a reason without a disagreement, fails.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import subprocess
import sys
from pathlib import Path

import pytest
from warc_corpus import CLEAN, DAMAGED, CorpusFile
from warcio.checker import Checker

from archive.verify import verify_warcs
from archive.warc_scan import Found, scan

WHY_OURS_IS_RIGHT = {
    "pywb/example-single-gzip-member.warc.gz":
        "clean: warcio check stops at the second record of the one gzip member ('ArchiveLoadFailed ... "
        "recompress'); every record reads whole and its digests match, the file is only not seekable "
        "per record, which verify reports as a note",
    "warcprox/warcprox-wordpress-fixture.warc.gz":
        "clean: warcprox's WARC-Payload-Digest is taken over the de-chunked body, the entity body WARC "
        "1.1 names; warcio check digests the chunked bytes and reports 'payload digest failed'",
    "damaged/md5-hex-digests.warc.gz":
        "clean: the digests are right; warcio check reads a 32-character md5 hex value as base32 "
        "(sha1's base32 length) and reports them failed",
    "damaged/gzip-member-cut.warc.gz":
        "damaged: the file ends inside a gzip member; warcio check stops quietly there and exits 0",
    "pywb/example.warc":
        "damaged: the request at offset 4061 says Content-Length 320 where its block has 323 bytes; "
        "warcio check prints a warning ('Record not followed by newline') and exits 0",
    "damaged/impossible-warc-date.warc.gz":
        "damaged: WARC-Date 2024-13-45T25:61:61Z is not a date; warcio check does not read dates",
    "damaged/corrupted-revisit.warc.gz":
        "damaged: the revisit's block no longer matches its WARC-Block-Digest; warcio check does "
        "not check revisit records at all",
    "damaged/record-cut-short.warc.gz":
        "damaged: the block is shorter than its Content-Length; warcio check skips the digest of a "
        "record it could not read to the end and exits 0",
}


def _warcio_check_fails(path: Path) -> bool:
    """Whether `warcio check` (warcio's own Checker, as its CLI runs it) calls the file bad."""
    with contextlib.redirect_stdout(io.StringIO()):
        return Checker(argparse.Namespace(inputs=[str(path)], verbose=False)).process_all() != 0


def _ours_fails(path: Path) -> bool:
    return bool(verify_warcs([path]).problems)


def test_every_corpus_file_gets_its_verdict(third_party_corpus: list[CorpusFile]) -> None:
    wrong = {}
    for corpus_file in third_party_corpus:
        report = verify_warcs([corpus_file.path])
        if (corpus_file.expected == DAMAGED) != bool(report.problems):
            wrong[corpus_file.name] = [str(problem) for problem in report.problems][:3]
    assert wrong == {}


def test_damage_is_named_where_it_was_built(third_party_corpus: list[CorpusFile]) -> None:
    """Each built span has a problem at its offset; no problem falls outside the built spans."""
    for corpus_file in third_party_corpus:
        if not corpus_file.spans:
            continue
        found = {problem.offset for problem in verify_warcs([corpus_file.path]).problems}
        built = {span.offset for span in corpus_file.spans}
        assert found == built, corpus_file.name


def test_warcio_check_disagreements_are_explained(third_party_corpus: list[CorpusFile]) -> None:
    disagree = {corpus_file.name for corpus_file in third_party_corpus
                if _warcio_check_fails(corpus_file.path) != _ours_fails(corpus_file.path)}
    assert disagree == set(WHY_OURS_IS_RIGHT) & {corpus_file.name for corpus_file in third_party_corpus}


def test_clean_files_have_not_checkable_records_apart(third_party_corpus: list[CorpusFile]) -> None:
    """pywb's sample archive carries no block digests: its records are not checkable, not damaged."""
    example = next(f for f in third_party_corpus if f.name == "pywb/example.warc.gz")
    assert example.expected == CLEAN
    report = verify_warcs([example.path])
    assert report.problems == []
    assert sum(report.unchecked.values()) > 0


@pytest.mark.parametrize("name", ["damaged/gzip-member-damaged.warc.gz", "damaged/record-cut-short.warc",
                                  "pywb/example.warc", "damaged/nul-padded-tail.warc.gz"])
def test_cli_reads_past_damage_and_exits_1(third_party_corpus: list[CorpusFile], name: str) -> None:
    """The records after the damage are verified too, and the CLI says so without a traceback."""
    corpus_file = next(f for f in third_party_corpus if f.name == name)
    report = verify_warcs([corpus_file.path])
    first_damage = min(problem.offset or 0 for problem in report.problems)
    after = [item for item in scan(corpus_file.path)
             if isinstance(item, Found) and item.offset > first_damage]
    assert after or name.startswith("damaged/nul-padded"), "no record after the damage was read"
    result = subprocess.run([sys.executable, "-m", "spiders.cli", "verify", str(corpus_file.path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert len([line for line in lines if " offset " in line and not line.startswith("note:")]) == \
        len(report.problems)
    assert lines[-1].startswith("Verified ") and "problem(s) found" in lines[-1]


def test_wget_mirror_of_the_wordpress_fixture_is_clean(wordpress_wget_mirror: tuple[str, Path]) -> None:
    """Issue 14: verify called wget's WARC of the fixture broken (1,082 lines); it is clean."""
    _, warc = wordpress_wget_mirror
    report = verify_warcs([warc])
    assert [str(problem) for problem in report.problems] == []
    assert report.records > 20
