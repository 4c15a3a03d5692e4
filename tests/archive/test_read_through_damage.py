"""The tolerant reader (`archive.reader.read_archive`) on WARCs other tools wrote and on damaged
copies: every body exactly as the site sent it (checked against the page files the loopback site
serves), the records after damage read, each damaged span named, a body that is not all there
marked so. And replay, which stands on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from loopback_pages import PAGES, PAGES_DIR
from warc_corpus import CorpusFile
from warc_damage import PLAIN_PAGE

from archive.reader import ArchivedResponse, read_archive
from archive.warc_scan import Damage
from pipelines.replay import replay

WHOLE = ["wget-loopback.warc.gz", "wget-loopback.warc", "warcio-capture-http.warc.gz",
         "damaged/lowercase-headers.warc.gz", "damaged/md5-hex-digests.warc.gz"]


def _path(corpus: list[CorpusFile], name: str) -> Path:
    return next(f.path for f in corpus if f.name == name)


def _read(path: Path) -> tuple[dict[str, ArchivedResponse], list[Damage]]:
    """Responses of the loopback pages by path, and the damage met."""
    pages: dict[str, ArchivedResponse] = {}
    damage: list[Damage] = []
    for item in read_archive(path):
        if isinstance(item, Damage):
            damage.append(item)
        else:
            pages["/" + item.url.split("/", 3)[3]] = item
    return pages, damage


@pytest.mark.parametrize("name", WHOLE)
def test_bodies_plain_gzipped_and_chunked_are_the_pages_the_site_sent(
        name: str, third_party_corpus: list[CorpusFile]) -> None:
    pages, damage = _read(_path(third_party_corpus, name))
    assert damage == []
    for path, (page_file, _how) in PAGES.items():
        response = pages[path]
        assert response.status == 200 and response.truncated is None, path
        assert response.body == (PAGES_DIR / page_file).read_bytes(), path
        assert not any(k.lower() in ("content-encoding", "transfer-encoding") for k, _ in response.headers)
    assert pages["/missing/"].status == 404


@pytest.mark.parametrize(("name", "kind"), [
    ("damaged/gzip-member-damaged.warc.gz", "gzip-member-damaged"),
    ("damaged/body-byte-flips.warc.gz", "block-digest-mismatch"),
    ("damaged/body-byte-flips.warc", "block-digest-mismatch"),
    ("damaged/wrong-digests.warc.gz", "payload-digest-mismatch"),
    ("damaged/impossible-warc-date.warc.gz", "bad-warc-date"),
])
def test_a_damaged_record_is_reported_and_left_out_and_the_rest_is_read(
        name: str, kind: str, third_party_corpus: list[CorpusFile]) -> None:
    corpus_file = next(f for f in third_party_corpus if f.name == name)
    pages, damage = _read(corpus_file.path)
    assert kind in {d.kind for d in damage}
    assert {d.offset for d in damage} == {span.offset for span in corpus_file.spans}
    assert PLAIN_PAGE not in pages  # its bytes are not what was archived: not handed on
    for path, (page_file, _how) in PAGES.items():
        if path != PLAIN_PAGE:
            assert pages[path].body == (PAGES_DIR / page_file).read_bytes(), path


@pytest.mark.parametrize("name", ["damaged/record-cut-short.warc.gz", "damaged/record-cut-short.warc"])
def test_a_record_cut_short_is_read_and_marked_truncated(name: str,
                                                         third_party_corpus: list[CorpusFile]) -> None:
    corpus_file = next(f for f in third_party_corpus if f.name == name)
    pages, damage = _read(corpus_file.path)
    assert [(d.kind, d.offset) for d in damage] == [("record-cut-short", corpus_file.spans[0].offset)]
    cut = pages[PLAIN_PAGE]
    assert cut.truncated is not None and "cut short" in cut.truncated
    whole = (PAGES_DIR / PAGES[PLAIN_PAGE][0]).read_bytes()
    assert whole.startswith(cut.body) and len(cut.body) < len(whole)
    assert all(pages[path].truncated is None for path in PAGES if path != PLAIN_PAGE)


@pytest.mark.parametrize("name", ["damaged/nul-padded-tail.warc.gz", "damaged/nul-padded-tail.warc"])
def test_a_nul_padded_tail_is_one_span_and_every_record_before_it_is_read(
        name: str, third_party_corpus: list[CorpusFile]) -> None:
    corpus_file = next(f for f in third_party_corpus if f.name == name)
    pages, damage = _read(corpus_file.path)
    span = corpus_file.spans[0]
    assert [(d.kind, d.offset, d.length) for d in damage] == [("nul-padding", span.offset, span.length)]
    assert set(PAGES) <= set(pages)


def test_replay_marks_records_from_a_truncated_body(third_party_corpus: list[CorpusFile],
                                                    tmp_path: Path) -> None:
    """Cut by the crawler (WARC-Truncated) or by damage: the records say so, with the reason."""
    reported: list[Damage] = []
    for name in ("warcio-records.warc.gz", "damaged/record-cut-short.warc.gz"):
        replay([_path(third_party_corpus, name)], tmp_path / name, on_damage=reported.append)
    articles = [json.loads(line) for name in ("warcio-records.warc.gz", "damaged/record-cut-short.warc.gz")
                for line in (tmp_path / name / "articles.jsonl").read_text("utf-8").splitlines()]
    reasons = {a["provenance"]["target_uri"].split("/", 3)[3]: a["provenance"]["truncated_reason"]
               for a in articles}
    assert reasons["2011/09/11/gefallt-mir/?cut"] == "the crawler truncated it (WARC-Truncated: length)"
    assert "the WARC record is cut short" in reasons["2011/09/11/gefallt-mir/"]
    assert reasons["2006/07/29/habeck/"] is None and reasons["2014/03/20/endlich/"] is None
    assert all(a["provenance"]["truncated"] == (a["provenance"]["truncated_reason"] is not None)
               for a in articles)
    assert [d.kind for d in reported] == ["record-cut-short"]  # the crawler's own cut is no damage
