"""`longform probe` on the demo's recording of the real WordPress fixture, and on bad input.

The recording is served in-process (spiders.recorded_site); what the probe prints is checked
against WordPress's own export of the recorded posts (recorded_truth), never against our
extractor's output. The live fixture has its own test in tests/sites/wordpress/.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from spiders import sites
from spiders.recorded_site import recorded_truth, serve_recorded_site

LONGFORM = [sys.executable, "-m", "spiders.cli"]


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*LONGFORM, *map(str, args)], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_recorded_site() as base_url:
        yield base_url


def _value(stdout: str, label: str) -> str:
    [line] = [line for line in stdout.splitlines() if line.strip().startswith(f"{label}:")]
    return line.split(":", 1)[1].strip()


def _post(truth: dict[str, Any], url: str) -> dict[str, Any]:
    [post] = [p for p in truth["posts"] if urlsplit(p["url"]).path.lower() == urlsplit(url).path.lower()]
    return post


def test_probe_tells_the_platform_the_route_the_count_and_extracts_an_article(
    site: str, tmp_path: Path
) -> None:
    truth = recorded_truth()
    result = _run("probe", site, "--delay", "0", "--write-profile", tmp_path / "practice.toml")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert _value(out, "platform") == "wordpress"
    assert _value(out, "sitemaps") == f"{site}wp-sitemap.xml ({len(truth['posts'])} articles)"
    assert _value(out, "discovery") == "a crawl would list the articles through sitemaps"
    assert _value(out, "articles") == f"about {len(truth['posts'])}"
    post = _post(truth, _value(out, "sample"))
    assert _value(out, "title") == post["title"]
    assert _value(out, "authors") == post["author"]["display_name"]
    comments = [c for c in truth["comments"] if c["post_id"] == post["id"] and c["type"] == "comment"]
    assert post["comment_pages"] == 1  # the sample shows the whole thread
    assert _value(out, "comments") == f"{len(comments)} on this page (the page says {post['comment_count']})"
    # Every field of the sample filled: the recorded theme prints them all.
    assert "filled: articles (1): title 100.0%, authors 100.0%, published 100.0%, text 100.0%" in out
    assert f"filled: comments ({len(comments)}): author 100.0%, published 100.0%, text 100.0%" in out
    assert "robots.txt" in out.splitlines()[0]


def test_the_written_profile_is_commented_and_loads_as_the_site(site: str, tmp_path: Path) -> None:
    path = tmp_path / "practice.toml"
    assert _run("probe", site, "--delay", "0", "--write-profile", path).returncode == 0
    text = path.read_text("utf-8")
    assert text.startswith("# Site profile written by `longform probe")
    profile = sites.resolve(str(path))
    assert (profile.base_url, profile.platform, profile.use_sitemaps) == (site, "wordpress", True)
    assert profile.use_rest_api is False  # the recording holds no REST answers
    assert '# Keys: see "Adding a site" in the README.' in text
    again = _run("probe", site, "--delay", "0", "--write-profile", path)  # never overwritten
    assert (again.returncode, again.stderr) == (
        2, f"longform: error: --write-profile {path}: {path} exists; give another name or remove it\n")


def test_a_profile_in_a_missing_folder_or_not_toml_is_refused_before_any_request(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "site.toml"
    result = _run("probe", "http://127.0.0.1:9/", "--write-profile", missing)
    assert (result.returncode, result.stderr) == (
        2, f"longform: error: --write-profile {missing}: folder {missing.parent} does not exist; "
        "create it first\n")
    result = _run("probe", "http://127.0.0.1:9/", "--write-profile", tmp_path / "site.txt")
    assert result.returncode == 2 and "give a file name ending in .toml" in result.stderr


def test_requests_are_few_and_paced(site: str) -> None:
    started = time.monotonic()
    result = _run("probe", site, "--delay", "0.3")
    elapsed = time.monotonic() - started
    requests = int(result.stdout.split(" with ", 1)[1].split()[0])
    assert 3 <= requests <= 10  # robots.txt, home, a sitemap or two, REST, feed, one article
    assert elapsed >= 0.3 * (requests - 1)  # one at a time, 0.3 s apart


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize(("target", "status", "message"), [
    ("http://127.0.0.1:{closed}/", 1, "did not answer"),
    ("{site}wp-sitemap.xml", 2, "is not an HTML page"),
    ("{site}no-such-page/", 2, "answered HTTP 404"),
    ("ftp://example.org/", 2, "is not an http(s) URL"),
    ("http://[::1/", 2, "is not a site URL"),
])
def test_bad_urls_are_one_line(site: str, target: str, status: int, message: str) -> None:
    result = _run("probe", target.format(site=site, closed=_closed_port()), "--delay", "0")
    assert result.returncode == status
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert message in line
