"""Where a crawl's bytes go: per file, per JSONL field group, per state table and index.

The JSONL share of a field is the bytes of `"key":value,` in the compact encoding the dataset
writes (`pipelines.jsonl`), summed over every line; `syntax` is the rest of the file (braces,
newlines, and the spaces of the floor's default separators), so the groups sum to the file size. The
state's share per table and index comes from SQLite's `dbstat` (pages in use, free pages apart).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

TEXT = frozenset({"text", "title", "summary"})
IDS = frozenset({"id", "article_id", "article_url", "url", "parent_id"})
GROUPS = ("text", "raw twins", "provenance", "ids and urls", "other fields", "syntax")


def group_of(key: str) -> str:
    """The field group a top-level JSONL key belongs to.

    >>> [group_of(k) for k in ("text", "tags_raw", "provenance", "article_url", "depth")]
    ['text', 'raw twins', 'provenance', 'ids and urls', 'other fields']
    """
    if key in TEXT:
        return "text"
    if key.endswith("_raw"):
        return "raw twins"
    if key == "provenance":
        return "provenance"
    return "ids and urls" if key in IDS else "other fields"


def field_bytes(path: Path) -> tuple[Counter[str], Counter[str], int]:
    """Bytes per top-level field, per `provenance.<field>`, and the line count of a JSONL file."""
    fields: Counter[str] = Counter()
    provenance: Counter[str] = Counter()
    lines = 0
    with open(path, "rb") as stream:
        for line in stream:
            record = json.loads(line)
            lines += 1
            for key, value in record.items():
                fields[key] += _pair(key, value)
                if key == "provenance" and isinstance(value, dict):
                    for sub, sub_value in value.items():
                        provenance[sub] += _pair(sub, sub_value)
    return fields, provenance, lines


def jsonl_breakdown(folder: Path) -> dict[str, Any]:
    """Field groups, fields and provenance fields (bytes) over every JSONL file under `folder`."""
    fields: Counter[str] = Counter()
    provenance: Counter[str] = Counter()
    lines = total = 0
    for path in sorted(folder.glob("*.jsonl")):
        total += path.stat().st_size
        more, more_provenance, count = field_bytes(path)
        fields += more
        provenance += more_provenance
        lines += count
    groups: Counter[str] = Counter()
    for key, size in fields.items():
        groups[group_of(key)] += size
    groups["syntax"] = total - sum(fields.values())
    return {"lines": lines, "bytes": total, "groups": {g: groups[g] for g in GROUPS},
            "fields": dict(fields.most_common()), "provenance": dict(provenance.most_common())}


def state_breakdown(path: Path) -> dict[str, int]:
    """Bytes of each table and index of an SQLite file (dbstat), plus `(free pages)`."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")
        sizes = {str(name): int(size) for name, size in rows}
        page_size, free = (db.execute(f"PRAGMA {p}").fetchone()[0]
                           for p in ("page_size", "freelist_count"))
    finally:
        db.close()
    sizes["(free pages)"] = page_size * free
    return sizes


def file_bytes(folder: Path) -> dict[str, int]:
    """Bytes of every file under `folder`, by path relative to it (WARCs summed as `warc/*`)."""
    sizes: Counter[str] = Counter()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        sizes["warc/*.warc.gz" if name.endswith(".warc.gz") else name] += path.stat().st_size
    return dict(sizes)


def breakdown(site_folder: Path | None, floor_folder: Path | None) -> dict[str, Any]:
    """The whole picture for the report: longform's files, JSONL and state; the floor's JSONL."""
    out: dict[str, Any] = {}
    if site_folder is not None and site_folder.is_dir():
        out["files"] = file_bytes(site_folder)
        out["jsonl"] = jsonl_breakdown(site_folder)
        state = site_folder / "state.sqlite"
        if state.exists():
            out["state"] = state_breakdown(state)
    if floor_folder is not None and floor_folder.is_dir():
        out["floor_jsonl"] = jsonl_breakdown(floor_folder)
    return out


def _pair(key: str, value: Any) -> int:
    """Bytes of `"key":value,` as the dataset writes it (compact, UTF-8)."""
    text = json.dumps({key: value}, ensure_ascii=False, separators=(",", ":"))
    return len(text.encode("utf-8")) - 1  # - the braces + the comma
