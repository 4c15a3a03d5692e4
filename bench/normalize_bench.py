"""Time the normalizer chain on one realistic article and its 10 reader comments.

Run: .venv/bin/python bench/normalize_bench.py

Prints microseconds per article for two shapes of input, because the cost is in the dates:
- "printed": the comment dates as themes print them ("October 3, 2023 at 2:05 pm", German
  "3. Oktober 2023 um 14:05 Uhr"), the slow path through dateutil;
- "machine": every date from a datetime attribute, JSON-LD or a feed (ISO 8601 / RFC 2822).
Not a unit test: timings depend on the machine.
"""

from __future__ import annotations

import sys
import timeit
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipelines import normalize  # noqa: E402

NOW = "2023-10-05T09:00:00Z"
ARTICLE: dict[str, Any] = {
    "byline_raw": "By Bill Roggio and Caleb Weiss | October 3, 2023 | FDD's Long War Journal",
    "published_raw": "2023-10-03T14:05:00-04:00",
    "modified_raw": "2023-10-04T08:30:12+00:00",
    "tags_raw": ["Al Qaeda", "Islamic State", "Syria", "Iraq", "al Qaeda", "Hay'at Tahrir al-Sham"],
    "categories_raw": "Analysis, Middle East",
}
AUTHORS = ["Michael Blahm sagt:", "Jasmin says:", "Dirk&nbsp;Wouters", "GoldKind dit :", "Ben"]
PRINTED_DATES = [
    "October 3, 2023 at 2:05 pm",
    "3. Oktober 2023 um 14:05 Uhr",
    "Oct. 3, 2023 @ 9:05 pm",
    "3 octobre 2023 à 14 h 05",
    "Tuesday, October 3, 2023 1:30 PM EDT",
]
MACHINE_DATES = ["2023-10-03T18:05:00+00:00", "Tue, 03 Oct 2023 18:05:00 +0000", "1696356300"]


def normalize_article(comment_dates: list[str]) -> None:
    """Every normalizer call the record chain makes for one article and 10 comments."""
    normalize.byline(ARTICLE["byline_raw"])
    normalize.date(ARTICLE["published_raw"], tz="America/New_York", now=NOW)
    normalize.date(ARTICLE["modified_raw"], tz="America/New_York", now=NOW)
    normalize.tags(ARTICLE["tags_raw"])
    normalize.tags(ARTICLE["categories_raw"])
    for i in range(10):
        normalize.comment_author(AUTHORS[i % len(AUTHORS)])
        normalize.date(comment_dates[i % len(comment_dates)], tz="America/New_York", now=NOW)


def main() -> None:
    for label, dates in (("printed", PRINTED_DATES), ("machine", MACHINE_DATES)):
        normalize_article(dates)  # warm-up: regex compilation, zoneinfo and dateparser caches
        best = min(timeit.repeat(lambda d=dates: normalize_article(d), number=200, repeat=5))
        print(f"{label:8} comment dates: {best / 200 * 1e6:7.1f} µs per article (+10 comments)")


if __name__ == "__main__":
    main()
