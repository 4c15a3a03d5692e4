"""Soak: a crawl of the WordPress fixture killed at random moments, resumed each time.

Run (the fixture up: tests/sites/wordpress/up.sh; about 20-30 minutes for 100 kills):
    .venv/bin/python bench/soak.py --kills 100 --seed 1 [--concurrency 4] [--log soak.jsonl]

First an uninterrupted crawl gives the reference dataset and the expected duration T. Then
rounds: a fresh data folder, `longform crawl` started and, at a moment drawn uniformly from
(0, T) with a seeded RNG, stopped by SIGKILL or by SIGTERM twice in a row (Scrapy's unclean
shutdown); the same command again, stopped the same way, until a run ends on its own before its
moment. That run must exit 0; the round's dataset must then hold every record of the reference
exactly once with the same content hash (`pipelines.ledger.content_hash`: fetch time and
provenance left out), every post and approved comment of WordPress's own export
(ground_truth.php), and its WARCs must pass `warcio check` and `longform verify`. After the last
kill the run goes to the end. Prints one JSON line per run and per round, then the totals.
Not a unit test (tests/sites/wordpress/test_soak_real_wordpress.py runs a short one).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
WORDPRESS = ROOT / "tests" / "sites" / "wordpress"
LONGFORM = [sys.executable, "-m", "spiders.cli"]
SITE = "wp-soak"
STOPS = ("SIGKILL", "SIGTERMx2")
TERM_GAP = 0.05
"""Seconds between the two SIGTERMs: the second lands while the first's clean stop is under way."""


def load(name: str, path: Path) -> ModuleType:
    """A module of tests/ by path (tests/ folders are not packages)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


checks = load("resume_checks", ROOT / "tests" / "spiders" / "resume_checks.py")


def profile(folder: Path, base_url: str, concurrency: int) -> Path:
    """Fast: no delay, no autothrottle."""
    path = folder / "soak.toml"
    path.write_text(f'name = "{SITE}"\nbase_url = "{base_url.rstrip("/")}/"\nplatform = "wordpress"\n'
                    'timezone = "America/New_York"\ndownload_delay = 0.0\nautothrottle = false\n'
                    f"concurrency = {concurrency}\n", "utf-8")
    return path


def run(command: list[str], stop_at: float | None, how: str) -> dict[str, Any]:
    """One run of `command`, stopped `how` at `stop_at` seconds unless it ends before."""
    started = time.monotonic()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, text=True)
    stopped, stderr = False, ""
    try:
        _, stderr = proc.communicate(timeout=stop_at)
    except subprocess.TimeoutExpired:
        stopped = True
        proc.send_signal(signal.SIGKILL if how == "SIGKILL" else signal.SIGTERM)
        if how == "SIGTERMx2":
            time.sleep(TERM_GAP)
            proc.send_signal(signal.SIGTERM)
        try:
            proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:  # an unclean stop that hangs: recorded, then killed
            proc.kill()
            proc.communicate()
            how += "+hung"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    result = {"stop_at": round(stop_at, 2) if stopped and stop_at else None,
              "signal": how if stopped else None, "exit": proc.returncode,
              "seconds": round(time.monotonic() - started, 2)}
    if not stopped and proc.returncode != 0:
        result["stderr"] = stderr[-1500:]
    return result


def progress(site: Path) -> tuple[int, int]:
    """(JSONL lines, WARC bytes) a round's folder holds: what a run added shows where it was stopped."""
    lines = sum(p.read_bytes().count(b"\n") for p in site.glob("*.jsonl"))
    return lines, sum(p.stat().st_size for p in (site / "warc").glob("*.warc*"))


def wordpress_truth() -> tuple[set[str], set[str]]:
    """WordPress's own export: the paths of the public posts, the ids of approved comments."""
    out = subprocess.run(["php", str(WORDPRESS / "ground_truth.php")], capture_output=True,
                         text=True, check=True, timeout=120).stdout
    truth = json.loads(out)
    return ({_path(p["url"]) for p in truth["posts"]},
            {str(c["id"]) for c in truth["comments"] if c["type"] == "comment"})


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def check(site: Path, reference: dict[str, dict[str, str]],
          truth: tuple[set[str], set[str]]) -> dict[str, Any]:
    """The numbers of one finished round's dataset against the reference and WordPress."""
    found = checks.record_hashes(site)
    result: dict[str, Any] = {}
    for kind, pairs in found.items():
        got, want = dict(pairs), reference[kind]
        result[kind] = len(got)
        result[f"{kind}_lost"] = len(set(want) - set(got))
        result[f"{kind}_extra"] = len(set(got) - set(want))
        result[f"{kind}_duplicated"] = sum(n - 1 for n in checks.duplicated(pairs).values())
        result[f"{kind}_changed"] = sum(1 for rid, h in got.items() if rid in want and want[rid] != h)
    posts, comments = truth
    articles = checks.jsonl(site / "articles.jsonl")
    result["posts_missing_vs_wordpress"] = len(posts - {_path(a["url"]) for a in articles})
    result["comments_missing_vs_wordpress"] = len(
        comments - {c["id"] for c in checks.jsonl(site / "comments.jsonl")})
    warcs = sorted(str(p) for p in (site / "warc").glob("*.warc.gz"))
    result["warcs"] = len(warcs)
    result["warcio_check"] = subprocess.run([sys.executable, "-m", "warcio.cli", "check", *warcs],
                                            capture_output=True).returncode
    result["longform_verify"] = subprocess.run([*LONGFORM, "verify", str(site)], cwd=ROOT,
                                               capture_output=True).returncode
    return result


