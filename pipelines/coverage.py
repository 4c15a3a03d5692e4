"""Field coverage: the share of a run's records with each field filled, judged against thresholds.

Pure counting, shared by the crawl (`pipelines.coverage_monitor`, a Scrapy extension) and by
`longform replay`. What is counted is the record as written, after normalization: `published`,
not `published_raw`, so a date printed but unreadable counts as missing. A field is filled when it
holds a non-blank string or a non-empty list. Each record counts once per run, whether this run
appended it (new, changed) or found it as already written (unchanged); in-run duplicates (an
article shown again on its comment pages) do not count again.

A record type with fewer than `min_records` records in the run is reported but not judged: five
comments of one busy thread say little about a theme, and an incremental run that fetched nothing
new must not fail for it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from typing import Any

from scrapers.items import Article, Comment
from scrapers.profile import Coverage, SiteProfile

FIELDS: dict[str, tuple[str, ...]] = {
    "articles": ("title", "authors", "published", "text"),
    "comments": ("author", "published", "text"),
}
"""The fields judged, per record type (the names used in reports and in `[coverage.<type>]`)."""

_EXTRACT = "check a page with `longform extract PAGE.html --url URL`"
_THEME = "open an issue naming the theme, or lower"
HINTS: dict[str, str] = {
    "articles.title": f"set [selectors] title in the site profile ({_EXTRACT})",
    "articles.authors": f"set [selectors] byline in the site profile ({_EXTRACT}), "
                        "or [coverage.articles] authors = 0 if the site prints no bylines",
    "articles.published": f"the theme's date markup is not read ({_EXTRACT}); "
                          f"{_THEME} [coverage.articles] published",
    "articles.text": f"set [selectors] body in the site profile ({_EXTRACT})",
    **{f"comments.{field}": f"the theme prints comment {what} in markup the extractor does not "
                            f"read ({_EXTRACT}); {_THEME} [coverage.comments] {field}"
       for field, what in (("author", "authors"), ("published", "dates"), ("text", "texts"))},
}
"""What to do about a field under its threshold, for the stderr line."""


def filled(value: Any) -> bool:
    """Whether a record field holds something.

    >>> [filled(v) for v in (None, "", "  ", [], [""], "x", ["Ann"])]
    [False, False, False, False, False, True, True]
    """
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple):
        return any(filled(part) for part in value)
    return True


class CoverageCounter:
    """Records seen and fields filled, per record type."""

    def __init__(self) -> None:
        self.records: Counter[str] = Counter()
        self.filled: Counter[str] = Counter()
        """'articles.title' -> records with it filled."""

    def count(self, record: Article | Comment) -> None:
        """Count one normalized record (each record once per run)."""
        kind = "articles" if isinstance(record, Article) else "comments"
        self.count_filled(kind, [name for name in FIELDS[kind] if filled(getattr(record, name))])

    def count_filled(self, kind: str, names: Iterable[str]) -> None:
        """Count one record of `kind` that fills the fields `names` (worked out elsewhere: replay's
        workers send these, not the record)."""
        self.records[kind] += 1
        for name in names:
            self.filled[f"{kind}.{name}"] += 1


class CoverageBySite:
    """Replay: a counter per site profile, each judged by its profile's thresholds (the WARCs of
    a data folder may hold several sites)."""

    def __init__(self) -> None:
        self.sites: dict[str, tuple[Coverage, CoverageCounter]] = {}

    def count(self, record: Article | Comment, profile: SiteProfile | None) -> None:
        """Count one normalized record of the site `profile` describes (None: no profile)."""
        self._counter(profile).count(record)

    def count_filled(self, kind: str, names: Iterable[str], profile: SiteProfile | None) -> None:
        """`CoverageCounter.count_filled` for the site `profile` describes."""
        self._counter(profile).count_filled(kind, names)

    def _counter(self, profile: SiteProfile | None) -> CoverageCounter:
        name = profile.name if profile is not None else ""
        if name not in self.sites:
            self.sites[name] = (profile.coverage if profile is not None else Coverage(), CoverageCounter())
        return self.sites[name][1]

    def judge(self) -> dict[str, dict[str, Any]]:
        """Site name ('' without a profile) -> its coverage section."""
        return {name: judge(counter, thresholds) for name, (thresholds, counter) in self.sites.items()}


def judge(counter: CoverageCounter, thresholds: Coverage) -> dict[str, Any]:
    """The coverage section of a report (plain JSON values; crawl-report.schema.json)."""
    section: dict[str, Any] = {"min_records": thresholds.min_records}
    below: list[str] = []
    for kind, names in FIELDS.items():
        records = counter.records[kind]
        judged = records >= max(thresholds.min_records, 1)
        fields: dict[str, Any] = {}
        for name in names:
            count = counter.filled[f"{kind}.{name}"]
            threshold = float(getattr(getattr(thresholds, kind), name))
            # Compared exactly, not on the rounded percentage.
            is_below = judged and count * 100 < threshold * records
            fields[name] = {"filled": count, "percent": percent(count, records),
                            "threshold": threshold, "below_threshold": is_below}
            if is_below:
                below.append(f"{kind}.{name}")
        section[kind] = {"records": records, "judged": judged, "fields": fields}
    section["below_threshold"] = below
    return section


def percent(part: int, whole: int) -> float | None:
    """`part` of `whole` in percent, rounded down to 0.1 (so 94.96% never shows as 95.0%).

    >>> percent(2, 3), percent(0, 5), percent(1, 0)
    (66.6, 0.0, None)
    """
    return math.floor(part * 1000 / whole) / 10 if whole else None


def problems(section: dict[str, Any]) -> list[str]:
    """One line per field under its threshold: which, the rate, the threshold, what to do."""
    lines = []
    for name in section["below_threshold"]:
        kind, field = name.split(".")
        entry, records = section[kind]["fields"][field], section[kind]["records"]
        lines.append(
            f"coverage: {name} is filled in {entry['filled']} of {records} {kind} "
            f"({entry['percent']:.1f}%), under its {entry['threshold']:g}% threshold: {HINTS[name]}"
        )
    return lines


def below_line(section: dict[str, Any]) -> str:
    """The fields under their thresholds, in one line: `comments.author 0.0% < 95%, ...`."""
    parts = []
    for name in section["below_threshold"]:
        kind, field = name.split(".")
        entry = section[kind]["fields"][field]
        parts.append(f"{name} {entry['percent']:.1f}% < {entry['threshold']:g}%")
    return ", ".join(parts)


def notes(section: dict[str, Any]) -> list[str]:
    """One line per record type too small to judge."""
    return [
        f"coverage: {section[kind]['records']} {kind} in this run, fewer than "
        f"{section['min_records']}: {kind} coverage not judged"
        for kind in FIELDS if not section[kind]["judged"]
    ]


def rate_lines(section: dict[str, Any]) -> list[str]:
    """The rates per record type, for a summary: `articles (56): title 100.0%, ...`."""
    lines = []
    for kind in FIELDS:
        entry = section[kind]
        rates = ", ".join(
            f"{name} {_rate(value)}" + (f" (< {value['threshold']:g}%)" if value["below_threshold"] else "")
            for name, value in entry["fields"].items()
        )
        judged = "" if entry["judged"] else "; not judged"
        lines.append(f"{kind} ({entry['records']}{judged}): {rates}")
    return lines


def _rate(value: dict[str, Any]) -> str:
    return "-" if value["percent"] is None else f"{value['percent']:.1f}%"
