"""`longform replay WARC... --out DIR`: the dataset again, from the WARC files alone."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from archive.reader import NotAWarcError, check_is_warc
from pipelines.coverage import CoverageBySite, problems, rate_lines
from pipelines.dataset import ARTICLES_FILE, COMMENTS_FILE
from pipelines.replay import MIN_PART, replay, written_summary
from pipelines.replay_pool import InProcess, ProcessPool, Runner, WorkerLost
from spiders import sites
from spiders.cli.inputs import named
from spiders.damage_report import DamageReport
from spiders.errors import EXIT_FAILED, EXIT_OK, UsageError
from spiders.progress import ProgressLine


def replay_warcs(inputs: list[Path], out: Path, workers: int | None = None, dask: str | None = None) -> int:
    """Replay every WARC named (folders: their *.warc.gz, sorted) into `out`, deriving pages in
    `workers` processes (None: one per core) or on the Dask scheduler at `dask`."""
    warcs = named(inputs).warcs
    try:
        for path in warcs:  # before anything is written: a bad input leaves no files behind
            check_is_warc(path)
    except NotAWarcError as error:
        raise UsageError(f"{error}; give WARC files (.warc or .warc.gz) written by a crawl") from None
    runner = _runner(workers, dask, sum(path.stat().st_size for path in warcs))
    started = time.monotonic()
    progress = ProgressLine("replaying", sum(path.stat().st_size for path in warcs)) \
        if sys.stderr.isatty() else None
    coverage = CoverageBySite()
    damage = DamageReport()
    try:
        dataset = replay(warcs, out, sites.bundled_for_url, progress.update if progress else None,
                         coverage.count_filled, damage.add, runner)
    except NotAWarcError as error:
        raise UsageError(f"{error}; give WARC files (.warc or .warc.gz) written by a crawl") from None
    except WorkerLost as error:
        print(f"longform: {error}", file=sys.stderr)
        return EXIT_FAILED
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


def _runner(workers: int | None, dask: str | None, size: int) -> Runner:
    if dask is not None:
        from pipelines.replay_dask import ClusterUnreachable, DaskCluster  # only then: dask is heavy

        try:
            return DaskCluster(dask)
        except ClusterUnreachable as error:
            raise UsageError(str(error)) from None
    if workers is None:  # by default a pool only where it pays for starting it
        workers = len(os.sched_getaffinity(0)) if size >= MIN_PART else 1
    return InProcess() if workers == 1 else ProcessPool(workers)


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
