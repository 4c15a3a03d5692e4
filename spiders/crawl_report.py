"""The report of one crawl run: `DIR/<site>/crawl-report.json`, a copy per run, a short summary.

Built from the crawler's stats alone (plain values, no Scrapy objects), so it is a pure function
of what the run counted. The published JSON Schema is `pipelines/schemas/crawl-report.schema.json`.

When is a run failed (exit status 1, so cron mail and systemd notice)?

- it did not finish normally (finish reason not in OK_REASONS: a shutdown, a closed spider), or
- it fetched nothing: not one response with a status below 400 (site down, DNS, robots.txt and
  the start page unreachable), or
- more than FAILED_FRACTION of its requests failed: a network error (exception) or a 5xx status.
  4xx statuses are reported but do not fail a run: sitemap probes 404 on most sites.
- a fetched page raised an error in the spider (extraction, a bug, hostile markup): its records
  are missing from the dataset although its response is archived (`longform replay` recovers
  them once fixed).
- it ended with comment threads whose linked comment pages are not all in the dataset (a comment
  page that failed, or a walk to a page the run did not reach): the state knows them, and the
  next run fetches them.
- a field of its records is filled less often than its coverage threshold (`pipelines.coverage`:
  the extractor cannot read the site's markup, so the records are there but empty).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

from archive.disk_guard import DISK_FULL_STAT
from pipelines.coverage import below_line, rate_lines
from pipelines.coverage_monitor import STATS_KEY
from spiders.change_signals import INCOMPLETE_THREADS
from spiders.errors import EXIT_FAILED, EXIT_OK

OK_REASONS = ("finished", "closespider_itemcount", "closespider_pagecount")
REPORT_FILE = "crawl-report.json"
REPORTS_FOLDER = "reports"
REPORT_VERSION = 1
FAILED_FRACTION = 0.5
_STATUS = "downloader/response_status_count/"
_EXCEPTION = "downloader/exception_type_count/"


def failure(stats: dict[str, Any]) -> str | None:
    """Why the run counts as failed (see the module doc), or None when it succeeded."""
    fetching = fetch_failure(stats)  # first: "the site is down" says more than "stopped early"
    reason = str(stats.get("finish_reason", "unknown"))
    if fetching is None and reason not in OK_REASONS:
        return f"the crawl stopped early (finish reason: {reason})"
    if fetching is None and stats.get(DISK_FULL_STAT):  # the last ledger rows, as the run closed
        return f"the disk filled: {stats[DISK_FULL_STAT]}"
    broken = _int(stats, "spider_exceptions/count")
    if fetching is None and broken:
        return f"{broken} fetched pages raised errors in the spider; their records are missing (see the log)"
    incomplete = _int(stats, INCOMPLETE_THREADS)
    if fetching is None and incomplete:
        return (f"{incomplete} comment threads lack comment pages the site links to (see the log); "
                "the next run fetches them")
    coverage = _coverage(stats)
    if fetching is None and coverage.get("below_threshold"):
        return f"field coverage under threshold: {below_line(coverage)}"
    return fetching


def fetch_failure(stats: dict[str, Any]) -> str | None:
    """The second and third rules of the module doc: nothing fetched, or too many failed fetches."""
    statuses = _counts(stats, _STATUS)
    requests = _int(stats, "downloader/request_count")
    if requests and not sum(n for code, n in statuses.items() if code.isdigit() and int(code) < 400):
        return f"all {requests} requests failed; is the site up and reachable?"
    failed = sum(_counts(stats, _EXCEPTION).values()) + sum(
        n for code, n in statuses.items() if code.startswith("5")
    )
    if requests and failed > FAILED_FRACTION * requests:
        return f"{failed} of {requests} requests failed (network errors or 5xx statuses)"
    return None


def build_report(
    stats: dict[str, Any], site: str, crawl_id: str, site_folder: Path, warc_files: list[Path],
    exit_status: int,
) -> dict[str, Any]:
    """The report of one run, as the schema describes it."""
    started, finished = stats.get("start_time"), stats.get("finish_time")
    return {
        "report_version": REPORT_VERSION,
        "crawl_id": crawl_id,
        "site": site,
        "started": _utc(started),
        "finished": _utc(finished),
        "duration_seconds": _duration(started, finished),
        "finish_reason": str(stats.get("finish_reason", "unknown")),
        "failure": failure(stats),
        "exit_status": exit_status,
        "articles": {kind: _int(stats, f"incremental/articles_{kind}")
                     for kind in ("new", "changed", "unchanged")},
        "comments": {"new": _int(stats, "incremental/comments_new")},
        "records_appended": {kind: _int(stats, f"dataset/{kind}") for kind in ("articles", "comments")},
        "requests": _int(stats, "downloader/request_count"),
        "responses_by_status_class": _status_classes(_counts(stats, _STATUS)),
        "bytes_received": _int(stats, "downloader/response_bytes"),
        "revisits": _int(stats, "archive/revisits"),
        "traps": {kind: dict(sorted(_counts(stats, f"longform/trap_{kind}/").items()))
                  for kind in ("refused", "cleaned")},
        "outages": {"count": _int(stats, "outage/count"),
                    "longest_seconds": float(stats.get("outage/longest_seconds", 0.0)),
                    "total_seconds": float(stats.get("outage/total_seconds", 0.0))},
        "not_fetched": [str(url) for url in stats.get("outage/not_fetched", [])],
        "errors": {
            "http_status": {code: n for code, n in sorted(_counts(stats, _STATUS).items())
                            if code.isdigit() and int(code) >= 400},
            "exceptions": dict(sorted(_counts(stats, _EXCEPTION).items())),
            "logged": _int(stats, "log_count/ERROR"),
        },
        "warc_files": [_warc_entry(path, site_folder) for path in warc_files],
        "coverage": _coverage(stats) or None,
        "extraction": {"workers": _int(stats, "extract_pool/workers"),
                       "pages_in_workers": _int(stats, "extract_pool/pages"),
                       "pages_in_process": _int(stats, "extract_pool/extracted_in_process"),
                       "workers_lost": _int(stats, "extract_pool/worker_lost"),
                       "restarts": _int(stats, "extract_pool/restarts")},
    }


def exit_status_of(stats: dict[str, Any]) -> int:
    """0 when the run succeeded, 1 when it failed (see the module doc)."""
    return EXIT_OK if failure(stats) is None else EXIT_FAILED


def write_report(report: dict[str, Any], site_folder: Path) -> Path:
    """Write `reports/<crawl_id>.json` and `crawl-report.json`, each atomically; the latter's path."""
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    history = site_folder / REPORTS_FOLDER
    history.mkdir(parents=True, exist_ok=True)
    _write_atomically(_unused(history, report["crawl_id"] or "crawl"), text)
    latest = site_folder / REPORT_FILE
    _write_atomically(latest, text)
    return latest


