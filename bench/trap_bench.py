"""Requests a crawl makes on the trap site (tests/spiders/test_spider_traps.py), for any checkout.

Run: .venv/bin/python bench/trap_bench.py [CHECKOUT ...] [--limit SECONDS]

Each CHECKOUT (default: this one) is a source tree whose `longform crawl` runs with this
interpreter (its own packages first on sys.path) against the trap site on 127.0.0.1, sitemaps and
REST off. A crawl still going after --limit seconds (code without the trap filter never ends) is
stopped with SIGTERM. Prints requests against the site's real pages, articles and reader comments
found, and requests by kind. Not a unit test.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.sites.sample_site import ground_truth  # noqa: E402
from tests.sites.sample_site.build import build_site  # noqa: E402
from tests.sites.sample_site.render_site import home_listing  # noqa: E402


def _trap_site() -> ModuleType:
    path = ROOT / "tests" / "spiders" / "test_spider_traps.py"
    spec = importlib.util.spec_from_file_location("trap_site", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def _kind(line: str) -> str:
    path = line.split(" ", 1)[1].split("?")[0]
    if "/page/" in path:
        return "listing /page/N/"
    if "comment-page" in path:
        return "comment page"
    return "article" if path.startswith("/archives/") else "home, robots, feeds"


def measure(checkout: Path, limit: float) -> None:
    traps, log = _trap_site(), []
    with tempfile.TemporaryDirectory() as tmp, traps.serve_trap_site(log) as base:
        command = [sys.executable, "-m", "spiders.cli", "crawl", str(traps._profile(Path(tmp), base)),
                   "--out", f"{tmp}/out"]
        started = time.monotonic()
        crawl = subprocess.Popen(command, cwd=checkout, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True)
        try:
            stdout, _ = crawl.communicate(timeout=limit)
            ending = f"exit {crawl.returncode}"
        except subprocess.TimeoutExpired:
            crawl.terminate()
            stdout, _ = crawl.communicate(timeout=120)
            ending = f"still going after {limit:.0f} s: stopped"
        seconds = time.monotonic() - started
        requests = len(log)
        truth = ground_truth(base)
        folder = Path(tmp, "out", "traps")
        articles, comments = _records(folder / "articles.jsonl"), _records(folder / "comments.jsonl")
    real = 3 + home_listing(build_site(None)).pages + sum(a.comment_pages for a in truth)
    readers = {c.id for a in truth for c in a.comments if not c.is_ping}
    print(f"{checkout}: {ending} ({seconds:.1f} s)")
    print(f"  requests {requests:,} for {real} real pages ({requests / real:.2f}x)")
    print(f"  articles {len({a['id'] for a in articles})} of {len(truth)}; reader comments "
          f"{len({c['id'] for c in comments} & readers)} of {len(readers)}")
    print(f"  by kind: {dict(Counter(_kind(line) for line in log))}")
    print("".join(f"  {line.strip()}\n" for line in stdout.splitlines() if "traps:" in line), end="")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkouts", nargs="*", type=Path, default=[ROOT])
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before SIGTERM")
    args = parser.parse_args()
    for checkout in args.checkouts:
        measure(checkout.resolve(), args.limit)


if __name__ == "__main__":
    main()
