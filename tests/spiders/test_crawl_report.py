"""Every crawl writes crawl-report.json (valid against the published schema), keeps one report per
run, prints a summary, and exits non-zero when the run failed."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jsonschema
import pytest

from pipelines.schema import SCHEMA_DIR
from spiders.crawl_report import build_report, failure, summary
from tests.sites.sample_site import ground_truth, serve_sample_site

LONGFORM = [sys.executable, "-m", "spiders.cli"]
SCHEMA = json.loads((SCHEMA_DIR / "crawl-report.schema.json").read_text("utf-8"))


def _profile(tmp_path: Path, base_url: str) -> Path:
    path = tmp_path / "site.toml"
    path.write_text(f'name = "site"\nbase_url = "{base_url}/"\ntimezone = "UTC"\n'
                    "autothrottle = false\ndownload_delay = 0\nconcurrency = 4\n")
    return path


def _crawl(profile: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*LONGFORM, "crawl", str(profile), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)


def _report(site: Path) -> dict[str, object]:
    report = json.loads((site / "crawl-report.json").read_text("utf-8"))
    jsonschema.validate(report, SCHEMA)
    return report


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_two_runs_write_two_reports_and_the_latest_is_crawl_report_json(tmp_path: Path) -> None:
    with serve_sample_site() as base_url:
        profile = _profile(tmp_path, base_url)
        first = _crawl(profile, tmp_path)
        second = _crawl(profile, tmp_path)
    assert first.returncode == 0 and second.returncode == 0, first.stderr[-2000:]
    site = tmp_path / "site"
    report = _report(site)
    truth = ground_truth()
    readers = sum(1 for a in truth for c in a.comments if not c.is_ping)
    # The second run appends nothing: every record is already in the files.
    assert report["records_appended"] == {"articles": 0, "comments": 0}
    assert report["exit_status"] == 0 and report["failure"] is None
    assert report["finish_reason"] == "finished" and report["site"] == "site"
    assert report["errors"] == {"http_status": {}, "exceptions": {}, "logged": 0}
    # The second run is incremental: its conditional requests for the feeds are answered 304.
    classes = report["responses_by_status_class"]
    assert set(classes) <= {"2xx", "3xx"} and sum(classes.values()) == report["requests"]
    history = sorted((site / "reports").glob("*.json"))
    assert len(history) == 2
    reports = [json.loads(path.read_text("utf-8")) for path in history]
    for old in reports:
        jsonschema.validate(old, SCHEMA)
    assert {r["crawl_id"] for r in reports} >= {report["crawl_id"]}
    first_report = next(r for r in reports if r["records_appended"]["articles"])
    assert first_report["bytes_received"] > 100_000  # the sample site's pages, as received
    assert report["bytes_received"] < first_report["bytes_received"] / 10  # no article again
    assert report["articles"]["unchanged"] == len(truth) and report["revisits"] > 0
    # No article fetched again, so none extracted; the first run extracted each in a worker.
    assert report["extraction"]["pages_in_workers"] == 0 and report["extraction"]["workers"] >= 1
    assert first_report["records_appended"] == {"articles": len(truth), "comments": readers}
    pool = first_report["extraction"]
    assert pool["pages_in_workers"] >= len(truth) and pool["pages_in_process"] == pool["workers_lost"] == 0
    assert f"  extraction: {pool['workers']} worker processes; " in first.stdout
    [warc] = first_report["warc_files"]
    assert (site / warc["path"]).stat().st_size == warc["bytes"]
    # Every record of the first run carries the crawl id of the first report.
    with open(site / "articles.jsonl", encoding="utf-8") as lines:
        assert {json.loads(line)["provenance"]["crawl_id"] for line in lines} == {first_report["crawl_id"]}
    # The summary goes to stdout too.
    assert f"Report {report['crawl_id']} (site site): finished, exit status 0" in second.stdout
    assert str(site / "crawl-report.json") in second.stdout


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_site_that_is_down_fails_the_run(tmp_path: Path) -> None:
    result = _crawl(_profile(tmp_path, f"http://127.0.0.1:{_closed_port()}"), tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr[-2000:]
    report = _report(tmp_path / "site")
    assert report["exit_status"] == 1
    assert report["failure"] == f"all {report['requests']} requests failed; is the site up and reachable?"
    [(kind, count)] = report["errors"]["exceptions"].items()
    assert kind.endswith("ConnectionRefusedError") and count == report["requests"]
    assert "FAILED: all" in result.stdout and "ConnectionRefusedError x" in result.stdout


class _Unavailable(BaseHTTPRequestHandler):
    """robots.txt answers; every page is 503 (a site in maintenance)."""

    def do_GET(self) -> None:
        ok = self.path == "/robots.txt"
        body = b"User-agent: *\nAllow: /\n" if ok else b"<h1>Down for maintenance</h1>"
        self.send_response(200 if ok else 503)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        pass


@pytest.fixture()
def unavailable_site() -> Iterator[str]:
    with ThreadingHTTPServer(("127.0.0.1", 0), _Unavailable) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield f"http://127.0.0.1:{server.server_address[1]}"
        server.shutdown()


def test_a_site_answering_503_is_a_failure_not_a_bad_profile(
    unavailable_site: str, tmp_path: Path
) -> None:
    result = _crawl(_profile(tmp_path, unavailable_site), tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr[-2000:]
    assert "does not look like a WordPress site" not in result.stderr
    report = _report(tmp_path / "site")
    failed = report["errors"]["http_status"]["503"]
    assert failed == report["requests"] - 1  # all but robots.txt; retried
    assert report["failure"] == (
        f"{failed} of {report['requests']} requests failed (network errors or 5xx statuses)"
    )


def _stats(**counts: int) -> dict[str, object]:
    stats: dict[str, object] = {"finish_reason": "finished"}
    stats.update({key.replace("__", "/"): value for key, value in counts.items()})
    return stats


def test_failure_threshold_is_more_than_half_of_the_requests() -> None:
    half = {"downloader__request_count": 4, "downloader__response_status_count__200": 2}
    assert failure(_stats(**half, downloader__response_status_count__503=2)) is None
    assert failure(_stats(**half, downloader__response_status_count__503=1,
                          downloader__exception_type_count__TimeoutError=2)) == \
        "3 of 4 requests failed (network errors or 5xx statuses)"
    # 404s (sitemap probes) never fail a run, as long as something was fetched.
    assert failure(_stats(downloader__request_count=10, downloader__response_status_count__404=9,
                          downloader__response_status_count__200=1)) is None
    assert failure({"finish_reason": "shutdown"}) == "the crawl stopped early (finish reason: shutdown)"


def test_a_page_the_spider_could_not_process_fails_the_run() -> None:
    """All fetched, but one page's extraction raised: its records are missing, so cron must hear."""
    fetched = {"downloader__request_count": 3, "downloader__response_status_count__200": 3}
    assert failure(_stats(**fetched)) is None
    assert failure(_stats(**fetched, spider_exceptions__count=2)) == (
        "2 fetched pages raised errors in the spider; their records are missing (see the log)"
    )


