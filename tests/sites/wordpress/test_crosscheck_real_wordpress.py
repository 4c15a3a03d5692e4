"""A theme that hides the commenter's name and the date costs no data: the crawl takes them from
WordPress's REST API (`/wp/v2/comments?post=N`, archived), says so in `sources`, and replay gives
the same JSONL. Checked against WordPress's own ground truth (ground_truth.php).

The theme is our own test theme (`themes/longform-hidden-fields/`): every comment shows its text
only. It is copied into the running fixture for this module and removed afterwards; the site's
settings are put back. With the REST API off, the same crawl gives the comments as the page shows
them (no author, no date), archives the API's 401 answers and fails its field coverage (exit 1).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.sites.wordpress import site as wp_site

HERE = Path(__file__).resolve().parent
CONFIGURE = HERE / "configure.sh"
GROUND_TRUTH = HERE / "ground_truth.php"
THEME = "longform-hidden-fields"
SITE_NAME = "wp-hidden"
STATUS = {"on": 0, "off": 1}
"""Exit status of the crawl and the replay, by REST API setting."""
REST_COMMENTS = re.compile(r"/wp-json/wp/v2/comments\?post=(\d+)&per_page=100&page=(\d+)")


@attrs.frozen
class Crawl:
    """One crawl of the theme and its replay."""

    truth: dict[str, Any]
    data: Path
    comments: list[dict[str, Any]]
    fetched: list[tuple[str, int]]
    replayed: Path


def _run(args: list[str], timeout: int = 600, status: int = 0) -> str:
    proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, check=False)
    assert proc.returncode == status, f"{' '.join(args)}:\n{proc.stdout[-2000:]}{proc.stderr[-4000:]}"
    return proc.stdout


def _configure(*args: str) -> dict[str, Any]:
    return json.loads(_run(["bash", str(CONFIGURE), *args]))


def _longform() -> list[str]:
    script = Path(sys.executable).with_name("longform")
    return [str(script)] if script.exists() else [sys.executable, "-m", "spiders.cli"]


def _themes_folder() -> Path:
    return Path(os.environ.get("WP_STATE_DIR", "/tmp/longform-wp")) / "wp-content" / "themes"


def _install_theme() -> Path:
    target = _themes_folder() / THEME
    _remove(target)
    shutil.copytree(HERE / "themes" / THEME, target)  # a copy: www-data reads it, worktree or not
    return target


def _remove(target: Path) -> None:
    if target.is_symlink():
        target.unlink()
    elif target.exists():
        shutil.rmtree(target)


def _crawl(base: str, folder: Path, status: int) -> Path:
    profile = folder / "profile.toml"
    profile.write_text(
        f'name = "{SITE_NAME}"\nbase_url = "{base}"\nplatform = "wordpress"\n'
        'timezone = "America/New_York"\ndownload_delay = 0.0\nautothrottle = false\n'
        "concurrency = 8\n", "utf-8")
    out = _run([*_longform(), "crawl", str(profile), "--out", str(folder / "out")], status=status)
    assert out.startswith("Crawl finished"), out
    return folder / "out" / SITE_NAME


def _replay(data: Path, folder: Path, status: int) -> Path:
    shutil.copytree(data / "warc", folder / "warc", ignore=shutil.ignore_patterns("index.cdxj"))
    _run([*_longform(), "replay", str(folder / "warc"), "--out", str(folder)], status=status)
    return folder


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


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Crawl]]:
    """The theme crawled with the REST API on, then off; each replayed into another folder."""
    base = wp_site.url_for_tests()
    done: dict[str, tuple[dict[str, Any], Path]] = {}
    with wp_site.exclusive() as before:
        installed = _install_theme()
        try:
            for rest in ("on", "off"):
                settings = _configure("--theme", THEME, "--permalinks", "lwj", "--comments-page",
                                      "newest", "--comment-order", "asc", "--comments-per-page",
                                      "20", "--rest", rest)
                assert settings["theme"] == THEME and settings["rest"] == rest
                truth = json.loads(_run(["php", str(GROUND_TRUTH)]))
                # REST off: no author, no date on any comment, so the crawl fails its coverage.
                done[rest] = truth, _crawl(base, tmp_path_factory.mktemp(f"rest-{rest}"), STATUS[rest])
        finally:
            wp_site.restore_settings(before)  # off our theme before it is removed
            _remove(installed)
    yield {rest: Crawl(truth, data, _jsonl(data / "comments.jsonl"), _fetched(data / "warc"),
                       _replay(data, tmp_path_factory.mktemp(f"replay-{rest}"), STATUS[rest]))
           for rest, (truth, data) in done.items()}


def _reader_comments(truth: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(c["id"]): c for c in truth["comments"] if c["type"] == "comment"}


def test_hidden_names_and_dates_come_from_the_rest_api_and_say_so(crawls: dict[str, Crawl]) -> None:
    crawl = crawls["on"]
    expected = _reader_comments(crawl.truth)
    got = Counter(comment["id"] for comment in crawl.comments)
    assert {cid: n for cid, n in got.items() if n != 1} == {}, "comments emitted more than once"
    assert sorted(got, key=int) == sorted(expected, key=int)
    for comment in crawl.comments:
        truth = expected[comment["id"]]
        where = truth["url"]
        filled = {"author", "published"} | ({"author_url"} if truth["author_url"] else set())
        assert comment["sources"] == dict.fromkeys(filled, "rest_api"), where
        assert comment["disagreements"] == [], where
        assert comment["author"] == truth["author"], where
        assert comment["published"] == truth["date_utc"], where  # the API's, to the second
        assert comment["author_url"] == (truth["author_url"] or None), where
        assert comment["parent_id"] == (str(truth["parent"]) if truth["parent"] else None), where
        assert comment["depth"] == truth["depth"] and comment["comment_page"] == truth["page"], where
        assert comment["text"], where  # the page's: it shows the text
        # The page stays the record's source: provenance names the page, not the API.
        assert "/wp-json/" not in comment["provenance"]["target_uri"], where


def test_each_post_with_comments_costs_one_archived_answer_per_hundred(crawls: dict[str, Crawl]) -> None:
    crawl = crawls["on"]
    asked = Counter()
    for url, status in crawl.fetched:
        if match := REST_COMMENTS.search(url):
            assert status == 200, url
            asked[int(match[1])] += 1
    shown = Counter(c["post_id"] for c in _reader_comments(crawl.truth).values())
    # Post 50 has 166 approved comments (and pings): two pages of 100; no post asked twice.
    assert asked == {post: (count + 99) // 100 for post, count in shown.items()}
    assert asked[50] == 2


def test_with_the_rest_api_off_comments_go_out_as_the_page_shows_them(crawls: dict[str, Crawl]) -> None:
    crawl = crawls["off"]
    assert sorted((c["id"] for c in crawl.comments), key=int) == sorted(
        _reader_comments(crawl.truth), key=int)
    for comment in crawl.comments:
        assert (comment["author"], comment["published"], comment["sources"]) == (None, None, {})
        assert comment["text"]
    refused = {status for url, status in crawl.fetched if REST_COMMENTS.search(url)}
    assert refused == {401}  # asked once per post, answered no, archived
    report = json.loads((crawl.data / "crawl-report.json").read_text("utf-8"))
    assert report["coverage"]["below_threshold"] == ["comments.author", "comments.published"]


@pytest.mark.parametrize("rest", ["on", "off"])
@pytest.mark.parametrize("name", ["articles.jsonl", "comments.jsonl"])
def test_replay_gives_the_crawls_jsonl(crawls: dict[str, Crawl], rest: str, name: str) -> None:
    """Replay fills the same comments from the same archived answers: every line the same bytes
    (sorted: the crawl writes in callback order, replay in WARC order)."""
    crawl = crawls[rest]
    crawled = (crawl.data / name).read_bytes().splitlines()
    replayed = (crawl.replayed / name).read_bytes().splitlines()
    assert len(crawled) > 50
    assert sorted(replayed) == sorted(crawled)