def clean(result: dict[str, Any]) -> bool:
    """A round's check with nothing lost, extra, duplicated or changed, and the WARCs sound."""
    return all(v == 0 for k, v in result.items() if k not in ("articles", "comments", "warcs"))


def soak(base_url: str, work: Path, kills: int, seed: int, concurrency: int,
         emit: Callable[[dict[str, Any]], None] = print) -> dict[str, Any]:
    """`kills` stops over as many rounds as they take; returns the totals."""
    rng = random.Random(seed)
    truth = wordpress_truth()
    started = time.monotonic()
    whole = run([*LONGFORM, "crawl", str(profile(work, base_url, concurrency)),
                 "--out", str(work / "whole")], None, "")
    assert whole["exit"] == 0, f"the uninterrupted crawl failed: {whole}"
    reference = {kind: dict(pairs) for kind, pairs in checks.record_hashes(work / "whole" / SITE).items()}
    expected = whole["seconds"]
    emit({"uninterrupted": whole, **{k: len(v) for k, v in reference.items()}})
    totals: dict[str, Any] = {
        "kills": dict.fromkeys(STOPS, 0), "kills_after_warc_bytes": 0, "kills_after_records": 0,
        "runs": 0, "rounds": 0, "unclean_rounds": 0, "failed_unkilled_runs": 0, "warcs_checked": 0,
        "lost": 0, "duplicated": 0, "extra": 0, "changed": 0}
    done = 0
    while done < kills:
        totals["rounds"] += 1
        out = work / f"round{totals['rounds']}"
        command = [*LONGFORM, "crawl", str(profile(work, base_url, concurrency)), "--out", str(out)]
        while True:
            how = rng.choice(STOPS)
            at = rng.uniform(0, expected) if done < kills else None
            before = progress(out / SITE)
            result = run(command, at, how)
            after = progress(out / SITE)
            result["added_lines"], result["added_warc_bytes"] = after[0] - before[0], after[1] - before[1]
            totals["runs"] += 1
            emit({"round": totals["rounds"], "run": totals["runs"], **result})
            if result["signal"] is None:
                if result["exit"] == 0:
                    break
                totals["failed_unkilled_runs"] += 1
                continue
            done += 1
            totals["kills"][how.split("+")[0]] += 1
            totals["kills_after_warc_bytes"] += result["added_warc_bytes"] > 0
            totals["kills_after_records"] += result["added_lines"] > 0
        numbers = check(out / SITE, reference, truth)
        emit({"round": totals["rounds"], "check": numbers})
        totals["warcs_checked"] += numbers["warcs"]
        totals["unclean_rounds"] += not clean(numbers)
        for key in ("lost", "duplicated", "extra", "changed"):
            totals[key] += numbers[f"articles_{key}"] + numbers[f"comments_{key}"]
    totals["expected_crawl_seconds"] = expected
    totals["total_seconds"] = round(time.monotonic() - started, 1)
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--work", type=Path, help="folder for the data (default: a temporary one)")
    parser.add_argument("--log", type=Path, help="also write every JSON line here")
    args = parser.parse_args()
    site = load("wordpress_fixture_site", WORDPRESS / "site.py")
    base_url = site.ensure_site()
    if base_url is None:
        sys.exit(f"soak: the WordPress fixture cannot run here: {site.last_reason}")
    log = args.log.open("w") if args.log else None

    def emit(line: dict[str, Any]) -> None:
        text = json.dumps(line)
        print(text, flush=True)
        if log:
            log.write(text + "\n")
            log.flush()

    with site.exclusive(), tempfile.TemporaryDirectory(dir=args.work) as work:
        totals = soak(base_url, Path(work), args.kills, args.seed, args.concurrency, emit)
    emit({"totals": totals})
    sys.exit(0 if totals["unclean_rounds"] == 0 and totals["failed_unkilled_runs"] == 0 else 1)


if __name__ == "__main__":
    main()
