"""`longform crawl` of the real WordPress fixture in every comment markup WordPress and its default
themes printed from 2010 on, checked against WordPress's own export (ground_truth.php).

The classic markups come from the fixture's test theme `themes/longform-markup` (our own code that
prints what core's `Walker_Comment`, the Twenty Ten/Eleven/Twelve callbacks and the Twenty
Nineteen/Twenty walkers print); the block markup from Debian's twentytwentytwo/-three. Some runs
also switch the site's `date_format`/`time_format` and language (Debian's wordpress-l10n), which
change the dates printed as text. The site's timezone is America/New_York throughout.

Each configuration is one crawl of the 26 posts published since SINCE (listed by the REST API),
which hold the 166-comment post on 5 comment pages, threads 5 deep, a page 2 with one comment and
the commenters named `Marcus "Doc" Ellery` and `-`; every approved reader comment on them must come
out exactly once with WordPress's parent, depth, author (as stored), author URL, time (UTC, to the
minute) and text. Without the site the tests skip, except under CI=true. The site's settings are
put back afterwards; the module holds `site.exclusive()` throughout.
"""

from __future__ import annotations

import html
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
import lxml.html
import pytest

from tests.sites.wordpress import site as wp_site

HERE = Path(__file__).resolve().parent
CONFIGURE = HERE / "configure.sh"
GROUND_TRUTH = HERE / "ground_truth.php"
SITE_NAME = "wp-markup"
# wptexturize and friends change quotes, dashes, ellipses and spaces on display; the text check
# compares words, so those typographic forms are folded first.
TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                            "…": "...", "″": '"', "′": "'", "×": "x", "\xa0": " "})
NON_WORD = re.compile(r"[\W_]+")
# The posts crawled: published since this day, listed newest first by the REST API.
SINCE = "2019-12-01"


@attrs.frozen
class Config:
    """One theme/markup and display settings to crawl."""

    id: str
    theme: str = "longform-markup"
    markup: str = "core-html5"
    style: str = "ol"
    date_format: str = "F j, Y"
    time_format: str = "g:i a"
    locale: str = "en_US"

    def configure_args(self) -> list[str]:
        return ["--theme", self.theme, "--markup", self.markup, "--comment-style", self.style,
                "--date-format", self.date_format, "--time-format", self.time_format,
                "--locale", self.locale, "--permalinks", "lwj", "--comments-page", "newest",
                "--comment-order", "asc", "--comments-per-page", "20", "--rest", "on"]


# Twenty Twenty-One (core html5 walker, `ol`) and Twenty Twenty-Two/-Three in English are crawled by
# test_crawl_real_wordpress.py. The formats matter only where no time[datetime] is printed.
CONFIGS = [
    # core Walker_Comment, html5 (Twenty Thirteen to Twenty Eighteen): time[datetime]
    Config("core-html5-ul", style="ul"),
    Config("core-html5-div", style="div", date_format="d/m/Y", time_format="H:i"),
    # core Walker_Comment without html5 support: the date is only the permalink's text
    Config("core-xhtml-ol", markup="core-xhtml", date_format="d.m.Y", time_format="H:i"),
    Config("core-xhtml-ul-de", markup="core-xhtml", style="ul", date_format="j. F Y",
           time_format="G:i", locale="de_DE"),
    Config("core-xhtml-div-iso", markup="core-xhtml", style="div", date_format="Y-m-d",
           time_format="H:i"),
    # the 2010-2012 callbacks: li#li-comment-N around div/article#comment-N
    Config("twentyten", markup="twentyten"),
    Config("twentyten-fr", markup="twentyten", date_format="j F Y",
           time_format="G \\h i \\m\\i\\n", locale="fr_FR"),
    Config("twentyeleven", markup="twentyeleven"),
    Config("twentytwelve-de", markup="twentytwelve", locale="de_DE", date_format="j. F Y",
           time_format="H:i"),
    # Twenty Nineteen's and Twenty Twenty's walkers (a link around span.fn; Twenty Twenty: style div)
    Config("twentynineteen", markup="twentynineteen"),
    Config("twentytwenty", markup="twentytwenty"),
    # a block theme (comment template blocks) in French: wptexturize prints « Doc »
    Config("twentytwentythree-fr", theme="twentytwentythree", locale="fr_FR", date_format="j F Y",
           time_format="G\\hi"),
]


@attrs.frozen
class Crawl:
    config: Config
    truth: dict[str, Any]
    comments: list[dict[str, Any]]


