"""`longform demo` end to end: serve the sample site, crawl it, check every record against the
site's ground truth (built from its content data, not from our extractor), the WARCs, provenance
and replay."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest
from warcio.archiveiterator import ArchiveIterator

from pipelines.schema import schema_for
from scrapers.items import Article, Comment
from spiders.sample_site import ground_truth

LONGFORM = [sys.executable, "-m", "spiders.cli"]


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*LONGFORM, *map(str, args)], capture_output=True, text=True, timeout=300)


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    result = _run("demo", "--out", out)
    assert result.returncode == 0, result.stdout + result.stderr[-4000:]
    assert "articles.jsonl" in result.stdout and ".warc.gz" in result.stdout
    return out / "demo"


def _path(url: str) -> str:
    return urlsplit(url).path


def test_every_article_comes_out_once_with_the_sites_fields(demo: Path) -> None:
    articles = _jsonl(demo / "articles.jsonl")
    expected = {a.path: a for a in ground_truth()}
    assert sorted(_path(a["url"]) for a in articles) == sorted(expected)
    for record in articles:
        truth = expected[_path(record["url"])]
        assert record["title"] == truth.title
        assert record["authors"] == list(truth.authors)
        assert record["published"] == truth.published
        assert record["tags"] == list(truth.tags)
        assert record["categories"] == list(truth.categories)
        assert record["comment_count"] == truth.comment_count


def test_article_text_is_the_body_without_boilerplate(demo: Path) -> None:
    expected = {a.path: a for a in ground_truth()}
    for record in _jsonl(demo / "articles.jsonl"):
        truth = expected[_path(record["url"])]
        assert " ".join(record["text"].split()) == " ".join(truth.text.split())


def test_every_reader_comment_comes_out_once_with_its_thread_position(demo: Path) -> None:
    comments = _jsonl(demo / "comments.jsonl")
    truth = {c.id: (a, c) for a in ground_truth() for c in a.comments if not c.is_ping}
    assert sorted(c["id"] for c in comments) == sorted(truth)
    for record in comments:
        article, expected = truth[record["id"]]
        assert _path(record["article_url"]) == article.path
        assert record["parent_id"] == expected.parent_id
        assert record["depth"] == expected.depth
        assert record["comment_page"] == expected.page
        assert record["position"] == expected.position
        assert record["author"] == expected.author
        assert record["author_url"] == expected.author_url
        assert record["published"] == expected.published


def test_records_match_the_published_schema(demo: Path) -> None:
    for name, cls in (("articles", Article), ("comments", Comment)):
        schema = schema_for(cls)
        for record in _jsonl(demo / f"{name}.jsonl"):
            jsonschema.validate(record, schema)


def test_provenance_opens_the_record_with_plain_warcio(demo: Path) -> None:
    records = _jsonl(demo / "articles.jsonl") + _jsonl(demo / "comments.jsonl")
    for record in records:
        prov = record["provenance"]
        with open(demo / prov["warc_file"], "rb") as stream:
            stream.seek(prov["warc_offset"])
            member = stream.read(prov["warc_length"])
        warc = next(iter(ArchiveIterator(io.BytesIO(member))))
        assert warc.rec_type == "response"
        assert warc.rec_headers.get_header("WARC-Record-ID") == prov["warc_record_id"]
        assert warc.rec_headers.get_header("WARC-Target-URI") == prov["target_uri"]
        assert warc.rec_headers.get_header("WARC-Payload-Digest") == prov["payload_digest"]
        assert record["fetched_at"] == prov["warc_date"]


def test_warcs_pass_warcio_check_and_hold_robots_sitemaps_and_pairs(demo: Path) -> None:
    warcs = sorted((demo / "warc").glob("*.warc.gz"))
    assert warcs
    uris, kinds = set(), []
    for path in warcs:
        check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(path)],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                kinds.append(record.rec_type)
                uris.add(_path(record.rec_headers.get_header("WARC-Target-URI") or ""))
    assert kinds.count("request") == kinds.count("response")
    assert {"/robots.txt", "/wp-sitemap.xml", "/wp-sitemap-posts-post-1.xml"} <= uris


def _comparable(record: dict[str, Any]) -> dict[str, Any]:
    record = dict(record)
    record["provenance"] = {k: v for k, v in record["provenance"].items() if k != "warc_file"}
    return record


def test_replay_of_the_warcs_reproduces_the_dataset(demo: Path, tmp_path: Path) -> None:
    result = _run("replay", demo / "warc", "--out", tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    for name in ("articles.jsonl", "comments.jsonl"):
        crawled = sorted(json.dumps(_comparable(r), sort_keys=True) for r in _jsonl(demo / name))
        replayed = sorted(json.dumps(_comparable(r), sort_keys=True) for r in _jsonl(tmp_path / name))
        assert replayed == crawled
