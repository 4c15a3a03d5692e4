"""`longform crawl` against the real WordPress fixture (README.md beside this file), checked
against the ground truth that WordPress itself exports (ground_truth.php), never against our
extractor's output.

Every configuration below switches the running site (configure.sh), exports the ground truth
under those settings, crawls the site with the real CLI and a profile file, and checks:

- every published post exactly once (by URL path), with WordPress's title, author(s), tags,
  categories and publication time (UTC, to the minute);
- every approved reader comment exactly once (WordPress comment ids), with parent, depth, author,
  author URL, time (UTC, to the minute) and the comment page WordPress puts it on;
- no pingback/trackback, nothing pending, spam, trashed, draft, scheduled, private or
  password-protected in the dataset;
- each page of a post (its comment pages) fetched once: no comment page under two URLs;
- discovery by the right means: sitemaps when there are some, else the REST API's posts listing
  (no archive page needed), else, with the API off, the feed and archive pagination.

Without the site (not root, no apt) the tests skip, except under CI=true, where a missing site
fails. The site's settings are put back as they were after the module.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import attrs
import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.sites.wordpress import site as wp_site

HERE = Path(__file__).resolve().parent
CONFIGURE = HERE / "configure.sh"
GROUND_TRUTH = HERE / "ground_truth.php"
SITE_NAME = "wp-fixture"

# Marker texts of the content WordPress must not show (README: "Not public ...").
HIDDEN_MARKERS = re.compile(
    r"PROTECTED-BODY|PROTECTED-COMMENT|DRAFT-|SCHEDULED-|PRIVATE-|PENDING-|TRASHED-|SPAM-\d|UNAPPROVED-"
)
# A joint byline is one WordPress user whose display name holds both names (README: "Co-authored
# bylines"); the article's `authors` lists the people.
JOINT_BYLINE = re.compile(r"\s+(?:and|&)\s+")
# Block themes run the whole rendered template through wptexturize
# (get_the_block_template_html), so their pages print term and commenter names with typographic
# quotes ("Côte d’Ivoire", "Frances O’Brien") where WordPress stores straight ones. The dataset
# keeps what the page prints for terms, compared with the quotes folded on block themes only;
# a commenter's `author` is the stored name (pipelines/normalize/authors.py: untexturize).
TEXTURIZED_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
# The comment-page part of a URL (`/comment-page-2/`, `&cpage=2`), to group a post's pages.
COMMENT_PAGE = re.compile(r"/comment-page-\d+(?=/?$)|[?&]cpage=\d+")
# Requests to the REST API (pretty and plain permalinks) and its posts listing.
REST_REQUEST = re.compile(r"/wp-json/|[?&]rest_route=")
REST_POSTS = re.compile(r"/wp-json/wp/v2/posts\?|[?&]rest_route=%2Fwp%2Fv2%2Fposts")
# Archive pagination: the second and later pages of the post listing.
ARCHIVE_PAGE = re.compile(r"/page/\d+/?$|[?&]paged=\d+")


PERMALINKS = {"lwj": "/archives/%year%/%monthnum%/%postname%.php",
              "common": "/%year%/%monthnum%/%postname%/", "plain": ""}


@attrs.frozen
class Config:
    """One site configuration to crawl."""

    id: str
    theme: str
    permalinks: str = "lwj"
    comments_page: str = "newest"
    comment_order: str = "asc"
    rest: str = "on"
    sitemaps: bool = True

    def configure_args(self) -> list[str]:
        return ["--theme", self.theme, "--permalinks", self.permalinks,
                "--comments-page", self.comments_page, "--comment-order", self.comment_order,
                "--comments-per-page", "20", "--rest", self.rest]


# Every theme Debian 12 ships (classic twentytwentyone, block twentytwentytwo/-three) with the
# site's defaults and with the common permalinks + oldest comments first; the other variants
# (newest comments on top, no sitemaps: REST API listing, or feed + archive pages with the REST
# API off, plain permalinks: `?rest_route=`) spread over them.
CONFIGS = [
    Config("tt1", "twentytwentyone"),
    Config("tt2", "twentytwentytwo"),
    Config("tt3", "twentytwentythree"),
    Config("tt1-common-oldest", "twentytwentyone", permalinks="common", comments_page="oldest"),
    Config("tt2-common-oldest", "twentytwentytwo", permalinks="common", comments_page="oldest"),
    Config("tt3-common-oldest", "twentytwentythree", permalinks="common", comments_page="oldest"),
    Config("tt1-desc-nositemaps", "twentytwentyone", comment_order="desc", sitemaps=False),
    Config("tt2-common-nositemaps-restoff", "twentytwentytwo", permalinks="common", sitemaps=False,
           rest="off"),
    Config("tt1-plain-nositemaps", "twentytwentyone", permalinks="plain", sitemaps=False),
    Config("tt3-oldest-desc-restoff", "twentytwentythree", comments_page="oldest",
           comment_order="desc", rest="off"),
]


@attrs.frozen
class Crawl:
    """What one configuration's crawl left, and the ground truth it is checked against."""

    config: Config
    truth: dict[str, Any]
    articles: list[dict[str, Any]]
    comments: list[dict[str, Any]]
    fetched: list[tuple[str, int]]
    """(target URI, status) of every archived response, in WARC order."""


