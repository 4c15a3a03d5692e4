"""A crawl that notices: on the real WordPress fixture, a theme whose comments the extractor finds
but cannot read fails the run loudly (exit 1, one stderr line per field, the report entry), and
`longform replay` of its WARCs says the same; a readable theme stays exit 0 with its rates in the
report.

The unreadable theme is our test theme `themes/longform-unreadable`: core's `li#comment-N`
elements with author, date and text in bare spans. The REST API is off for both crawls, so no
cross-check can fill what the markup hides: coverage is measured on the records as written. Rates
are checked against WordPress's own export (ground_truth.php) and the JSONL files, not against the
code under test. The module holds `site.exclusive()` and puts the site's settings back.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

from pipelines.schema import SCHEMA_DIR
from tests.sites.wordpress import site as wp_site

HERE = Path(__file__).resolve().parent
CONFIGURE = HERE / "configure.sh"
THEME = "longform-unreadable"
SITE_NAME = "wp-coverage"
REPORT_SCHEMA = json.loads((SCHEMA_DIR / "crawl-report.schema.json").read_text("utf-8"))
LINE = re.compile(r"coverage: (\w+\.\w+) is filled in (\d+) of (\d+) \w+ \(([\d.]+)%\), "
                  r"under its (\d+)% threshold: \S")


@attrs.frozen
class Run:
    """One `longform crawl` of the fixture, and what WordPress says it holds."""

    status: int
    stderr: str
    report: dict[str, Any]
    articles: list[dict[str, Any]]
    comments: list[dict[str, Any]]
    truth: dict[str, Any]
    site_folder: Path


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=600,
                          stdin=subprocess.DEVNULL, check=False)


def _configure(*args: str) -> dict[str, Any]:
    proc = _run(["bash", str(CONFIGURE), *args])
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


def _longform() -> list[str]:
    script = Path(sys.executable).with_name("longform")
    return [str(script)] if script.exists() else [sys.executable, "-m", "spiders.cli"]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """The fixture, held for this module; our theme linked in, the settings put back after."""
    url = wp_site.url_for_tests()
    link = Path(os.environ.get("WP_STATE_DIR", "/tmp/longform-wp")) / "wp-content" / "themes" / THEME
    with wp_site.exclusive() as before:
        linked_here = not link.exists()
        if linked_here:  # up.sh links tests/sites/wordpress/themes/* where it does so
            link.symlink_to(HERE / "themes" / THEME)
        try:
            yield url
        finally:
            wp_site.restore_settings(before)  # off our theme before its link goes
            if linked_here:
                link.unlink()


def _crawl(base: str, theme: str, folder: Path) -> Run:
    settings = _configure("--theme", theme, "--rest", "off", "--permalinks", "lwj",
                          "--comments-page", "newest", "--comment-order", "asc",
                          "--comments-per-page", "20")
    assert settings["theme"] == theme and settings["rest"] == "off"
    truth = _run(["php", str(HERE / "ground_truth.php")])
    assert truth.returncode == 0, truth.stderr[-2000:]
    profile = folder / "profile.toml"
    profile.write_text(f'name = "{SITE_NAME}"\nbase_url = "{base}"\ntimezone = "America/New_York"\n'
                       "download_delay = 0.0\nautothrottle = false\nconcurrency = 8\n", "utf-8")
    proc = _run([*_longform(), "crawl", str(profile), "--out", str(folder / "out")])
    data = folder / "out" / SITE_NAME
    report = json.loads((data / "crawl-report.json").read_text("utf-8"))
    jsonschema.validate(report, REPORT_SCHEMA)
    return Run(proc.returncode, proc.stderr, report, _jsonl(data / "articles.jsonl"),
               _jsonl(data / "comments.jsonl"), json.loads(truth.stdout), data)


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


@pytest.fixture(scope="module")
def unreadable(base_url: str, tmp_path_factory: pytest.TempPathFactory) -> Run:
    return _crawl(base_url, THEME, tmp_path_factory.mktemp("unreadable"))


@pytest.fixture(scope="module")
def readable(base_url: str, tmp_path_factory: pytest.TempPathFactory) -> Run:
    return _crawl(base_url, "twentytwentyone", tmp_path_factory.mktemp("readable"))


def _reader_comments(truth: dict[str, Any]) -> int:
    return sum(1 for comment in truth["comments"] if comment["type"] == "comment")


def _filled(records: list[dict[str, Any]], field: str) -> int:
    return sum(1 for record in records if record[field] and (
        not isinstance(record[field], str) or record[field].strip()))


def test_unreadable_comments_fail_the_crawl_with_one_line_per_field(unreadable: Run) -> None:
    # Every comment is found (WordPress's own count), but without author and date.
    assert len(unreadable.comments) == _reader_comments(unreadable.truth)
    assert _filled(unreadable.comments, "author") == 0 and _filled(unreadable.comments, "published") == 0
    assert unreadable.status == 1, unreadable.stderr[-3000:]
    lines = {match.group(1): match for match in map(LINE.search, unreadable.stderr.splitlines()) if match}
    assert {"comments.author", "comments.published"} <= set(lines), unreadable.stderr[-3000:]
    author = lines["comments.author"]
    assert author.group(2, 3, 4, 5) == ("0", str(len(unreadable.comments)), "0.0", "95")
    assert not [name for name in lines if name.startswith("articles.")]  # posts print plainly


def test_the_report_records_the_failing_fields(unreadable: Run) -> None:
    report = unreadable.report
    assert report["exit_status"] == 1
    assert report["failure"].startswith("field coverage under threshold: comments.author 0.0% < 95%")
    coverage = report["coverage"]
    assert {"comments.author", "comments.published"} <= set(coverage["below_threshold"])
    assert coverage["comments"]["records"] == len(unreadable.comments)
    assert coverage["comments"]["fields"]["author"] == {
        "filled": 0, "percent": 0.0, "threshold": 95.0, "below_threshold": True}


def test_replay_of_the_unreadable_crawl_fails_the_same_way(unreadable: Run, tmp_path: Path) -> None:
    proc = _run([*_longform(), "replay", str(unreadable.site_folder / "warc"), "--out", str(tmp_path)])
    assert proc.returncode == 1, proc.stderr[-3000:]
    lines = {match.group(1) for match in map(LINE.search, proc.stderr.splitlines()) if match}
    assert lines == set(unreadable.report["coverage"]["below_threshold"])
    assert f"comments ({len(unreadable.comments)}): author 0.0% (< 95%)" in proc.stdout


def test_a_readable_theme_passes_with_its_rates_in_the_report(readable: Run) -> None:
    assert readable.status == 0, readable.stderr[-3000:]
    assert not [line for line in readable.stderr.splitlines() if LINE.search(line)]
    coverage = readable.report["coverage"]
    assert coverage["below_threshold"] == [] and readable.report["failure"] is None
    assert coverage["comments"]["records"] == len(readable.comments) == _reader_comments(readable.truth)
    assert coverage["articles"]["records"] == len(readable.articles)
    for kind, records in (("articles", readable.articles), ("comments", readable.comments)):
        for field, entry in coverage[kind]["fields"].items():
            assert entry["filled"] == _filled(records, field), (kind, field)
            assert entry["percent"] == int(entry["filled"] * 1000 / len(records)) / 10, (kind, field)
    assert coverage["comments"]["fields"]["author"]["percent"] == 100.0