def summary(report: dict[str, Any], path: Path) -> str:
    """A few lines for the terminal, cron mail or the journal."""
    arts, recs, errors = report["articles"], report["records_appended"], report["errors"]
    classes = ", ".join(f"{k} {v:,}" for k, v in report["responses_by_status_class"].items()) or "none"
    lines = [
        f"Report {report['crawl_id']} (site {report['site']}): {report['finish_reason']}, "
        f"exit status {report['exit_status']}",
        f"  {report['started']} .. {report['finished']} ({report['duration_seconds']:.1f} s)",
        f"  articles {arts['new']} new, {arts['changed']} changed, {arts['unchanged']} unchanged; "
        f"comments {report['comments']['new']} new; "
        f"appended {recs['articles']} articles, {recs['comments']} comments",
        f"  {report['requests']:,} requests; responses {classes}; "
        f"{report['bytes_received']:,} bytes received; {report['revisits']} revisits",
        f"  errors: {_errors_line(errors)}",
    ]
    if any(report.get("traps", {}).values()):
        lines.append(f"  traps: {_traps_line(report['traps'])}")
    if report.get("not_fetched"):
        lines.append(f"  not fetched (the site was down): {len(report['not_fetched'])} URLs, "
                     "listed in the report")
    if report.get("extraction", {}).get("workers"):
        lines.append(f"  extraction: {_extraction_line(report['extraction'])}")
    if report["coverage"]:
        lines += [f"  coverage: {line}" for line in rate_lines(report["coverage"])]
    if report["failure"]:
        lines.append(f"  FAILED: {report['failure']}")
    lines.append(f"  {path}")
    return "\n".join(lines)


