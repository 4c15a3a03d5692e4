"""Incremental crawls of the real WordPress: run 1 full, run 2 with no change, run 3 after changes.

Run 2 must fetch no article page again and append no record; run 3, after a new post, a new
comment on the last comment page of an old thread, an edited title and comments closed on another
post, must append exactly those changes. The changes are undone at the end (new post and comment
deleted, the edited rows restored to their seeded values), so the shared fixture ends as it began.
Skips without the site; fails instead under CI=true.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from pipelines.ledger import content_hash
from tests.sites.wordpress import site as wp_site

HERE = Path(__file__).resolve().parent
SITE = "wp-incremental"


def _php(script: str, *args: str) -> Any:
    proc = subprocess.run(["php", str(HERE / script), *args], capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    url = wp_site.url_for_tests()
    with wp_site.exclusive():  # no other test module switches the theme or permalinks meanwhile
        yield url


def _crawl(base: str, out: Path) -> list[tuple[str, str, int]]:
    """Crawl into OUT/wp-incremental/; the (record type, URI, status) of this run's answers."""
    profile = out / "profile.toml"
    profile.write_text(
        f'name = "{SITE}"\nbase_url = "{base}"\ntimezone = "America/New_York"\n'
        "download_delay = 0.0\nautothrottle = false\nconcurrency = 8\n", "utf-8")
    warcs = set((out / SITE / "warc").glob("*.warc.gz"))
    proc = subprocess.run([sys.executable, "-m", "spiders.cli", "crawl", str(profile), "--out", str(out)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    answers = []
    for path in sorted(set((out / SITE / "warc").glob("*.warc.gz")) - warcs):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type in ("response", "revisit"):
                    answers.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI"),
                                    int(record.http_headers.get_statuscode())))
    return answers


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def _old_posts(truth: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The post with most comment pages, and two other old posts with comments open."""
    posts = sorted(truth["posts"], key=lambda p: p["published_utc"])
    paged = max(posts, key=lambda p: p["comment_pages"])
    others = [p for p in posts[:20] if p is not paged and p["comment_status"] == "open"]
    return paged, others[0], others[1]


CONFIGURE = HERE / "configure.sh"
OTHER_ORDER = ("--permalinks", "common", "--comments-page", "oldest", "--comment-order", "desc")
"""The other way WordPress can page and order a thread (the default: newest page first, asc)."""


def _configure(*args: str) -> dict[str, Any]:
    proc = subprocess.run(["bash", str(CONFIGURE), *args], capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return dict(json.loads(proc.stdout))


@contextlib.contextmanager
def _configured(args: tuple[str, ...]) -> Iterator[None]:
    """The site switched to `args` for the block, then put back as it was."""
    if not args:
        yield
        return
    before = wp_site.settings()
    try:
        _configure(*args)
        yield
    finally:
        wp_site.restore_settings(before)


@pytest.mark.parametrize("settings", [(), OTHER_ORDER], ids=["as-found", "common-oldest-desc"])
def test_second_run_fetches_no_article_and_third_finds_exactly_the_changes(
    base_url: str, tmp_path: Path, settings: tuple[str, ...]
) -> None:
    with _configured(settings):
        _three_runs(base_url, tmp_path)


def _three_runs(base_url: str, tmp_path: Path) -> None:
    truth = _php("ground_truth.php")
    article_urls = {post["url"] for post in truth["posts"]}
    first = _crawl(base_url, tmp_path)
    site = tmp_path / SITE
    articles, comments = _lines(site / "articles.jsonl"), _lines(site / "comments.jsonl")
    assert {a["url"] for a in articles} >= article_urls

    second = _crawl(base_url, tmp_path)
    bodies = [(uri, status) for kind, uri, status in second if kind == "response" and status == 200]
    assert not [uri for kind, uri, _ in second if uri.split("/comment-page-")[0] in article_urls]
    assert len(bodies) + sum(kind == "revisit" and status == 200 for kind, _, status in second) \
        < 0.1 * len(first)
    assert (len(_lines(site / "articles.jsonl")), len(_lines(site / "comments.jsonl"))) == \
        (len(articles), len(comments))

    paged, edited, closed = _old_posts(truth)
    slug = f"incremental-{uuid.uuid4().hex[:8]}"
    new_post = _php("changes.php", "add-post", slug)
    new_comment: dict[str, Any] = {}
    restore: list[tuple[int, dict[str, Any]]] = []
    try:
        new_comment = _php("changes.php", "add-comment", str(paged["id"]), f"A new comment {slug}.")
        new_title = f"{edited['title']} (updated {slug})"
        restore.append((edited["id"], _php("changes.php", "edit-title", str(edited["id"]), new_title)["before"]))
        restore.append((closed["id"], _php("changes.php", "close-comments", str(closed["id"]))["before"]))

        third = _crawl(base_url, tmp_path)
    finally:
        for post_id, before in restore:
            _php("changes.php", "restore", str(post_id), json.dumps(before))
        if new_comment:
            _php("changes.php", "delete-comment", str(new_comment["id"]))
        _php("changes.php", "delete-post", str(new_post["id"]))

    appended_articles = _lines(site / "articles.jsonl")[len(articles):]
    appended_comments = _lines(site / "comments.jsonl")[len(comments):]
    assert [c["id"] for c in appended_comments] == [str(new_comment["id"])]
    assert appended_comments[0]["comment_page"] == new_comment["page"]
    by_url = {a["url"]: a for a in appended_articles}
    # The thread with the new comment states one comment more: a changed record, like the edit.
    assert set(by_url) == {new_post["url"], edited["url"], paged["url"]}
    assert by_url[edited["url"]]["title"] == new_title
    assert by_url[paged["url"]]["comment_count"] == paged["comment_count"] + 1
    # Of the old thread only the permalink and the new comment's page were fetched.
    fetched = {uri for _, uri, _ in third}
    assert {u for u in fetched if u.startswith(paged["url"])} <= {paged["url"], new_comment["url"].split("#")[0]}
    assert {closed["url"], edited["url"], new_post["url"]} <= fetched
    with sqlite3.connect(site / "state.sqlite") as db:
        (is_closed,) = db.execute("SELECT comments_closed FROM articles WHERE url = ?",
                                  (closed["url"],)).fetchone()
    assert is_closed == 1
    verify = subprocess.run([sys.executable, "-m", "spiders.cli", "verify", str(site)],
                            capture_output=True, text=True, timeout=300, check=False)
    assert verify.returncode == 0, verify.stdout[-3000:]
    # Replay of all three runs' WARCs (revisits skipped: no body) gives the same records, versions
    # included: a changed record is a new line in both.
    replayed = tmp_path / "replayed"
    subprocess.run([sys.executable, "-m", "spiders.cli", "replay", str(site / "warc"), "--out",
                    str(replayed)], capture_output=True, timeout=300, check=True)
    for kind in ("articles", "comments"):
        assert _versions(replayed / f"{kind}.jsonl") == _versions(site / f"{kind}.jsonl")


def _versions(path: Path) -> list[tuple[str, str]]:
    """(id, content hash) of every line, sorted: the record versions a file holds."""
    return sorted((f"{r.get('article_id', '')}:{r['id']}", content_hash(r)) for r in _lines(path))
