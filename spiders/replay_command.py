"""`longform replay WARC... --out DIR`: the dataset again, from the WARC files alone."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from archive.reader import NotAWarcError, check_is_warc
from pipelines.coverage import CoverageBySite, problems, rate_lines
from pipelines.dataset import ARTICLES_FILE, COMMENTS_FILE
from pipelines.replay import replay, written_summary
from spiders import sites
from spiders.cli.inputs import named
from spiders.damage_report import DamageReport
from spiders.errors import EXIT_FAILED, EXIT_OK, UsageError
from spiders.progress import ProgressLine


def replay_warcs(inputs: list[Path], out: Path) -> int:
    """Replay every WARC named (folders: their *.warc.gz, sorted) into `out`."""
    warcs = named(inputs).warcs
    try:
        for path in warcs:  # before anything is written: a bad input leaves no files behind
            check_is_warc(path)
    except NotAWarcError as error:
        raise UsageError(f"{error}; give WARC files (.warc or .warc.gz) written by a crawl") from None
    started = time.monotonic()
    progress = ProgressLine("replaying", sum(path.stat().st_size for path in warcs)) \
        if sys.stderr.isatty() else None
    coverage = CoverageBySite()
    damage = DamageReport()
    try:
        dataset = replay(warcs, out, sites.bundled_for_url, progress.update if progress else None,
                         coverage.count, damage.add)
    except NotAWarcError as error:
        raise UsageError(f"{error}; give WARC files (.warc or .warc.gz) written by a crawl") from None
    finally:
        if progress:
            progress.close()
    print(
        f"Replayed {len(warcs)} WARC file(s) in {time.monotonic() - started:.1f}s: "
        f"{written_summary(dataset.stats, out)}\n"
        f"  {out / ARTICLES_FILE}\n  {out / COMMENTS_FILE}"
    )
    truncated = dataset.stats.get("replay/truncated_pages", 0)
    if truncated:
        print(f"longform: {truncated} page(s) were archived incomplete: their records say "
              "provenance.truncated = true and why", file=sys.stderr)
    coverage_status = report_coverage(coverage.judge())
    return EXIT_FAILED if damage.close() else coverage_status


def report_coverage(sites: dict[str, dict[str, Any]]) -> int:
    """Print each site's rates (stdout) and a line per field under its threshold (stderr);
    exit status 1 when there is one, as for a crawl."""
    below = False
    for name, section in sorted(sites.items()):
        label = f" {name or '(no profile)'}" if len(sites) > 1 else ""
        for line in rate_lines(section):
            print(f"  coverage{label}: {line}")
        for line in problems(section):
            print(f"longform:{label} {line}", file=sys.stderr)
            below = True
    return EXIT_FAILED if below else EXIT_OK
