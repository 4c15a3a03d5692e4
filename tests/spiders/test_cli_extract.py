"""`longform extract` shows the record as the crawl would write it: normalized fields filled, in the
profile's time zone. Page: the real WordPress fixture in Twenty Ten's comment markup (the date only
as link text); expected values are WordPress's own export (see test_wordpress_comment_markup.py)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from scrapers.items import Article, Comment
from spiders.cli import main
from spiders.errors import EXIT_FAILED, EXIT_OK

PAGE = Path(__file__).resolve().parent.parent / "data" / "wordpress-fixture" / "markup.twentyten.html"
URL = ("http://127.0.0.1:8089/archives/2021/12/analysis-jnims-drone-program-in-the-sahel.php"
       "/comment-page-1")


def _extract(tmp_path: Path, *extra: str) -> dict:
    result = subprocess.run([sys.executable, "-m", "spiders.cli", "extract", str(PAGE), "--url", URL,
                             *extra], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def test_extract_prints_normalized_authors_and_dates_in_the_sites_zone(tmp_path: Path) -> None:
    profile = tmp_path / "fixture.toml"
    profile.write_text('name = "fixture"\nbase_url = "http://127.0.0.1:8089/"\n'
                       'timezone = "America/New_York"\n')
    comments = {c["id"]: c for c in _extract(tmp_path, "--site", str(profile))["comments"]}
    assert comments["166"]["author"] == 'Marcus "Doc" Ellery'
    assert comments["166"]["published_raw"] == "December 8, 2021 at 6:11 pm"
    assert comments["166"]["published"] == "2021-12-08T23:11:00Z"  # 6:11 pm EST is 23:11 UTC
    assert comments["186"]["author"] == "Tom & Jerry"
    assert all(c["article_id"] for c in comments.values())


def test_without_a_profile_local_times_are_read_as_utc(tmp_path: Path) -> None:
    comments = {c["id"]: c for c in _extract(tmp_path)["comments"]}
    assert comments["166"]["published"] == "2021-12-08T18:11:00Z"


def test_only_the_records_are_printed_and_an_unknown_fetch_time_is_null(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The records the crawl writes, nothing the spider reads (links, comment page, post id, REST
    root); without --fetched-at the fetch time is unknown: null, not an empty string."""
    assert main(["extract", str(PAGE), "--url", URL]) == EXIT_OK
    printed = json.loads(capsys.readouterr().out)
    assert list(printed) == ["article", "comments"]
    assert list(printed["article"]) == [f.name for f in attrs.fields(Article)]
    assert printed["comments"] and all(list(c) == [f.name for f in attrs.fields(Comment)]
                                       for c in printed["comments"])
    assert printed["article"]["fetched_at"] is None
    assert {c["fetched_at"] for c in printed["comments"]} == {None}
    assert main(["extract", str(PAGE), "--url", URL, "--fetched-at", "2024-05-01T12:00:00+02:00"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["article"]["fetched_at"] == "2024-05-01T10:00:00Z"
    assert {c["fetched_at"] for c in printed["comments"]} == {"2024-05-01T10:00:00Z"}


@pytest.mark.parametrize("content", [
    random.Random(7).randbytes(2000),  # what a walkthrough saved by mistake: exit 0, empty article
    b"\x89PNG\r\n\x1a\n" + b"<p>" + b"x" * 500,  # an image whose bytes happen to hold a tag
    ("Plain prose without a single tag. " * 20).encode(),  # read as HTML: a wordy empty article
    b"",
])
def test_a_file_that_is_not_html_is_one_line_and_status_1(
    content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "bin.html"
    saved.write_bytes(content)
    assert main(["extract", str(saved), "--url", "http://127.0.0.1:8079/x"]) == EXIT_FAILED
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (f"longform: {saved} is not an HTML page (binary data, or text without "
                            "markup); the crawl writes no record for it\n")


def test_an_html_page_in_utf16_is_still_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """UTF-16 text is full of NUL bytes; its byte order mark says it is text all the same."""
    saved = tmp_path / "page.html"
    saved.write_bytes(PAGE.read_bytes().decode("utf-8").encode("utf-16"))
    assert main(["extract", str(saved), "--url", URL]) == EXIT_OK
    article = json.loads(capsys.readouterr().out)["article"]
    assert article["title"] == "Analysis: JNIM\u2019s drone program in the Sahel"
    assert article["word_count"] == 81
