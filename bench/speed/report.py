"""The bench report: one table of every stage, ratios against bare Scrapy and the replay floor,
where the crawl's bytes go, and the profile summary; the same as JSON for tools and tests."""

from __future__ import annotations

from typing import Any

from . import report_bytes, targets
from .profiling import Profile
from .stages import LABELS, Result

COLUMNS = ("stage", "pages", "seconds", "pages_per_s", "cpu_ms_per_page", "peak_rss_mb",
           "warc_mb", "jsonl_mb", "state_mb", "out_mb", "ratio", "cpu_x", "missing", "records")
REFERENCE = {"crawl": "bare", "replay": "warcio"}


def rows(results: list[Result]) -> list[dict[str, Any]]:
    """One dict per stage with every column. `ratio`: pages/s over the kind's reference stage's
    (bare Scrapy, the replay floor); `cpu_x`: CPU ms/page over the reference's (on a shared machine
    the steadier of the two)."""
    rate = {r.name: r.pages / r.run.seconds if r.run.seconds else 0.0 for r in results}
    cpu = {r.name: 1000 * r.run.cpu_seconds / max(r.pages, 1) for r in results}
    table = []
    for r in results:
        reference = rate.get(REFERENCE[r.kind])
        reference_cpu = cpu.get(REFERENCE[r.kind])
        mb = {k: v / 1e6 for k, v in r.out_bytes.items()}
        table.append({
            "stage": r.name, "kind": r.kind, "label": LABELS[r.name], "pages": r.pages,
            "seconds": round(r.run.seconds, 2), "pages_per_s": round(rate[r.name], 1),
            "cpu_ms_per_page": round(cpu[r.name], 2),
            "peak_rss_mb": round(r.run.peak_rss_mb, 1), "ru_maxrss_mb": round(r.run.ru_maxrss_mb, 1),
            "warc_mb": round(mb.get("warc", 0.0), 2), "jsonl_mb": round(mb.get("jsonl", 0.0), 2),
            "state_mb": round(mb.get("state", 0.0), 2), "out_mb": round(sum(mb.values()), 2),
            "ratio": round(rate[r.name] / reference, 2) if reference else None,
            "cpu_x": round(cpu[r.name] / reference_cpu, 2) if reference_cpu else None,
            "missing": r.missing, "records": r.records, "in_flight": r.in_flight,
        })
    return table


def render(table: list[dict[str, Any]], profiles: list[Profile], header: str,
           detail: dict[str, Any] | None = None, found: list[targets.Verdict] | None = None) -> str:
    """The report as text (markdown tables, pasteable into docs/benchmarks.md)."""
    lines = [header, "",
             "| stage | pages | s | pages/s | CPU ms/page | peak RSS MB | WARC MB | JSONL MB | "
             "state MB | out MB | ratio | CPU x | missing | records |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for row in table:
        cells = [row["label"], *(row[c] for c in COLUMNS[1:])]
        lines.append("| " + " | ".join("" if c is None else str(c) for c in cells) + " |")
    lines += _bytes_note(table)
    lines += _in_flight(table)
    lines += targets.render(found or [])
    lines += report_bytes.render(detail or {})
    for profile in profiles:
        lines += ["", f"Profile of {profile.command} (cProfile, {profile.pages} pages, "
                  f"{profile.seconds:.1f} s under the profiler): our functions by cumulative ms/page",
                  "", "| function | cum ms/page | own ms/page |", "|---|---|---|"]
        lines += [f"| {h.function} | {h.cumulative_ms:.2f} | {h.own_ms:.2f} |" for h in profile.ours]
        lines += ["", "Most own time, any code:", "", "| function | own ms/page | cum ms/page |",
                  "|---|---|---|"]
        lines += [f"| {h.function} | {h.own_ms:.2f} | {h.cumulative_ms:.2f} |" for h in profile.own]
    return "\n".join(lines)


def _in_flight(table: list[dict[str, Any]]) -> list[str]:
    """Concurrency kept against the delaying server, and what it would allow: with every answer
    taking the delay, pages/s can be at most (requests in flight) / delay."""
    rows = [row for row in table if row.get("in_flight")]
    if not rows:
        return []
    lines = ["", "Requests in flight at the delaying server (time-weighted mean between the first "
             "request and the last answer, and peak):", "",
             "| stage | requests | mean in flight | peak | pages/s |", "|---|---|---|---|---|"]
    for row in rows:
        seen = row["in_flight"]
        lines.append(f"| {row['label']} | {seen['requests']} | {seen['mean_in_flight']} | "
                     f"{seen['peak_in_flight']} | {row['pages_per_s']} |")
    return lines


def _bytes_note(table: list[dict[str, Any]]) -> list[str]:
    by_stage = {row["stage"]: row for row in table}
    ours, floor = by_stage.get("longform"), by_stage.get("floor")
    if not ours or not floor or not floor["out_mb"]:
        return []
    return ["", f"longform crawl wrote {ours['out_mb']} MB (WARC {ours['warc_mb']}, JSONL "
            f"{ours['jsonl_mb']}, state {ours['state_mb']}) against the floor's {floor['out_mb']} MB: "
            f"{ours['out_mb'] / floor['out_mb']:.2f}x."]


def as_json(table: list[dict[str, Any]], profiles: list[Profile], meta: dict[str, Any],
            detail: dict[str, Any] | None = None, found: list[targets.Verdict] | None = None
            ) -> dict[str, Any]:
    return {"meta": meta, "stages": table, "bytes": detail or {},
            "targets": [{**vars(v), "met": v.met} for v in found or []], "profiles": [
        {"command": p.command, "pages": p.pages, "seconds": p.seconds,
         "ours": [vars(h) for h in p.ours], "own": [vars(h) for h in p.own]} for p in profiles]}
