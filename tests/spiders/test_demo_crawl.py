"""`longform demo` end to end: serve the recording of the real WordPress fixture, crawl it, check
every record against WordPress's own ground truth for the recorded posts (ground_truth.php, saved
beside the recording; never our extractor's output), the WARCs, provenance and replay."""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import socket
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest
from warcio.archiveiterator import ArchiveIterator

from pipelines.schema import schema_for
from scrapers.items import Article, Comment
from spiders.recorded_site import RECORDED_WARC, recorded_truth

LONGFORM = [sys.executable, "-m", "spiders.cli"]
# A joint byline is one WordPress user whose display name holds both names; `authors` lists people.
JOINT_BYLINE = re.compile(r"\s+(?:and|&)\s+")
TAG = re.compile(r"<[^>]+>")


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
    # Scrapy's log went to its file: a clean demo prints the summary and nothing on stderr.
    assert result.stderr == ""
    assert "Spider opened" in next((out / "demo" / "logs").glob("demo-*.log")).read_text()
    return out / "demo"


@pytest.fixture(scope="module")
def truth() -> dict[str, Any]:
    return recorded_truth()


def _path(url: str) -> str:
    return urlsplit(url).path


def _responses(warc_folder: Path) -> list[tuple[str, int]]:
    fetched = []
    for path in sorted(warc_folder.glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    fetched.append((_path(record.rec_headers.get_header("WARC-Target-URI")),
                                    int(record.http_headers.get_statuscode())))
    return fetched


def test_the_recording_holds_what_the_demo_promises(truth: dict[str, Any]) -> None:
    """README: 8-12 articles by several authors (a joint byline too), tags and categories, an article
    without comments, one with several comment pages, replies 3+ deep, commenters with and without
    links, non-ASCII names, a pingback."""
    posts, comments = truth["posts"], truth["comments"]
    readers = [c for c in comments if c["type"] == "comment"]
    assert truth["site"]["theme_kind"] == "classic"
    assert 8 <= len(posts) <= 12
    assert len({p["author"]["id"] for p in posts}) >= 4
    assert any(JOINT_BYLINE.search(p["author"]["display_name"]) for p in posts)
    assert all(p["tags"] and p["categories"] for p in posts)
    assert min(p["comment_count"] for p in posts) == 0
    assert max(p["comment_pages"] for p in posts) >= 2
    assert max(c["depth"] for c in readers) >= 3
    assert {bool(c["author_url"]) for c in readers} == {True, False}
    assert any(not c["author"].isascii() for c in readers)
    assert any(c["type"] == "pingback" for c in comments)


def test_every_article_comes_out_once_with_wordpress_fields(demo: Path, truth: dict[str, Any]) -> None:
    articles = _jsonl(demo / "articles.jsonl")
    expected = {_path(p["url"]): p for p in truth["posts"]}
    got = Counter(_path(a["url"]) for a in articles)
    assert sorted(got.elements()) == sorted(expected)
    for record in articles:
        post = expected[_path(record["url"])]
        where = post["url"]
        assert record["title"] == post["title"], where
        assert record["authors"] == JOINT_BYLINE.split(post["author"]["display_name"]), where
        assert record["published"][:16] == post["published_utc"][:16], where
        assert sorted(record["tags"]) == sorted(t["name"] for t in post["tags"]), where
        assert sorted(record["categories"]) == sorted(c["name"] for c in post["categories"]), where
        assert record["comment_count"] == post["comment_count"], where


def test_article_text_is_the_post_body_without_the_comments(demo: Path, truth: dict[str, Any]) -> None:
    """The body's word count is WordPress's (str_word_count of the stripped content) within 10%; the
    sidebar, the theme's bio box and the comment thread would each add hundreds of words."""
    expected = {_path(p["url"]): p for p in truth["posts"]}
    by_post: dict[int, list[str]] = {}
    for comment in truth["comments"]:
        text = " ".join(html.unescape(TAG.sub(" ", comment["content_raw"])).split())
        by_post.setdefault(comment["post_id"], []).append(text)
    for record in _jsonl(demo / "articles.jsonl"):
        post = expected[_path(record["url"])]
        assert abs(record["word_count"] - post["word_count"]) <= post["word_count"] / 10, post["url"]
        text = " ".join(record["text"].split())
        leaked = [c for c in by_post.get(post["id"], []) if len(c) > 40 and c[:40] in text]
        assert leaked == [], post["url"]


def test_article_text_leaves_out_the_bio_and_appeal_typed_into_the_post(demo: Path) -> None:
    """Like Long War Journal, the seed ends every post with '<hr>', an italic paragraph about the
    author ('Bill Roggio is the editor of ...') and a donation appeal: not the article's text."""
    for record in _jsonl(demo / "articles.jsonl"):
        paragraphs = record["text"].split("\n\n")
        assert not any("tax-deductible donation" in p for p in paragraphs), record["url"]
        for author in record["authors"]:
            assert not any(p.startswith(f"{author} is ") for p in paragraphs), (author, record["url"])
        assert paragraphs[-1].endswith("\u21a9"), record["url"]  # the footnotes close the body


def test_every_reader_comment_comes_out_once_in_its_thread(demo: Path, truth: dict[str, Any]) -> None:
    comments = _jsonl(demo / "comments.jsonl")
    expected = {str(c["id"]): c for c in truth["comments"] if c["type"] == "comment"}
    assert sorted(c["id"] for c in comments) == sorted(expected)
    for record in comments:
        comment = expected[record["id"]]
        where = comment["url"]
        assert _path(record["article_url"]) == _path(comment["post_url"]), where
        assert record["parent_id"] == (str(comment["parent"]) if comment["parent"] else None), where
        assert record["depth"] == comment["depth"], where
        assert record["comment_page"] == comment["page"], where
        assert record["author"] == comment["author"], where
        assert record["author_url"] == (comment["author_url"] or None), where
        assert record["published"][:16] == comment["date_utc"][:16], where


def test_pingbacks_and_trackbacks_stay_out(demo: Path, truth: dict[str, Any]) -> None:
    pings = {str(c["id"]) for c in truth["comments"] if c["type"] != "comment"}
    assert len(pings) == 3
    assert pings.isdisjoint(c["id"] for c in _jsonl(demo / "comments.jsonl"))


def test_the_crawl_fetches_the_recorded_pages_once_each(demo: Path) -> None:
    """Discovery finds exactly the recorded posts (the served sitemap lists no others), each page
    once, and nothing answers 404: the demo server rewrote every link to itself."""
    crawled = _responses(demo / "warc")
    assert [status for _, status in crawled if status != 200] == []
    assert sorted(path for path, _ in crawled) == sorted(path for path, _ in _responses(RECORDED_WARC.parent))


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


def test_a_second_demo_into_the_same_folder_appends_nothing(demo: Path, tmp_path: Path) -> None:
    """`make demo` twice: the site is served on the same port, so the same records, already
    written, are not written again (a second WARC holds the second capture). The port is the first
    demo's (8079, or the free one it fell back to when another program held 8079)."""
    again = tmp_path / "demo"
    shutil.copytree(demo, again)
    before = {name: (again / name).read_text("utf-8") for name in ("articles.jsonl", "comments.jsonl")}
    port = urlsplit(_jsonl(demo / "articles.jsonl")[0]["url"]).port
    result = _run("demo", "--out", tmp_path, "--port", str(port))
    assert result.returncode == 0, result.stdout + result.stderr[-4000:]
    assert "Crawl finished: 0 articles, 0 comments" in result.stdout
    assert {name: (again / name).read_text("utf-8") for name in before} == before
    assert len(list((again / "warc").glob("*.warc.gz"))) == 2


def test_a_demo_port_that_is_taken_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = _run("demo", "--out", tmp_path, "--port", str(taken.getsockname()[1]))
    assert result.returncode == 2
    assert result.stderr.startswith("longform: error: cannot serve the demo on port ")
    assert result.stderr.count("\n") == 1 and not (tmp_path / "demo").exists()