def test_the_report_shows_extraction_workers_that_died_and_were_given_up() -> None:
    """Three worker deaths (MAX_LOSSES): two new pools, then the rest extracted in the crawl's
    process. The run succeeds (no page lost), but the report and its summary show the deaths."""
    stats = _stats(downloader__request_count=40, downloader__response_status_count__200=40,
                   extract_pool__workers=2, extract_pool__pages=25, extract_pool__extracted_in_process=12,
                   extract_pool__worker_lost=3, extract_pool__restarts=2)
    report = build_report(stats, "site", "site-1", Path("/nowhere"), [], 0)
    jsonschema.validate(report, SCHEMA)
    assert report["failure"] is None
    assert report["extraction"] == {"workers": 2, "pages_in_workers": 25, "pages_in_process": 12,
                                    "workers_lost": 3, "restarts": 2}
    assert ("  extraction: 2 worker processes; 25 pages extracted in them, 12 in the crawl's process; "
            "WORKER DIED x3, pool restarted x2, then given up\n") in summary(report, Path("r.json"))
    # Without workers (--extract-workers 0) the summary has no extraction line.
    quiet = build_report(_stats(downloader__request_count=1), "site", "site-1", Path("/nowhere"), [], 0)
    assert "extraction" not in summary(quiet, Path("r.json"))
    assert quiet["extraction"]["workers"] == 0
