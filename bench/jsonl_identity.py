"""JSONL written by this tree, byte for byte against another checkout's (issue 15: the write path).

Replays the same WARCs with `longform replay` from two trees (this one, and by default
/work/main) into fresh folders, then compares articles.jsonl and comments.jsonl with `cmp`.
Exit 0 when every file is identical, 1 when one differs, 2 on bad input.

    .venv/bin/python bench/jsonl_identity.py                  # the demo recording
    .venv/bin/python bench/jsonl_identity.py path/to/crawl.warc.gz --other /work/main
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
DEMO = HERE / "spiders" / "recorded_site" / "data" / "wordpress-demo.warc.gz"
FILES = ("articles.jsonl", "comments.jsonl")


def _replay(tree: Path, warcs: list[Path], out: Path) -> float:
    """Seconds `longform replay` took in `tree` (its own venv and sources)."""
    python = tree / ".venv" / "bin" / "python"
    started = time.monotonic()
    subprocess.run([str(python), "-m", "spiders.cli", "replay", "--out", str(out),
                    *map(str, warcs)], cwd=tree, check=False, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warcs", nargs="*", type=Path, default=[DEMO])
    parser.add_argument("--other", type=Path, default=Path("/work/main"))
    args = parser.parse_args()
    missing = [str(path) for path in [*args.warcs, args.other / ".venv"] if not path.exists()]
    if missing:
        print(f"jsonl_identity: not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="jsonl-identity-") as scratch:
        ours, theirs = Path(scratch, "ours"), Path(scratch, "theirs")
        ours_s = _replay(HERE, args.warcs, ours)
        theirs_s = _replay(args.other, args.warcs, theirs)
        print(f"replayed: this tree {ours_s:.1f} s, {args.other} {theirs_s:.1f} s")
        same = True
        for name in FILES:
            lines = sum(1 for _ in open(ours / name, "rb")) if (ours / name).exists() else 0
            result = subprocess.run(["cmp", str(ours / name), str(theirs / name)], check=False)
            print(f"{name}: {lines} lines, {'identical' if result.returncode == 0 else 'DIFFERENT'}")
            same = same and result.returncode == 0 and lines > 0
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