def _traps_line(traps: dict[str, dict[str, int]]) -> str:
    refused = ", ".join(f"{kind} x{n}" for kind, n in traps["refused"].items()) or "none"
    cleaned = ", ".join(f"{kind} x{n}" for kind, n in traps["cleaned"].items()) or "none"
    return f"refused {refused}; cleaned {cleaned}"


def _extraction_line(pool: dict[str, int]) -> str:
    line = (f"{pool['workers']} worker processes; {pool['pages_in_workers']:,} pages extracted in them, "
            f"{pool['pages_in_process']:,} in the crawl's process")
    if pool["workers_lost"]:  # no page lost (redone here), but a user must see that workers die
        given_up = pool["restarts"] < pool["workers_lost"]
        line += (f"; WORKER DIED x{pool['workers_lost']}, pool restarted x{pool['restarts']}"
                 + (", then given up" if given_up else ""))
    return line


def _errors_line(errors: dict[str, Any]) -> str:
    parts = [f"HTTP {code} x{n}" for code, n in errors["http_status"].items()]
    parts += [f"{name.rsplit('.', 1)[-1]} x{n}" for name, n in errors["exceptions"].items()]
    if errors["logged"]:
        parts.append(f"{errors['logged']} logged")
    return ", ".join(parts) or "none"


def _unused(folder: Path, stem: str) -> Path:
    """`folder/stem.json`, or stem-2, -3...: crawl ids have one-second resolution."""
    path, serial = folder / f"{stem}.json", 1
    while path.exists():
        serial += 1
        path = folder / f"{stem}-{serial}.json"
    return path


def _write_atomically(path: Path, text: str) -> None:
    """Temp file in the same folder, fsync, rename: a reader sees the old or the new file, whole."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)  # mkstemp makes it 0600; reports are as readable as the datasets
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _coverage(stats: dict[str, Any]) -> dict[str, Any]:
    section = stats.get(STATS_KEY)
    return section if isinstance(section, dict) else {}


def _counts(stats: dict[str, Any], prefix: str) -> Counter[str]:
    return Counter({key[len(prefix):]: int(value) for key, value in stats.items()
                    if key.startswith(prefix) and isinstance(value, int)})


def _status_classes(statuses: Counter[str]) -> dict[str, int]:
    classes: Counter[str] = Counter()
    for code, n in statuses.items():
        classes[f"{code[:1]}xx" if code.isdigit() else "other"] += n
    return dict(sorted(classes.items()))


def _int(stats: dict[str, Any], key: str) -> int:
    value = stats.get(key, 0)
    return int(value) if isinstance(value, int | float) else 0


def _utc(moment: Any) -> str | None:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if isinstance(moment, datetime) else None


def _duration(started: Any, finished: Any) -> float:
    if isinstance(started, datetime) and isinstance(finished, datetime):
        return round((finished - started).total_seconds(), 3)
    return 0.0


def _warc_entry(path: Path, site_folder: Path) -> dict[str, Any]:
    size = path.stat().st_size if path.exists() else 0
    return {"path": os.path.relpath(path, site_folder), "bytes": size}
