"""The report's "where the bytes go" section, from `where_bytes.breakdown`."""

from __future__ import annotations

from typing import Any

from .where_bytes import GROUPS


def render(detail: dict[str, Any]) -> list[str]:
    """Markdown: longform's files; JSONL field groups beside the floor's; provenance fields; the
    state's tables and indexes. Empty when `longform` did not run."""
    if "files" not in detail:
        return []
    lines = ["", "Where `longform crawl`'s bytes go (MB):", "", "| file | MB |", "|---|---|"]
    lines += [f"| {name} | {_mb(size)} |" for name, size in
              sorted(detail["files"].items(), key=lambda kv: -kv[1]) if size >= 10_000]
    ours, floor = detail["jsonl"], detail.get("floor_jsonl")
    lines += ["", f"JSONL by field group ({ours['lines']} lines"
              + (f"; the floor's {floor['lines']}" if floor else "") + "):", "",
              "| group | longform MB | bytes/line | floor MB |", "|---|---|---|---|"]
    for group in GROUPS:
        size = ours["groups"][group]
        theirs = _mb(floor["groups"][group]) if floor else ""
        lines.append(f"| {group} | {_mb(size)} | {size / max(ours['lines'], 1):.0f} | {theirs} |")
    lines.append(f"| all | {_mb(ours['bytes'])} | {ours['bytes'] / max(ours['lines'], 1):.0f} | "
                 f"{_mb(floor['bytes']) if floor else ''} |")
    lines += ["", "Provenance fields (MB): " + ", ".join(
        f"{name} {_mb(size)}" for name, size in ours["provenance"].items())]
    lines += ["", "Largest fields (MB): " + ", ".join(
        f"{name} {_mb(size)}" for name, size in list(ours["fields"].items())[:12])]
    if "state" in detail:
        lines += ["", "State database by table and index (MB, dbstat): " + ", ".join(
            f"{name} {_mb(size)}" for name, size in detail["state"].items() if size)]
    return lines


def _mb(size: int) -> str:
    return f"{size / 1e6:.2f}"