def _run(args: list[str], timeout: int = 120) -> str:
    proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, check=False)
    assert proc.returncode == 0, f"{' '.join(args)} failed:\n{proc.stdout[-2000:]}{proc.stderr[-4000:]}"
    return proc.stdout


def _configure(*args: str) -> dict[str, Any]:
    return json.loads(_run(["bash", str(CONFIGURE), *args]))


def _longform() -> list[str]:
    script = Path(sys.executable).with_name("longform")  # the installed console script
    return [str(script)] if script.exists() else [sys.executable, "-m", "spiders.cli"]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """The running fixture, held for this module alone; its settings are put back afterwards."""
    url = wp_site.url_for_tests()
    with wp_site.exclusive():  # which puts every setting back afterwards
        yield url


def _profile(base: str, config: Config, folder: Path) -> Path:
    path = folder / "profile.toml"
    path.write_text(
        f'name = "{SITE_NAME}"\nbase_url = "{base}"\nplatform = "wordpress"\n'
        'timezone = "America/New_York"\n'
        "download_delay = 0.0\nautothrottle = false\nconcurrency = 8\n"
        f"use_sitemaps = {'true' if config.sitemaps else 'false'}\n",
        "utf-8",
    )
    return path


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def _fetched(warc_folder: Path) -> list[tuple[str, int]]:
    fetched = []
    for path in sorted(warc_folder.glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    fetched.append((record.rec_headers.get_header("WARC-Target-URI"),
                                    int(record.http_headers.get_statuscode())))
    return fetched


@pytest.fixture(scope="module", params=CONFIGS, ids=lambda c: c.id)
def crawl(request: pytest.FixtureRequest, base_url: str,
          tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    """Configure the site, export WordPress's ground truth, crawl it with `longform crawl`."""
    config: Config = request.param
    settings = _configure(*config.configure_args())
    assert settings["theme"] == config.theme and settings["rest"] == config.rest
    truth = json.loads(_run(["php", str(GROUND_TRUTH)]))
    folder = tmp_path_factory.mktemp(config.id)
    out = _run([*_longform(), "crawl", str(_profile(base_url, config, folder)),
                "--out", str(folder / "out")], timeout=600)
    assert out.startswith("Crawl finished"), out
    data = folder / "out" / SITE_NAME
    return Crawl(config, truth, _jsonl(data / "articles.jsonl"), _jsonl(data / "comments.jsonl"),
                 _fetched(data / "warc"))


def _path(url: str) -> str:
    """A URL's path and query: what identifies a post on this one site."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _names(crawl: Crawl) -> Any:
    if crawl.truth["site"]["theme_kind"] == "block":
        return lambda name: name.translate(TEXTURIZED_QUOTES) if name else name
    return lambda name: name


def test_the_site_runs_the_configuration(crawl: Crawl) -> None:
    site = crawl.truth["site"]
    assert site["theme"] == crawl.config.theme
    assert site["permalink_structure"] == PERMALINKS[crawl.config.permalinks]
    assert site["default_comments_page"] == crawl.config.comments_page
    assert site["comment_order"] == crawl.config.comment_order
    assert crawl.truth["counts"]["posts"] == 56 and crawl.truth["counts"]["comments"] == 401


def test_every_published_post_comes_out_once_with_wordpress_fields(crawl: Crawl) -> None:
    expected = {_path(post["url"]): post for post in crawl.truth["posts"]}
    got = Counter(_path(article["url"]) for article in crawl.articles)
    assert {path: n for path, n in got.items() if n != 1} == {}, "articles emitted more than once"
    assert sorted(got) == sorted(expected)
    name = _names(crawl)
    for article in crawl.articles:
        post = expected[_path(article["url"])]
        where = post["url"]
        assert article["title"] == post["title"], where
        assert article["authors"] == JOINT_BYLINE.split(post["author"]["display_name"]), where
        assert sorted(map(name, article["tags"])) == sorted(t["name"] for t in post["tags"]), where
        assert sorted(map(name, article["categories"])) == sorted(
            c["name"] for c in post["categories"]), where
        assert article["published"] is not None, where
        assert article["published"][:16] == post["published_utc"][:16], where


def test_article_text_leaves_out_the_bio_and_appeal_typed_into_the_post(crawl: Crawl) -> None:
    """seed.php ends each post, as Long War Journal does, with a rule, the author's bio ('Bill
    Roggio is the editor of ...') and a donation appeal: in every theme, not the article's text."""
    for article in crawl.articles:
        paragraphs = article["text"].split("\n\n")
        assert not [p for p in paragraphs if "tax-deductible donation" in p], article["url"]
        opening_bios = [p for p in paragraphs for a in article["authors"] if p.startswith(f"{a} is ")]
        assert opening_bios == [], article["url"]


def test_every_approved_reader_comment_comes_out_once_in_its_thread(crawl: Crawl) -> None:
    expected = {str(c["id"]): c for c in crawl.truth["comments"] if c["type"] == "comment"}
    got = Counter(comment["id"] for comment in crawl.comments)
    assert {cid: n for cid, n in got.items() if n != 1} == {}, "comments emitted more than once"
    assert sorted(got, key=int) == sorted(expected, key=int)
    name = _names(crawl)
    for comment in crawl.comments:
        truth = expected[comment["id"]]
        where = truth["url"]
        assert _path(comment["article_url"]) == _path(truth["post_url"]), where
        assert comment["parent_id"] == (str(truth["parent"]) if truth["parent"] else None), where
        assert comment["depth"] == truth["depth"], where
        assert comment["comment_page"] == truth["page"], where
        assert comment["author"] == truth["author"], where  # as stored: wptexturize undone
        assert comment["author_url"] == (truth["author_url"] or None), where
        assert comment["published"] is not None, where
        assert comment["published"][:16] == truth["date_utc"][:16], where


def test_no_pings_and_nothing_hidden_in_the_dataset(crawl: Crawl) -> None:
    pings = {str(c["id"]) for c in crawl.truth["comments"] if c["type"] != "comment"}
    hidden = {str(c["id"]) for c in crawl.truth["hidden"]["comments"]}
    ids = {comment["id"] for comment in crawl.comments}
    assert len(pings) == 8 and ids.isdisjoint(pings)
    assert hidden and ids.isdisjoint(hidden)
    hidden_titles = {p["title_raw"] for p in crawl.truth["hidden"]["posts"] if p["title_raw"]}
    assert not [a["title"] for a in crawl.articles if any(t in a["title"] for t in hidden_titles)]
    for record in crawl.articles + crawl.comments:
        assert not HIDDEN_MARKERS.search(json.dumps(record, ensure_ascii=False)), record["id"]


def test_each_page_of_a_post_is_fetched_once(crawl: Crawl) -> None:
    """A post with N comment pages costs N fetches: no comment page fetched under two URLs
    (the permalink and `comment-page-N`), none missed."""
    def post_of(url: str) -> str:
        return COMMENT_PAGE.sub("", _path(url)).rstrip("/")

    posts = {post_of(post["url"]): post for post in crawl.truth["posts"]}
    pages_fetched = Counter(post_of(url) for url, _ in crawl.fetched)
    assert {path: pages_fetched[path] for path in posts} == {
        path: post["comment_pages"] for path, post in posts.items()
    }
    # With the API off its one listing request is answered 401 (and archived); nothing else fails.
    # With plain permalinks WordPress answers /robots.txt with a 301 to /robots.txt/
    # (X-Redirect-By: WordPress); the crawler follows it.
    refused = [(url, status) for url, status in crawl.fetched if status != 200
               and not (crawl.config.permalinks == "plain" and url.endswith("/robots.txt")
                        and status == 301)]
    rest_off = crawl.config.rest == "off" and not crawl.config.sitemaps
    assert refused == ([(url, 401) for url, _ in refused if REST_POSTS.search(url)] if rest_off else [])


def test_discovery_uses_sitemaps_else_the_rest_api_else_feed_and_archive_pages(crawl: Crawl) -> None:
    urls = [url for url, _ in crawl.fetched]
    rest = [(url, status) for url, status in crawl.fetched if REST_REQUEST.search(url)]
    archive_pages = [url for url in urls if ARCHIVE_PAGE.search(url)]
    if crawl.config.sitemaps:
        assert any(url.endswith("/wp-sitemap.xml") for url in urls)
        assert rest == [] and archive_pages == []
    elif crawl.config.rest == "on":
        # 56 posts (+1 protected) fit one page of 100: one listing request, archived.
        assert len(rest) == 1 and REST_POSTS.search(rest[0][0]) and rest[0][1] == 200, rest
        assert archive_pages == []
    else:
        assert len(rest) == 1 and rest[0][1] == 401, rest
        assert archive_pages, "with the REST API off the archive pages list the posts"
        assert any(urlsplit(url).path.endswith("/feed/") for url in urls)
