"""`bench/verify_bench.py` in small (issue 14 item 5): the four tools it times run on the WARC it
builds, and ours agree with theirs on it (the full run, ~150 MB, is for docs/benchmarks.md).

No timing is asserted: the machine is shared, and a ratio of a few seconds' runs says nothing.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "verify_bench.py"
PAGES = 40


def test_bench_runs_and_the_tools_agree(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(BENCH), "--pages", str(PAGES), "--repeat", "1",
                             "--work", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    for tool in ("warcio check", "cdxj-indexer", "longform verify", "longform index"):
        assert re.search(rf"^{tool} +[\d.]+ s wall +[\d.]+ s CPU +\d+ records/s", result.stdout, re.M), \
            result.stdout
    assert re.search(r"^verify / warcio check: \d+\.\d\d CPU, \d+\.\d\d wall$", result.stdout, re.M)
    assert re.search(r"^index / cdxj-indexer: +\d+\.\d\d CPU, \d+\.\d\d wall$", result.stdout, re.M)
    # The index ours wrote lists the same captures at the same places as cdxj-indexer's.
    ours = (tmp_path / f"warc-{PAGES}" / "index.cdxj").read_text("utf-8").splitlines()
    theirs = (tmp_path / "theirs.cdxj").read_text("utf-8").splitlines()
    assert len(ours) == PAGES
    assert _places(ours) == _places(theirs)


def _places(lines: list[str]) -> list[tuple[str, str, str, str]]:
    places = []
    for line in lines:
        key, timestamp, fields = line.split(" ", 2)
        data = json.loads(fields)
        places.append((key, timestamp, data["offset"], data["length"]))
    return places
