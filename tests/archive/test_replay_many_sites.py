"""`longform replay` of one WARC holding pages from many sites: the page object and the site profile
are chosen per record (bundled profile by host, else platform detection, else the generic extractor).

The WARC is written here with plain warcio from the nine real WordPress pages of
tests/data/real-wordpress/ (at their original URLs), one hand-written non-WordPress article, and a
page of the WordPress fixture (tests/data/wordpress-fixture/) at the host of the bundled `lwj`
profile. Expected titles and comment counts are the hand-read values of
tests/scrapers/real_wordpress_expected.py; the fixture page's title is its h1.
"""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

REAL_PAGES = Path(__file__).parents[1] / "data" / "real-wordpress"
_spec = importlib.util.spec_from_file_location(
    "real_wordpress_expected", Path(__file__).parents[1] / "scrapers" / "real_wordpress_expected.py")
assert _spec and _spec.loader
_expected = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_expected)
EXPECTED: dict[str, dict[str, Any]] = _expected.EXPECTED
LONGFORM = [sys.executable, "-m", "spiders.cli"]

GENERIC_URL = "https://review.example.org/2024/03/field-notes-sahel"
GENERIC_TITLE = "Field notes from the Sahel"
GENERIC_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{GENERIC_TITLE} | Example Review</title>
<meta property="og:type" content="article"><meta property="og:title" content="{GENERIC_TITLE}">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta name="author" content="Ana Pérez"></head>
<body><nav><a href="/">Example Review</a></nav><article><h1>{GENERIC_TITLE}</h1>
<p class="byline">By Ana Pérez</p>
{"<p>Herders crossed the river at dawn, as they have for generations, and the market opened late.</p>" * 12}
</article></body></html>""".encode()

# Any WordPress page will do: the host picks the profile. (Not one of the nine: the same canonical
# URL twice would be one article, deduplicated.)
LWJ_PAGE = Path(__file__).parents[1] / "data" / "wordpress-fixture" / "twentytwentyone.mopti.bio.html"
LWJ_URL = "https://www.longwarjournal.org/archives/2024/11/u-s-special-forces-raid-targets-jnim-media-official.php"
LWJ_TITLE = "U.S. special forces raid targets JNIM media official near Mopti"


def _write_warc(path: Path, pages: list[tuple[str, bytes]]) -> None:
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True, warc_version="1.1")
        for url, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"),
                                                  ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          length=len(body), http_headers=headers))


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, dict[str, Any]], list[dict]]:
    """(articles by target URI, comments) replayed from the mixed WARC."""
    folder = tmp_path_factory.mktemp("many-sites")
    pages = [(case["url"], (REAL_PAGES / name).read_bytes()) for name, case in EXPECTED.items()]
    pages += [(GENERIC_URL, GENERIC_PAGE), (LWJ_URL, LWJ_PAGE.read_bytes())]
    _write_warc(folder / "mixed.warc.gz", pages)
    command = [*LONGFORM, "replay", str(folder / "mixed.warc.gz"), "--out", str(folder / "out")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    articles, comments = (_jsonl(folder / "out" / name) for name in ("articles.jsonl", "comments.jsonl"))
    return {article["provenance"]["target_uri"]: article for article in articles}, comments


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_every_page_gives_one_article(replayed: tuple[dict[str, dict[str, Any]], list[dict]]) -> None:
    articles, _ = replayed
    assert sorted(articles) == sorted([case["url"] for case in EXPECTED.values()] + [GENERIC_URL, LWJ_URL])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_wordpress_pages_use_the_wordpress_page_object(
    replayed: tuple[dict[str, dict[str, Any]], list[dict]], name: str
) -> None:
    articles, comments = replayed
    case = EXPECTED[name]
    article = articles[case["url"]]
    assert article["provenance"]["extractor"] == "WordPressArticlePage"
    assert article["title"] == case["title"]
    assert article["site"] == urlsplit(case["url"]).hostname  # no bundled profile: the host
    assert sum(c["article_url"] == article["url"] for c in comments) == case["comment_count_in_html"]


def test_non_wordpress_page_uses_the_generic_page_object(
    replayed: tuple[dict[str, dict[str, Any]], list[dict]]
) -> None:
    article = replayed[0][GENERIC_URL]
    assert article["provenance"]["extractor"] == "GenericArticlePage"
    assert article["title"] == GENERIC_TITLE
    assert article["site"] == "review.example.org"


def test_page_at_a_bundled_profiles_host_gets_that_profile(
    replayed: tuple[dict[str, dict[str, Any]], list[dict]]
) -> None:
    article = replayed[0][LWJ_URL]
    assert article["site"] == "lwj"
    assert article["provenance"]["extractor"] == "WordPressArticlePage"  # the profile's platform
    assert article["title"] == LWJ_TITLE
