"""`longform extract` prints the crawl's records: for every page a real crawl of the recorded demo
site (a recording of the real WordPress fixture) took records from, extract on that page's body,
given the crawl's profile and fetch time, prints the very records the crawl wrote, provenance
aside. A page that is not an article gets one line and exit status 1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from archive.reader import iter_responses
from spiders.cli import main
from spiders.demo import demo_profile
from spiders.errors import EXIT_FAILED

LONGFORM = [sys.executable, "-m", "spiders.cli"]
Record = dict[str, Any]


def _jsonl(path: Path) -> list[Record]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def _without_provenance(record: Record) -> Record:
    return {key: value for key, value in record.items() if key != "provenance"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("parity")
    result = subprocess.run([*LONGFORM, "demo", "--out", str(out)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr[-4000:]
    return out / "demo"


@pytest.fixture(scope="module")
def profile_file(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The profile the demo crawled with (spiders/demo.py), as a file `--site` takes."""
    url = _jsonl(demo / "articles.jsonl")[0]["url"]
    base = url.split("/archives/")[0] + "/"
    profile = demo_profile(base)
    path = tmp_path_factory.mktemp("profile") / "demo.toml"
    path.write_text(f'name = "{profile.name}"\nbase_url = "{base}"\n'
                    f'timezone = "{profile.timezone}"\n', "utf-8")
    return path


def _pages(demo: Path) -> dict[str, tuple[bytes, str]]:
    """URL -> (decoded body, WARC-Date) of every response in the crawl's WARCs."""
    return {
        response.url: (response.body, response.location.warc_date)
        for warc in sorted((demo / "warc").glob("*.warc.gz"))
        for response in iter_responses(warc)
    }


def _extract(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main(["extract", *map(str, args)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_extract_prints_the_records_the_crawl_wrote(
    demo: Path, profile_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles, comments = _jsonl(demo / "articles.jsonl"), _jsonl(demo / "comments.jsonl")
    pages = _pages(demo)
    sources = {r["provenance"]["target_uri"] for r in articles + comments}
    assert len(sources) >= len(articles) > 10  # every article page, and a comment page
    compared = 0
    for url in sorted(sources):
        body, warc_date = pages[url]
        saved = tmp_path / "page.html"
        saved.write_bytes(body)
        status, out, err = _extract(capsys, saved, "--url", url, "--site", profile_file,
                                    "--fetched-at", warc_date)
        assert status == 0, err
        printed = json.loads(out)
        assert printed["article"]["provenance"] is None
        crawled = [a for a in articles if a["provenance"]["target_uri"] == url]
        if crawled:  # the crawl writes an article once, from the first of its pages it reads
            assert _without_provenance(printed["article"]) == _without_provenance(crawled[0]), url
        expected = [_without_provenance(c) for c in comments if c["provenance"]["target_uri"] == url]
        assert [_without_provenance(c) for c in printed["comments"]] == expected, url
        compared += len(expected) + len(crawled)
    assert compared == len(articles) + len(comments)


def test_without_a_profile_only_the_site_name_and_zone_are_guessed(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No --site: no bundled profile names this host, so `site` is the host (as replay names it)
    and local times would be read as UTC; the recording's times carry their offset, so every
    other field equals the crawl's."""
    article = _jsonl(demo / "articles.jsonl")[0]
    body, warc_date = _pages(demo)[article["provenance"]["target_uri"]]
    saved = tmp_path / "page.html"
    saved.write_bytes(body)
    status, out, err = _extract(capsys, saved, "--url", article["url"], "--fetched-at", warc_date)
    assert status == 0, err
    printed = json.loads(out)["article"]
    assert printed["site"] == "127.0.0.1"
    assert {**_without_provenance(printed), "site": "demo"} == _without_provenance(article)


def test_a_page_that_is_not_an_article_is_one_line_and_status_1(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The recorded home page (a listing of posts): the crawl takes no record from it."""
    home = next(url for url in _pages(demo) if urlsplit(url).path == "/")
    saved = tmp_path / "home.html"
    saved.write_bytes(_pages(demo)[home][0])
    status, out, err = _extract(capsys, saved, "--url", home)
    assert status == EXIT_FAILED
    assert out == ""
    assert err == f"longform: {saved} is not an article page (a listing, static page or search page); " \
                  "the crawl writes no record for it\n"


@pytest.mark.parametrize("args, message", [
    (["--url", "example.org/post"], "is not an http(s) URL"),
    (["--url", "https://example.org/post", "--fetched-at", "yesterday"], "'yesterday' is not a time"),
])
def test_bad_arguments_are_one_line_and_status_2(
    tmp_path: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html></html>")
    with pytest.raises(SystemExit) as stopped:
        main(["extract", str(page), *args])
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert message in err and err.count("\n") == 1
