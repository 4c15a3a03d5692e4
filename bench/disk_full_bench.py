"""Crawls that fill the disk at different points, then finish once space is freed.

Run as root (it mounts a tmpfs per size under a temp folder and unmounts it after):
    .venv/bin/python bench/disk_full_bench.py [--sizes 1300k,1600k,2000k,2400k,3000k]

For each size: `longform crawl` of the sample site into a tmpfs of that size; the exit status,
seconds, records in the dataset and the error line; `longform verify` of what is there; then the
tmpfs grows to 30 MB and the same command runs again: exit status, records, duplicates, and the
article and comment pages each run fetched. The sample site's whole dataset is 12 articles, 130 comments.
Not a unit test.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.sites.sample_site
sys.path.insert(0, str(ROOT / "tests" / "faults"))

from tmpfs import grow, small_disk  # noqa: E402

from tests.sites.sample_site import serve_sample_site  # noqa: E402

LONGFORM = [sys.executable, "-m", "spiders.cli"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1300k,1600k,2000k,2400k,3000k")
    args = parser.parse_args()
    with serve_sample_site() as base_url, tempfile.TemporaryDirectory() as work:
        profile = Path(work) / "sample.toml"
        profile.write_text(f'name = "sample"\nbase_url = "{base_url}/"\ntimezone = "America/New_York"\n'
                           "autothrottle = false\ndownload_delay = 0\nconcurrency = 2\n")
        for size in args.sizes.split(","):
            with small_disk(Path(work) / f"disk-{size}", size) as out:
                print(json.dumps(_one(profile, out, size)), flush=True)


def _one(profile: Path, out: Path, size: str) -> dict[str, object]:
    command = [*LONGFORM, "crawl", str(profile), "--out", str(out)]
    started = time.monotonic()
    first = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    seconds = time.monotonic() - started
    site = out / "sample"
    line = [x for x in first.stderr.splitlines() if x.startswith("longform: error:")]
    verify = subprocess.run([*LONGFORM, "verify", str(site)], capture_output=True, text=True)
    before = _records(site)
    warcs = set(site.glob("warc/*.warc.gz"))
    grow(out, "30m")
    second = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    after = _records(site)
    return {
        "size": size, "exit": first.returncode, "seconds": round(seconds, 1),
        "records_before": before, "error_line": line[0] if line else None,
        "verify_exit": verify.returncode, "rerun_exit": second.returncode, "records_after": after,
        "article_pages_run1": _pages(warcs),
        "article_pages_rerun": _pages(set(site.glob("warc/*.warc.gz")) - warcs),
    }


def _records(site: Path) -> dict[str, object]:
    counts: dict[str, object] = {}
    for kind in ("articles", "comments"):
        path = site / f"{kind}.jsonl"
        lines = path.read_bytes().splitlines() if path.exists() else []
        ids = [(r.get("article_id"), r["id"]) for r in map(json.loads, lines)]
        counts[kind] = len(ids)
        counts[f"{kind}_duplicated"] = len(ids) - len(set(ids))
    return counts


def _pages(warcs: set[Path]) -> int:
    """Article and comment page responses in these WARC files."""
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    for path in sorted(warcs):
        with open(path, "rb") as stream:
            count += sum(1 for r in ArchiveIterator(stream) if r.rec_type in ("response", "revisit")
                         and "/archives/" in (r.rec_headers.get_header("WARC-Target-URI") or ""))
    return count


if __name__ == "__main__":
    main()
