"""Prepared records: the line and hash a writer appends, equal to the json module's, picklable."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path
from typing import Any

import attrs
import pytest

from archive.writer import RecordLocation
from pipelines.chain import RecordChain
from pipelines.dataset import Dataset
from pipelines.derive import derive_page
from pipelines.ledger import content_hash, record_key
from pipelines.prepared import PreparedRecord, encode, prepare, prepare_page
from scrapers.http import HttpResponse
from scrapers.items import Article, Comment, Provenance

DATA = Path(__file__).resolve().parents[1] / "data" / "real-wordpress"
PAGES = {  # tests/data/real-wordpress/README.md
    "moritz-meyer.net.vreni.html": "https://moritz-meyer.net/blog/vreni-frost-instagram-abmahnung/",
    "spreeblick.com.habeck.html":
        "http://www.spreeblick.com/blog/2006/07/29/aus-aus-alles-vorbei-habeck-macht-die-stahnke/",
    "basicthinking.de.tweets.html":
        "https://www.basicthinking.de/blog/2018/12/05/erfolgreiche-tweets-zutaten/",
    "lady50plus.de.sekre.html": "https://lady50plus.de/2019/06/19/sekre-mystery-bag/",
}
HTML = (("Content-Type", "text/html; charset=UTF-8"),)
FOLDER = "/data/site"


def _location(url: str) -> RecordLocation:
    return RecordLocation(f"{FOLDER}/warc/site-1.warc.gz", 1234, 567, "<urn:uuid:1>", url,
                          "2026-01-02T03:04:05.000001Z", "sha1:ABC")


def _reference(item: Article | Comment, kind: str) -> tuple[bytes, str, str]:
    """The line, hash and key as the writer made them before records were prepared."""
    record = attrs.asdict(item)
    if record["provenance"] and record["provenance"]["warc_file"]:
        record["provenance"]["warc_file"] = os.path.relpath(record["provenance"]["warc_file"], FOLDER)
    line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
    return line.encode("utf-8"), content_hash(record), record_key(kind, record)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_real_pages_encode_exactly_as_the_json_module_does(name: str) -> None:
    url = PAGES[name]
    page = derive_page(HttpResponse(url, 200, HTML, (DATA / name).read_bytes()), _location(url),
                       None, "run-1")
    assert page is not None
    prepared = prepare_page(page, "Europe/Berlin", FOLDER)
    assert len(prepared) == 1 + len(page.comments) and len(prepared) > 1
    items: list[Article | Comment] = [page.article, *page.comments]
    for record, item in zip(prepared, items, strict=True):
        kind = "articles" if isinstance(item, Article) else "comments"
        assert (record.line, record.content_hash, record.key) == _reference(item, kind)
        assert record.kind == kind and record.crawl_id == "run-1"
    assert json.loads(prepared[0].line)["provenance"]["warc_file"] == "warc/site-1.warc.gz"


def _odd_comment(**changes: Any) -> Comment:
    values: dict[str, Any] = dict(
        id="9", article_url="https://example.org/a/", text='Quote " back\\slash \x01 tab\t ü 😀 \u2028',
        author_raw="Ünïcode <b>", sources={"published": "rest_api", "author": "rest_api"},
        disagreements=["author"], fetched_at="2026-01-01T00:00:00Z", parent_id=None, depth=3,
        provenance=Provenance(warc_file="", truncated=True, truncated_reason="length"))
    values.update(changes)
    return Comment(**values)


@pytest.mark.parametrize("comment", [
    _odd_comment(),
    _odd_comment(sources={}, disagreements=[]),  # left out of the hash when empty
    _odd_comment(sources={"z": "1"}, provenance=None),
    _odd_comment(text="", author_raw=None),
])
def test_escapes_nested_dicts_and_empty_fields_encode_as_the_json_module_does(
        comment: Comment) -> None:
    RecordChain(lambda _name: None).comment(comment)
    record = encode(comment, FOLDER)
    line, digest, key = _reference(comment, "comments")
    assert (record.line, record.content_hash, record.key) == (line, digest, key)


def test_a_record_survives_pickling_and_carries_the_counts_of_its_normalizers() -> None:
    comment = _odd_comment(published_raw="not a date at all")
    record = prepare(comment, "UTC", FOLDER)
    assert "normalize/comment_published_unparsed" in record.counts
    assert pickle.loads(pickle.dumps(record)) == record


def test_the_writer_drops_a_second_copy_in_one_crawl_and_counts_as_the_chain_did(
        tmp_path: Path) -> None:
    dataset = Dataset(tmp_path)
    first = prepare(_odd_comment(published_raw="garbled"), "UTC", str(tmp_path))
    again = prepare(_odd_comment(published_raw="garbled"), "UTC", str(tmp_path))
    assert dataset.write_prepared(first) is True
    assert dataset.write_prepared(again) is None  # this crawl had it
    later = PreparedRecord(*again[:4], "run-2", again.counts)
    assert dataset.write_prepared(later) is False  # another crawl: in the file, unchanged
    dataset.close()
    assert (tmp_path / "comments.jsonl").read_bytes() == first.line
    assert dataset.stats["dedupe/dropped"] == 1
    assert dataset.stats["normalize/comment_published_unparsed"] == 2  # not for the dropped copy
    assert dataset.stats["incremental/comments_refetched_unchanged"] == 1