def _run(args: list[str], timeout: int = 120) -> str:
    proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, check=False)
    assert proc.returncode == 0, f"{' '.join(args)} failed:\n{proc.stdout[-2000:]}{proc.stderr[-4000:]}"
    return proc.stdout


def _configure(*args: str) -> dict[str, Any]:
    return json.loads(_run(["bash", str(CONFIGURE), *args]))


def _longform() -> list[str]:
    script = Path(sys.executable).with_name("longform")
    return [str(script)] if script.exists() else [sys.executable, "-m", "spiders.cli"]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """The running fixture, held for this module alone; its settings are put back afterwards."""
    url = wp_site.url_for_tests()
    with wp_site.exclusive():  # which puts every setting back afterwards
        yield url


@pytest.fixture(scope="module")
def truth(base_url: str) -> dict[str, Any]:
    """WordPress's export, once: theme, language and formats change no stored value, and the
    comment paging (which sets each comment's page) is the same in every configuration."""
    _configure(*CONFIGS[0].configure_args())
    return json.loads(_run(["php", str(GROUND_TRUTH)]))


@pytest.fixture(scope="module", params=CONFIGS, ids=lambda c: c.id)
def crawl(request: pytest.FixtureRequest, base_url: str, truth: dict[str, Any],
          tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    config: Config = request.param
    settings = _configure(*config.configure_args())
    assert (settings["theme"], settings["locale"]) == (config.theme, config.locale)
    assert (settings["date_format"], settings["time_format"]) == (config.date_format, config.time_format)
    assert settings["timezone"] == "America/New_York"
    folder = tmp_path_factory.mktemp(config.id)
    profile = folder / "profile.toml"
    profile.write_text(
        f'name = "{SITE_NAME}"\nbase_url = "{base_url}"\nplatform = "wordpress"\n'
        'timezone = "America/New_York"\ndownload_delay = 0.0\nautothrottle = false\nconcurrency = 8\n'
        "use_sitemaps = false\n",
        "utf-8",
    )
    out = _run([*_longform(), "crawl", str(profile), "--since", SINCE,
                "--out", str(folder / "out")], timeout=600)
    assert out.startswith("Crawl finished"), out
    lines = (folder / "out" / SITE_NAME / "comments.jsonl").read_text("utf-8").splitlines()
    return Crawl(config, truth, [json.loads(line) for line in lines])


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _words(text: str) -> str:
    """Text reduced to its words: what the reader wrote, whatever the display filters did."""
    return NON_WORD.sub(" ", html.unescape(text).translate(TYPOGRAPHY)).strip().lower()


def _stored_text(content_raw: str) -> str:
    return lxml.html.fragment_fromstring(content_raw, create_parent="div").text_content()


def test_every_approved_reader_comment_once_with_wordpress_fields(crawl: Crawl) -> None:
    posts = {p["id"] for p in crawl.truth["posts"] if p["published_utc"][:10] >= SINCE}
    expected = {str(c["id"]): c for c in crawl.truth["comments"]
                if c["type"] == "comment" and c["post_id"] in posts}
    assert (len(posts), len(expected)) == (26, 304)
    got = Counter(comment["id"] for comment in crawl.comments)
    assert {cid: n for cid, n in got.items() if n != 1} == {}, "comments emitted more than once"
    assert sorted(got, key=int) == sorted(expected, key=int)
    wrong: dict[str, list[str]] = {}
    for comment in crawl.comments:
        truth = expected[comment["id"]]
        checks = {
            "article_url": _path(comment["article_url"]) == _path(truth["post_url"]),
            "parent_id": comment["parent_id"] == (str(truth["parent"]) if truth["parent"] else None),
            "depth": comment["depth"] == truth["depth"],
            "comment_page": comment["comment_page"] == truth["page"],
            "author": comment["author"] == truth["author"],
            "author_url": comment["author_url"] == (truth["author_url"] or None),
            "published": (comment["published"] or "")[:16] == truth["date_utc"][:16],
            "text": _words(comment["text"]) == _words(_stored_text(truth["content_raw"])),
        }
        for name, ok in checks.items():
            if not ok:
                wrong.setdefault(name, []).append(f"{comment['id']}: {comment.get(name)!r}")
    assert {name: (len(ids), ids[:3]) for name, ids in wrong.items()} == {}


def test_the_displayed_name_is_kept_beside_the_stored_one(crawl: Crawl) -> None:
    """`author_raw` is the name as the page prints it, never empty where `author` is set."""
    assert all(c["author_raw"] for c in crawl.comments if c["author"])
    names = {c["author"]: c["author_raw"] for c in crawl.comments}
    assert names["Frances O'Brien"] in ("Frances O'Brien", "Frances O’Brien")
