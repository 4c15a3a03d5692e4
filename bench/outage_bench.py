"""A crawl through a several-minute outage of the site, with and without the outage back-off.

Run (takes the outage plus a few minutes; nothing else needs to be up):
    .venv/bin/python bench/outage_bench.py [--refuse 90] [--unavailable 90] [--retry-after 20]

Serves the sample site from the loopback fault server (tests/faults/fault_server.py) and crawls
it politely (1 s between requests, one at a time). After a few articles the site refuses
connections for --refuse seconds, then answers 503 to everything (with Retry-After) for
--unavailable seconds, then comes back. Once with the project's default back-off
(`longform crawl`), once with the back-off off (`scrapy crawl -s LONGFORM_OUTAGE_ENABLED=0`),
each into a fresh folder; prints exit status, duration, the failed tries during the outage, how
long after the site came back the crawl went on, and how much of the site the dataset holds.
Not a unit test.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.sites.sample_site
sys.path.insert(0, str(ROOT / "tests" / "faults"))

from fault_server import FaultServer  # noqa: E402

from tests.sites.sample_site import ground_truth  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refuse", type=float, default=90.0, help="seconds refusing connections")
    parser.add_argument("--unavailable", type=float, default=90.0, help="seconds answering 503")
    parser.add_argument("--retry-after", type=int, default=20, help="Retry-After of the 503s (0: none)")
    args = parser.parse_args()
    for backoff in (True, False):
        print(json.dumps(run(backoff, args), indent=2), flush=True)


def run(backoff: bool, args: argparse.Namespace) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as work, FaultServer() as fault:
        folder = Path(work)
        profile = folder / "sample.toml"
        profile.write_text(f'name = "sample"\nbase_url = "{fault.origin}/"\ntimezone = "America/New_York"\n'
                           "autothrottle = false\ndownload_delay = 1.0\nconcurrency = 1\n")
        out = folder / "out"
        command = ([sys.executable, "-m", "spiders.cli", "crawl", str(profile), "--out", str(out)]
                   if backoff else
                   [sys.executable, "-m", "scrapy.cmdline", "crawl", str(profile),
                    "-s", f"LONGFORM_DATA_DIR={out}", "-s", "LONGFORM_OUTAGE_ENABLED=0"])
        started = time.monotonic()
        crawl = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 text=True)
        _wait_for_lines(out / "sample" / "articles.jsonl", 3)
        times: dict[str, float] = {}
        outage = threading.Thread(target=_outage, args=(fault, args, times, started))
        outage.start()
        _, stderr = crawl.communicate(timeout=3600)
        ended = time.monotonic() - started
        outage.join()
        return _result(backoff, crawl.returncode, ended, times, fault, stderr, out / "sample")


def _outage(fault: FaultServer, args: argparse.Namespace, times: dict[str, float], t0: float) -> None:
    times["down"] = time.monotonic() - t0
    times["down_at"] = time.monotonic()
    fault.refuse()
    time.sleep(args.refuse)
    fault.unavailable(args.retry_after or None)
    time.sleep(args.unavailable)
    fault.up()
    times["up_at"] = time.monotonic()
    times["up"] = times["up_at"] - t0


def _result(backoff: bool, status: int, ended: float, times: dict[str, float], fault: FaultServer,
            stderr: str, site: Path) -> dict[str, object]:
    truth = ground_truth()
    report_path = site / "crawl-report.json"
    report = json.loads(report_path.read_text()) if report_path.exists() else {}
    t0 = times["down"]
    served_503 = [t for t, mode, _ in fault.served if mode == "503"]
    first_after = min((t for t, _, _ in fault.served if t >= times["up_at"]), default=None)
    return {
        "backoff": backoff,
        "exit_status": status,
        "seconds": round(ended, 1),
        "outage": f"{t0:.1f} s .. {times['up']:.1f} s after start ({times['up'] - t0:.0f} s)",
        "refused_tries": _refused(report, stderr),
        "tries_answered_503": len(served_503),
        "first_request_after_site_up_s": None if first_after is None else round(
            first_after - times["up_at"], 1),
        "articles": f"{_count(site / 'articles.jsonl')} of {len(truth)}",
        "comments": f"{_count(site / 'comments.jsonl')} of "
                    f"{sum(1 for a in truth for c in a.comments if not c.is_ping)}",
        "outages_in_report": report.get("outages"),
        "log_lines": [line.split("] ", 1)[-1] for line in stderr.splitlines()
                      if "[spiders.outage]" in line][:12],
    }


def _refused(report: dict[str, Any], stderr: str) -> int:
    """Connections refused, from the report (`longform crawl`) or the stats dump (`scrapy crawl`)."""
    name = "scrapy.exceptions.DownloadConnectionRefusedError"
    if report:
        return int(report["errors"]["exceptions"].get(name, 0))
    found = re.search(rf"'downloader/exception_type_count/{re.escape(name)}': (\d+)", stderr)
    return int(found.group(1)) if found else 0


def _count(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def _wait_for_lines(path: Path, count: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.05)
    raise SystemExit(f"no {count} records in {path} after {timeout}s")


if __name__ == "__main__":
    main()
