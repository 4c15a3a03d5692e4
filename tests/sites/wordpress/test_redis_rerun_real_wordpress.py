"""Incremental reruns with Redis workers on the real WordPress fixture (issue 17): what a rerun
decides with (article schedule, captures, last finished crawl) is shared, so it is as cheap with
two workers as with one, whichever worker fetched what last time.

Run 1: workers a and b crawl the site. Run 2: workers c and d (new ids: their own state files are
empty), every open thread due for a re-check: each known article's permalink is fetched once more
and written as a revisit of run 1's capture, in a or b's WARC file; the feeds answer 304; no
comment page is fetched and no record appended. Run 3, after a new comment on the thread with most
comment pages: a and b append exactly that comment (and its article, one comment more). The whole
site folder then verifies clean and replays to the dataset. Each run's workers are real processes
on a private real redis-server (tests/redis_server.py). The fixture ends as it began (the comment
is deleted); its settings are held still meanwhile (`site.exclusive()`).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from pipelines.ledger import content_hash

HERE = Path(__file__).resolve().parent
SITE = "wp-redis-rerun"


def _load(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


workers = _load("redis_workers_helpers", HERE / "test_redis_workers_real_wordpress.py")
incremental = _load("incremental_helpers", HERE / "test_incremental_real_wordpress.py")


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    site = _load("wordpress_fixture_site_rerun", HERE / "site.py")
    url = site.url_for_tests()
    with site.exclusive():  # nobody reconfigures the site while the runs are compared
        yield url


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    with workers.redis_fixture.redis_server(tmp_path / "redis") as server:
        yield str(server.url)


def _profile(base: str, folder: Path, recheck_all: bool) -> Path:
    path = folder / f"profile-{int(recheck_all)}.toml"
    recheck = "\n[recheck]\nmin_hours = 0\nmax_days = 0\n" if recheck_all else ""
    path.write_text(f'name = "{SITE}"\nbase_url = "{base}"\ntimezone = "America/New_York"\n'
                    f"download_delay = 0.0\nautothrottle = false\nconcurrency = 8\n{recheck}", "utf-8")
    return path


def _run(profile: Path, out: Path, redis_url: str, ids: tuple[str, str]) -> list[Any]:
    """Two workers of one crawl; the WARC records (headers) of the files this run added."""
    warcs = set((out / SITE / "warc").glob("*.warc.gz"))
    processes = [workers._worker(profile, out, redis_url, "--worker-id", worker_id)
                 for worker_id in ids]
    for process in processes:
        workers._finished(process)
    found = []
    for path in sorted(set((out / SITE / "warc").glob("*.warc.gz")) - warcs):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type in ("response", "revisit"):
                    status = int(record.http_headers.get_statuscode())
                    found.append((record.rec_headers, status, len(record.content_stream().read())))
    return found


def _reports(site: Path, crawl_id: str) -> list[dict[str, Any]]:
    reports = [json.loads(path.read_text("utf-8")) for path in (site / "reports").glob("*.json")]
    return [report for report in reports if report["crawl_id"] == crawl_id]


def _lines(site: Path, kind: str) -> list[dict[str, Any]]:
    return [json.loads(line) for path in sorted(site.glob(f"{kind}.*.jsonl"))
            for line in path.read_text("utf-8").splitlines()]


def test_reruns_with_two_workers_revisit_what_either_fetched_and_append_only_the_new_comment(
    base_url: str, redis_url: str, tmp_path: Path
) -> None:
    truth = incremental._php("ground_truth.php")
    open_urls = {post["url"] for post in truth["posts"] if post["comment_status"] == "open"}
    out, site = tmp_path / "out", tmp_path / "out" / SITE
    first = _run(_profile(base_url, tmp_path, False), out, redis_url, ("w-a", "w-b"))
    articles, comments = _lines(site, "articles"), _lines(site, "comments")
    assert {a["url"] for a in articles} >= {post["url"] for post in truth["posts"]}
    captured = {headers.get_header("WARC-Record-ID"): headers.get_header("WARC-Target-URI")
                for headers, _, _ in first}

    second = _run(_profile(base_url, tmp_path, True), out, redis_url, ("w-c", "w-d"))
    by_uri = {headers.get_header("WARC-Target-URI"): (headers, status) for headers, status, _ in second}
    assert not [uri for uri in by_uri if "/comment-page-" in uri]
    for url in open_urls:  # re-checked: the same body, a revisit of whichever worker captured it
        headers, status = by_uri[url]
        assert (headers.get_header("WARC-Type"), status) == ("revisit", 200), url
        assert captured[headers.get_header("WARC-Refers-To")] == url
    feed = by_uri[f"{base_url.rstrip('/')}/feed/"]
    assert (feed[0].get_header("WARC-Type"), feed[1]) == ("revisit", 304)  # conditional, with run 1's ETag
    # Bodies written: sitemaps and the like, not the site again.
    assert sum(size for _, _, size in second) < 0.1 * sum(size for _, _, size in first)
    assert (len(_lines(site, "articles")), len(_lines(site, "comments"))) == (len(articles), len(comments))
    known = {report["articles"]["unchanged"] for report in _reports(site, _crawl_id(site, "w-c"))}
    assert known == {len({a["url"] for a in articles})}  # each worker knew every article

    paged, _, _ = incremental._old_posts(truth)
    new_comment: dict[str, Any] = {}
    try:
        new_comment = incremental._php("changes.php", "add-comment", str(paged["id"]),
                                       f"A comment for two workers {tmp_path.name}.")
        third = _run(_profile(base_url, tmp_path, False), out, redis_url, ("w-a", "w-b"))
    finally:
        if new_comment:
            incremental._php("changes.php", "delete-comment", str(new_comment["id"]))
    appended = _lines(site, "comments")
    assert [c["id"] for c in appended if c not in comments] == [str(new_comment["id"])]
    appended_articles = [a for a in _lines(site, "articles") if a not in articles]
    assert [(a["url"], a["comment_count"]) for a in appended_articles] == [
        (paged["url"], paged["comment_count"] + 1)]
    fetched = {headers.get_header("WARC-Target-URI") for headers, _, _ in third}
    assert {u for u in fetched if u.startswith(paged["url"])} <= {
        paged["url"], new_comment["url"].split("#")[0]}

    verify = subprocess.run([*workers._longform(), "verify", str(site)], capture_output=True,
                            text=True, timeout=300, check=False)
    assert verify.returncode == 0, verify.stdout[-3000:]
    replayed = tmp_path / "replayed"
    subprocess.run([*workers._longform(), "replay", str(site / "warc"), "--out", str(replayed)],
                   capture_output=True, timeout=300, check=True)
    for kind in ("articles", "comments"):
        assert _versions(_lines(replayed, kind) or _read(replayed / f"{kind}.jsonl")) == \
            _versions(_lines(site, kind))


def _crawl_id(site: Path, worker_id: str) -> str:
    """The crawl a worker ran last (its log is named after it)."""
    logs = sorted((site / "logs").glob(f"*.{worker_id}.log"), key=lambda path: path.stat().st_mtime)
    return logs[-1].name.removesuffix(f".{worker_id}.log")


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def _versions(records: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(id, content hash) of every line, sorted: the record versions a dataset holds."""
    return sorted((f"{r.get('article_id', '')}:{r['id']}", content_hash(r)) for r in records)
