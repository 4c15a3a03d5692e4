"""Issue 15's targets, each judged from one run's table: met, or missed by how much.

A target whose stages did not run in this invocation is left out (the latency target needs
`--delay-ms`; the growth of peak RSS from 1k to 50k articles needs two runs:
`bench/speed/memory_growth.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Verdict:
    """One target: what was measured against what is asked, and whether it holds."""

    target: str
    measured: float
    goal: float
    higher_is_better: bool
    unit: str = "x"

    @property
    def met(self) -> bool:
        return self.measured >= self.goal if self.higher_is_better else self.measured <= self.goal

    @property
    def line(self) -> str:
        sign = ">=" if self.higher_is_better else "<="
        if self.met:
            verdict = "met"
        else:
            gap = (self.goal / self.measured if self.higher_is_better else self.measured / self.goal)
            verdict = f"missed by {gap:.2f}x" if self.measured else "missed"
        return (f"| {self.target} | {self.measured:g}{self.unit} | {sign} {self.goal:g}{self.unit} "
                f"| {verdict} |")


def verdicts(table: list[dict[str, Any]], delay_ms: float, processes: dict[str, int]) -> list[Verdict]:
    """Every target this run's stages can judge; `processes`: how many `longform crawl` (itself
    and its extraction workers) and `longform replay` (its pool, or 1) ran in."""
    row = {r["stage"]: r for r in table}
    out: list[Verdict] = []

    def rate(name: str) -> float:
        return float(row[name]["pages_per_s"]) if name in row else 0.0

    if delay_ms and {"longform", "wget"} <= row.keys():
        out.append(Verdict(f"crawl pages/s over wget's, {delay_ms:g} ms latency",
                           round(rate("longform") / rate("wget"), 2), 5.0, True))
    elif {"longform", "bare"} <= row.keys():
        out.append(Verdict("crawl pages/s over bare Scrapy's", row["longform"]["ratio"], 0.7, True))
    if not delay_ms and processes["crawl"] == 1 and {"longform", "floor"} <= row.keys():
        out.append(Verdict("crawl pages/s over the floor's (one process)",
                           round(rate("longform") / rate("floor"), 2), 0.85, True))
    if {"replay", "warcio"} <= row.keys():
        pooled = processes["replay"] > 1
        out.append(Verdict("replay records/s over the replay floor's"
                           + ("" if pooled else " (one process)"),
                           row["replay"]["ratio"], 1.0 if pooled else 0.6, True))
    if {"longform", "floor"} <= row.keys() and row["floor"]["out_mb"]:
        out.append(Verdict("output bytes over the floor's",
                           round(row["longform"]["out_mb"] / row["floor"]["out_mb"], 2), 1.1, False))
        out.append(Verdict("peak RSS over the floor's",
                           round(row["longform"]["peak_rss_mb"] - row["floor"]["peak_rss_mb"], 1),
                           50.0, False, " MB"))
    return out


def render(found: list[Verdict]) -> list[str]:
    if not found:
        return []
    return ["", "Issue 15's targets, this run:", "", "| target | measured | goal | verdict |",
            "|---|---|---|---|", *(v.line for v in found)]
