"""Extraction output, byte for byte, before and after a change to the page objects or normalizers.

    .venv/bin/python bench/extract_identity.py write OUT [--warc FILE_OR_DIR ...] [--pages-only]
    .venv/bin/python bench/extract_identity.py compare OLD NEW

`write` puts into OUT what this checkout's extraction gives for:

- every saved HTML page under `tests/data/` (as `longform extract --fetched-at 2024-05-01T10:00:00Z`
  prints it: the same functions, in this process, so ~100 pages do not start ~100 interpreters);
- `longform replay` (the CLI, one run per input) of the demo recording, every WARC under
  `tests/data/third-party-warcs/`, and each `--warc` given (the speed bench's WARC, a crawl of the
  real WordPress fixture: crawl once, replay with both checkouts).

`compare` lists every file that differs or exists on one side only; exit 1 if any.
Run `write` on `main` (or before your change) and on your branch, then `compare`.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
FETCHED_AT = "2024-05-01T10:00:00Z"
_TABLE_URL = re.compile(r"^\|\s*`?([\w.\-]+\.html)`?\s*\|.*?(https?://[^\s|)]+)", re.MULTILINE)


def page_urls() -> dict[Path, str]:
    """Every saved page under tests/data with the URL its README (or gold file) names; pages
    nobody named get a made-up URL on example.org (the same in both runs)."""
    urls: dict[Path, str] = {}
    for readme in DATA.glob("*/README.md"):
        for name, url in _TABLE_URL.findall(readme.read_text()):
            urls[readme.parent / name] = url
    gold = json.loads((DATA / "generic-corpus" / "gold.json").read_text())
    for page in gold["pages"]:
        urls[DATA / "generic-corpus" / page["file"]] = page["url"]
    out = {}
    for path in sorted([*DATA.rglob("*.html"), *DATA.rglob("*.html.gz")]):
        out[path] = urls.get(path) or f"https://example.org/2020/01/02/{path.name.split('.')[0]}/"
    return out


def extract_one(path: Path, url: str) -> str:
    """What `longform extract PATH --url URL --fetched-at FETCHED_AT` prints (or its refusal)."""
    import gzip

    from pipelines.derive import NotHtml, extract_file, normalized, page_records
    from spiders import sites

    body = path.read_bytes()
    if path.suffix == ".gz":
        body = gzip.decompress(body)
    profile = sites.bundled_for_url(url)
    try:
        page = extract_file(body, url, profile)
    except NotHtml as error:
        return f"NotHtml: {error}\n"
    if page is None:
        return "not an article page\n"
    page = normalized(page, profile, FETCHED_AT)
    return json.dumps(page_records(page), ensure_ascii=False, indent=2) + "\n"


def warc_inputs(extra: list[Path]) -> list[Path]:
    demo = ROOT / "spiders" / "recorded_site" / "data" / "wordpress-demo.warc.gz"
    third = sorted(p for p in (DATA / "third-party-warcs").rglob("*") if ".warc" in p.name)
    return [demo, *third, *extra]


def write(out: Path, extra: list[Path], pages_only: bool = False) -> None:
    sys.path.insert(0, str(ROOT))
    pages = out / "extract"
    pages.mkdir(parents=True, exist_ok=True)
    for path, url in page_urls().items():
        name = str(path.relative_to(DATA)).replace("/", "__") + ".json"
        (pages / name).write_text(extract_one(path, url))
    longform = Path(sys.executable).parent / "longform"
    for number, warc in enumerate([] if pages_only else warc_inputs(extra)):
        target = out / "replay" / f"{number:02d}-{warc.name}"
        target.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([str(longform), "replay", "--out", str(target / "jsonl"), str(warc)],
                              capture_output=True, text=True, check=False)
        said = re.sub(r" in [\d.]+s:", " in N s:", done.stdout.replace(str(target), "OUT"))
        (target / "exit.txt").write_text(f"{done.returncode}\n{said}")
    print(f"wrote {out}")


def compare(old: Path, new: Path) -> int:
    """Files that differ, or exist on one side only; exit status 1 if any."""
    left = {p.relative_to(old) for p in old.rglob("*") if p.is_file()}
    right = {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    problems = [f"only in {old}: {p}" for p in sorted(left - right)]
    problems += [f"only in {new}: {p}" for p in sorted(right - left)]
    problems += [f"differs: {p}" for p in sorted(left & right)
                 if not filecmp.cmp(old / p, new / p, shallow=False)]
    print("\n".join(problems) if problems else f"identical: {len(left)} files")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    writer = commands.add_parser("write")
    writer.add_argument("out", type=Path)
    writer.add_argument("--warc", type=Path, action="append", default=[])
    writer.add_argument("--pages-only", action="store_true", help="no replays (a quick check)")
    comparer = commands.add_parser("compare")
    comparer.add_argument("old", type=Path)
    comparer.add_argument("new", type=Path)
    args = parser.parse_args(argv)
    if args.command == "compare":
        return compare(args.old, args.new)
    write(args.out, args.warc, args.pages_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
