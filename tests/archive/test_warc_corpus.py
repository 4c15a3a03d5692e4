"""The third-party WARC corpus itself (issue 14): the manifest covers every file, the tools and the
damage builders made what the manifest says, and the damage is there (seen by warcio, which reads
the files independently of our code)."""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

from warc_corpus import CLEAN, CORPUS_DIR, DAMAGED, CorpusFile, entries, manifest
from warc_damage import records
from warcio.archiveiterator import ArchiveIterator


def _responses(path: Path) -> list[str]:
    with open(path, "rb") as stream:
        return [(r.rec_headers.get_header("WARC-Target-URI") or "").strip("<>")
                for r in ArchiveIterator(stream) if r.rec_type == "response"]


def test_the_manifest_lists_every_committed_file_and_only_those() -> None:
    on_disk = {str(p.relative_to(CORPUS_DIR)) for p in CORPUS_DIR.rglob("*.warc*")}
    listed = {name for name, entry in entries().items() if entry["built_by"] == "committed"}
    assert on_disk == listed
    assert all(p.stat().st_size < 100_000 for p in CORPUS_DIR.rglob("*.warc*")), "keep the repo lean"


def test_every_entry_has_a_verdict_and_known_kinds() -> None:
    data = manifest()
    for entry in data["files"]:
        assert entry["verdict"] in (CLEAN, DAMAGED), entry["name"]
        assert bool(entry["damage"]) == (entry["verdict"] == DAMAGED), entry["name"]
        assert set(entry["damage"]) <= set(data["kinds"]), entry["name"]
        assert set(entry.get("quirks", ())) <= set(data["quirks"]), entry["name"]


def test_the_corpus_is_built_as_the_manifest_says(third_party_corpus: list[CorpusFile]) -> None:
    built = {f.name: f for f in third_party_corpus}
    assert set(built) == set(entries()) - {"wget-mirror.warc.gz"}
    for corpus_file in third_party_corpus:
        assert corpus_file.path.is_file(), corpus_file.name
        if corpus_file.entry["built_by"] not in ("committed", "tool"):
            assert sorted(s.kind for s in corpus_file.spans) == sorted(corpus_file.kinds), corpus_file.name


def test_the_tools_archived_every_page_of_the_loopback_site(third_party_corpus: list[CorpusFile]) -> None:
    paths = {f.name: f.path for f in third_party_corpus}
    for name in ("wget-loopback.warc.gz", "wget-loopback.warc", "warcio-capture-http.warc.gz"):
        got = sorted(re.sub(r"^http://127\.0\.0\.1:\d+", "", url) for url in _responses(paths[name]))
        expected = ["/", "/2006/07/29/habeck/", "/2011/09/11/gefallt-mir/", "/2014/03/20/endlich/",
                    "/missing/"]
        if name.startswith("wget"):
            expected.append("/robots.txt")
        assert got == sorted(expected), name
    with open(paths["wget-loopback-dedup.warc.gz"], "rb") as stream:
        kinds = [r.rec_type for r in ArchiveIterator(stream)]
    assert kinds.count("revisit") >= 4, kinds  # the pages, robots.txt, index: all unchanged


def test_warcio_loses_records_after_a_damaged_member(third_party_corpus: list[CorpusFile]) -> None:
    """The damage is real: warcio stops at it, although the members after it are whole (which is
    what the tolerant reader must get back)."""
    paths = {f.name: f.path for f in third_party_corpus}
    whole = _responses(paths["wget-loopback.warc.gz"])
    damaged = paths["damaged/gzip-member-damaged.warc.gz"]
    seen: list[str] = []
    try:
        with open(damaged, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    seen.append(record.rec_headers.get_header("WARC-Target-URI"))
    except Exception:  # noqa: BLE001 - whatever warcio raises at the damage, it stops there
        pass
    assert len(seen) < len(whole) - 1


def test_md5_hex_digests_are_right(third_party_corpus: list[CorpusFile]) -> None:
    """`warcio check` calls these md5 hex digests failed (it reads a 32-character digest as base32):
    computed here with hashlib over each block, they are right."""
    path = next(f.path for f in third_party_corpus if f.name == "damaged/md5-hex-digests.warc.gz")
    data = path.read_bytes()
    checked = 0
    for rec in records(path):
        record = gzip.decompress(data[rec.offset: rec.offset + rec.length])
        head, rest = record.split(b"\r\n\r\n", 1)
        length = int(re.search(rb"(?im)^content-length:\s*(\d+)", head).group(1))  # type: ignore[union-attr]
        digest = re.search(rb"(?im)^warc-block-digest:\s*md5:([0-9a-f]{32})", head)
        if digest:
            assert hashlib.md5(rest[:length], usedforsecurity=False).hexdigest().encode() == digest.group(1)
            checked += 1
    assert checked >= 10
