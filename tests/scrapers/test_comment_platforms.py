"""Comments of Drupal 7, Drupal 8+, Blogger, SPIP and wpDiscuz pages, read from real saved pages.

The pages are excerpts of pages from the wild (tests/data/comment-platforms/, see its README), plus
three pages we built from the platforms' templates for thread structures no real page showed
(constructed/, marked as such); the expected values in comment_platforms_expected.py were read from
their HTML by hand. Each page goes
through the same entry point as `longform extract` (router + page object), and the whole set through
`longform replay` of a WARC, so the hook into the generic and WordPress page objects is what is tested.
"""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
PAGES = HERE.parent / "data" / "comment-platforms"
REAL_WORDPRESS = HERE.parent / "data" / "real-wordpress"


def _load_expected() -> dict[str, dict[str, Any]]:
    spec = importlib.util.spec_from_file_location("comment_platforms_expected",
                                                  HERE / "comment_platforms_expected.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.EXPECTED


EXPECTED = _load_expected()
NAMES = sorted(EXPECTED)
EXPECTED_COMMENTS = [
    pytest.param(name, index, id=f"{name}#{case[0]}")
    for name in NAMES for index, case in enumerate(EXPECTED[name]["comments"])
]


@cache
def _extract(name: str) -> Any:
    from pipelines.derive import extract_file

    return extract_file((PAGES / name).read_bytes(), EXPECTED[name]["url"], None)


@pytest.mark.parametrize("name", NAMES)
def test_every_comment_in_the_html_in_display_order(name: str) -> None:
    got = [c.id for c in _extract(name).comments]
    want = [case[0] for case in EXPECTED[name]["comments"]]
    assert got == want
    assert [c.position for c in _extract(name).comments] == list(range(1, len(want) + 1))


@pytest.mark.parametrize(("name", "index"), EXPECTED_COMMENTS)
def test_comment_fields(name: str, index: int) -> None:
    comment_id, parent, depth, author, author_url, date, snippet = EXPECTED[name]["comments"][index]
    comments = {c.id: c for c in _extract(name).comments}
    assert comment_id in comments, f"{name}: comment {comment_id} not extracted"
    comment = comments[comment_id]
    got = (comment.parent_id, comment.depth, comment.author_raw, comment.author_url,
           comment.published_raw, comment.comment_page, comment.article_url)
    assert got == (parent, depth, author, author_url, date, 1, EXPECTED[name]["url"])
    assert snippet in comment.text, f"{name}#{comment_id}: {snippet!r} not in {comment.text[:300]!r}"


@pytest.mark.parametrize("name", NAMES)
def test_comment_texts_hold_neither_chrome_nor_other_comments(name: str) -> None:
    snippets = {case[0]: case[6] for case in EXPECTED[name]["comments"]}
    for comment in _extract(name).comments:
        leaked = [s for s in EXPECTED[name]["noise"] if s in comment.text]
        leaked += [f"comment {other}" for other, s in snippets.items()
                   if other != comment.id and s in comment.text and s not in snippets[comment.id]]
        assert not leaked, f"{name}#{comment.id}: {leaked} in its text {comment.text[:300]!r}"


@pytest.mark.parametrize("name", NAMES)
def test_platform_is_detected_by_its_markup(name: str) -> None:
    from lxml import html

    from scrapers.comment_platforms import platform_comments

    tree = html.fromstring((PAGES / name).read_bytes())
    assert platform_comments(tree, EXPECTED[name]["url"])[0] == EXPECTED[name]["platform"]


@pytest.mark.parametrize("name", sorted(p.name for p in REAL_WORDPRESS.glob("*.html")))
def test_wordpress_core_pages_match_no_other_platform(name: str) -> None:
    """Core WordPress comment markup is left to the WordPress extractor: no platform claims it."""
    from lxml import html

    from scrapers.comment_platforms import platform_comments

    tree = html.fromstring((REAL_WORDPRESS / name).read_bytes())
    assert platform_comments(tree, "https://example.org/post/") == (None, [])


def test_replay_gives_the_comments_of_every_platform(tmp_path: Path) -> None:
    """`longform replay` of one WARC holding the five pages: every comment, normalized, per article."""
    warc = tmp_path / "platforms.warc.gz"
    with open(warc, "wb") as stream:
        writer = WARCWriter(stream, gzip=True, warc_version="1.1")
        for name in NAMES:
            body = (PAGES / name).read_bytes()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                EXPECTED[name]["url"], "response", payload=io.BytesIO(body), length=len(body),
                http_headers=headers))
    result = subprocess.run([sys.executable, "-m", "spiders.cli", "replay", str(warc), "--out",
                             str(tmp_path / "out")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = (tmp_path / "out" / "comments.jsonl").read_text("utf-8").splitlines()
    comments = [json.loads(line) for line in lines]
    for name in NAMES:
        mine = [c for c in comments if c["article_url"] == EXPECTED[name]["url"]]
        assert [c["id"] for c in mine] == [case[0] for case in EXPECTED[name]["comments"]], name
        # wpDiscuz runs on WordPress (the page links /wp-content/): the WordPress page object reads it.
        wordpress = EXPECTED[name]["platform"] == "wpdiscuz"
        extractor = "WordPressArticlePage" if wordpress else "GenericArticlePage"
        assert {c["provenance"]["extractor"] for c in mine} == {extractor}, name
        # Every printed date is one the normalizer reads (RDF ISO dates, '22 juin 2018 @11h13', ...).
        assert all(c["published"] for c in mine), [c["published_raw"] for c in mine if not c["published"]]
