"""A small run of the speed harness (bench/speed_bench.py, `make bench`): every stage, every column.

50 articles on nginx on loopback; each stage must fetch (crawl) or read (replay) every page, and
`longform` crawl and replay must give every article and comment of the site. The cProfile runs
are left to `make bench`: they would double the time of this test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench" / "speed_bench.py"
COLUMNS = ("stage", "pages", "seconds", "pages_per_s", "cpu_ms_per_page", "peak_rss_mb", "warc_mb",
           "jsonl_mb", "state_mb", "out_mb", "ratio", "cpu_x", "missing", "records")
# The report's columns, written out here rather than read from bench/speed/report.py.


def test_every_stage_fetches_every_page_and_reports_every_column(tmp_path: Path) -> None:
    report_file = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, str(BENCH), "--articles", "50", "--site-dir", str(tmp_path / "sites"),
         "--json", str(report_file), "--no-profile"],
        capture_output=True, text=True, timeout=240, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(report_file.read_text())
    meta, stages = report["meta"], {row["stage"]: row for row in report["stages"]}
    assert list(stages) == ["bare", "warc", "floor", "wget", "longform", "warcio", "fastwarc", "replay"]
    assert meta["articles"] == 50 and meta["comments"] > 200 and meta["page_kb"] > 60
    for row in stages.values():
        assert set(COLUMNS) <= set(row), row
        assert row["missing"] == 0, row
        assert row["pages_per_s"] > 0 and row["cpu_ms_per_page"] > 0 and row["peak_rss_mb"] > 1
        assert f"| {row['label']} |" in done.stdout  # the printed table has the row too
    for crawl in ("bare", "warc", "floor", "wget", "longform"):
        assert stages[crawl]["pages"] == meta["pages"]  # every page of the site, fetched with 200
    html = stages["warcio"]["pages"]
    assert html > meta["articles"] and stages["fastwarc"]["pages"] == html == stages["replay"]["pages"]
    records = meta["articles"] + meta["comments"]
    assert stages["longform"]["records"] == records == stages["replay"]["records"]
    assert stages["floor"]["records"] == records  # the floor extracts as much, more simply
    assert stages["bare"]["ratio"] == 1.0 == stages["warcio"]["ratio"] == stages["bare"]["cpu_x"]
    assert stages["bare"]["out_mb"] == 0 and stages["warc"]["warc_mb"] > 0.5
    _where_bytes_agree_with_the_stage_table(report, done.stdout)
    _targets_are_judged(report, done.stdout)
    assert all(stages["longform"][kind] > 0 for kind in ("warc_mb", "jsonl_mb", "state_mb"))


def _where_bytes_agree_with_the_stage_table(report: dict[str, Any], stdout: str) -> None:
    """The breakdown of `longform crawl`'s bytes adds up to what the table says it wrote."""
    stages = {row["stage"]: row for row in report["stages"]}
    detail = report["bytes"]
    files = detail["files"]
    assert round(files["warc/*.warc.gz"] / 1e6, 2) == stages["longform"]["warc_mb"]
    jsonl = files["articles.jsonl"] + files["comments.jsonl"]
    assert round(jsonl / 1e6, 2) == stages["longform"]["jsonl_mb"] == round(detail["jsonl"]["bytes"] / 1e6, 2)
    assert sum(detail["jsonl"]["groups"].values()) == jsonl  # every byte in one group
    assert detail["jsonl"]["lines"] == stages["longform"]["records"]
    wrapper = len('"provenance":{},') - 1  # per line, around its fields (no comma after the last)
    assert detail["jsonl"]["groups"]["provenance"] == (
        sum(detail["jsonl"]["provenance"].values()) + wrapper * detail["jsonl"]["lines"])
    assert {"text", "provenance", "id"} <= set(detail["jsonl"]["fields"])
    assert detail["floor_jsonl"]["lines"] == stages["floor"]["records"]
    assert round(detail["floor_jsonl"]["bytes"] / 1e6, 2) == stages["floor"]["jsonl_mb"]
    assert set(detail["state"]) >= {"records", "urls", "articles", "runs"}
    assert not any(name.startswith("sqlite_autoindex") for name in detail["state"])  # schema 2
    assert "JSONL by field group" in stdout and "State database by table" in stdout


def _targets_are_judged(report: dict[str, Any], stdout: str) -> None:
    stages = {row["stage"]: row for row in report["stages"]}
    found = {t["target"]: t for t in report["targets"]}
    ratio = found["output bytes over the floor's"]
    assert ratio["measured"] == round(stages["longform"]["out_mb"] / stages["floor"]["out_mb"], 2)
    assert ratio["met"] == (ratio["measured"] <= 1.1)
    rss = found["peak RSS over the floor's"]
    assert rss["goal"] == 50 and rss["met"] == (rss["measured"] <= 50)
    assert found["crawl pages/s over bare Scrapy's"]["goal"] == 0.7
    assert found["replay records/s over the replay floor's (one process)"]["goal"] == 0.6
    assert "Issue 15's targets, this run:" in stdout
