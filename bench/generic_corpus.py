"""Score article extractors on the corpus of real non-WordPress pages (tests/data/generic-corpus/).

Shared by the bench script (`bench/generic_corpus_bench.py`, the side-by-side table) and the test
(`tests/scrapers/test_generic_corpus.py`, thresholds). Three extractors read the same bytes:

- `ours`: the router's page object, as `longform extract` / `replay` pick it, and the router's
  article test (`is_article_page`) as `replay` applies it;
- `trafilatura`: `bare_extraction(..., with_metadata=True)`;
- `htmldate`: `find_date(..., original_date=True)` (dates only).

Gold comes from the sources' own evaluation data (see the corpus README), never from an extractor:
body snippets that must / must not be in the text (trafilatura's evaluation), publication days
(htmldate's evaluation). A field without gold on a page is left out of that page's scoring.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipelines import normalize  # noqa: E402
from scrapers.http import HttpResponse  # noqa: E402
from scrapers.router import is_article_page, page_object_for  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "generic-corpus"
TZ = "Europe/Berlin"  # most pages are German, Austrian, Swiss or French


@dataclass(frozen=True)
class Page:
    """One corpus page and its gold values (None / empty where the source states none)."""

    name: str
    url: str
    body: bytes
    published: str | None
    body_with: tuple[str, ...]
    body_without: tuple[str, ...]
    article: bool = True
    """False for the few listing / home pages kept to check that they are not taken as articles."""


@dataclass
class Extracted:
    """What one extractor returned for one page (None where it offers no such field)."""

    recognised: bool | None
    text: str | None
    published: str | None
    seconds: float


@dataclass
class Score:
    """Totals for one extractor over the corpus."""

    pages: int = 0
    recognised: int = 0
    non_articles: int = 0
    false_articles: int = 0
    empty: int = 0
    seconds: float = 0.0
    with_found: int = 0
    with_total: int = 0
    without_found: int = 0
    without_total: int = 0
    dates_right: int = 0
    dates_total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Trafilatura's snippet precision: wanted snippets / (wanted + unwanted snippets) found."""
        found = self.with_found + self.without_found
        return self.with_found / found if found else 0.0

    @property
    def recall(self) -> float:
        """Share of the wanted snippets found in the text."""
        return self.with_found / self.with_total if self.with_total else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.dates_right / self.dates_total if self.dates_total else 0.0

    @property
    def ms_per_page(self) -> float:
        pages = self.pages + self.non_articles
        return 1000 * self.seconds / pages if pages else 0.0


def load_pages(corpus: Path = CORPUS) -> list[Page]:
    """The corpus pages in gold.json order."""
    gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    return [Page(name=Path(entry["file"]).name.removesuffix(".gz"), url=entry["url"],
                 body=gzip.decompress((corpus / entry["file"]).read_bytes()),
                 published=entry.get("published"),
                 body_with=tuple(entry.get("body_with", ())),
                 body_without=tuple(entry.get("body_without", ())),
                 article=entry.get("article", True))
            for entry in gold["pages"]]


def response_of(page: Page) -> HttpResponse:
    return HttpResponse(url=page.url, status=200, body=page.body,
                        headers=(("Content-Type", "text/html"),))


def ours(page: Page) -> Extracted:
    """Our router + page object, the way `replay` runs them (the article test included)."""
    start = time.perf_counter()
    response = response_of(page)
    recognised = is_article_page(response)
    article = page_object_for(response, None)(response, None).to_item().article
    seconds = time.perf_counter() - start
    published = normalize.date(article.published_raw, tz=TZ) if article.published_raw else None
    return Extracted(recognised, article.text, local_day(published), seconds)


def local_day(normalized: str | None) -> str | None:
    """The day of a normalized date in the pages' zone: gold days are the days the pages print,
    while the pipeline writes instants in UTC ('2017-08-31T22:00:00Z' is 1 September in Paris)."""
    if normalized is None or len(normalized) == 10:
        return normalized
    instant = datetime.fromisoformat(normalized.replace("Z", "+00:00"))
    return instant.astimezone(ZoneInfo(TZ)).date().isoformat()


def trafilatura_(page: Page) -> Extracted:
    import trafilatura

    start = time.perf_counter()
    document = trafilatura.bare_extraction(page.body, url=page.url, with_metadata=True)
    seconds = time.perf_counter() - start
    text = getattr(document, "text", None) or ""
    return Extracted(bool(text), text, getattr(document, "date", None), seconds)


def htmldate_(page: Page) -> Extracted:
    from htmldate import find_date

    start = time.perf_counter()
    found = find_date(page.body, url=page.url, original_date=True)
    return Extracted(None, None, found, time.perf_counter() - start)


EXTRACTORS: dict[str, Callable[[Page], Extracted]] = {
    "ours": ours, "trafilatura": trafilatura_, "htmldate": htmldate_,
}


def ms_per_page(extract: Callable[[Page], Extracted], pages: list[Page], repeat: int = 3) -> float:
    """Mean over pages of the fastest of `repeat` runs: on a shared machine the minimum is the
    cost, the rest is other processes' noise."""
    best = [min(extract(page).seconds for _ in range(repeat)) for page in pages]
    return 1000 * sum(best) / len(best)


def _norm(text: str) -> str:
    """Compare text as a reader sees it: NFC, whitespace collapsed, typographic quotes kept."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def score(extract: Callable[[Page], Extracted], pages: Iterable[Page]) -> Score:
    """Run `extract` on every page and add up the scores against the gold."""
    total = Score()
    for page in pages:
        got = extract(page)
        total.seconds += got.seconds
        if not page.article:
            total.non_articles += 1
            total.false_articles += bool(got.recognised)
            if got.recognised:
                total.misses.append(f"{page.name}: taken as an article")
            continue
        total.pages += 1
        total.recognised += bool(got.recognised)
        if got.recognised is False:
            total.misses.append(f"{page.name}: not taken as an article")
        if got.text is not None:
            text = _norm(got.text)
            total.empty += not text
            found_with = [s for s in page.body_with if _norm(s) in text]
            found_without = [s for s in page.body_without if _norm(s).strip() and _norm(s) in text]
            total.with_found += len(found_with)
            total.with_total += len(page.body_with)
            total.without_found += len(found_without)
            total.without_total += len(page.body_without)
        if page.published:
            total.dates_total += 1
            right = (got.published or "")[:10] == page.published
            total.dates_right += right
            if not right:
                total.misses.append(f"{page.name}: date {got.published} != {page.published}")
    return total


def table(scores: dict[str, Score]) -> str:
    """The side-by-side Markdown table of docs/extraction.md."""
    rows = [
        ("article pages", lambda s: str(s.pages)),
        ("recognised as article", lambda s: f"{s.recognised / s.pages:.0%}" if s.pages else "-"),
        ("non-articles taken as article", lambda s: f"{s.false_articles}/{s.non_articles}"),
        ("empty text", lambda s: f"{s.empty / s.pages:.0%}"),
        ("body snippet precision", lambda s: f"{s.precision:.3f}"),
        ("body snippet recall", lambda s: f"{s.recall:.3f}"),
        ("body snippet F1", lambda s: f"{s.f1:.3f}"),
        ("published day accuracy", lambda s: f"{s.date_accuracy:.0%} ({s.dates_right}/{s.dates_total})"),
        ("ms per page", lambda s: f"{s.ms_per_page:.1f}"),
    ]
    names = list(scores)
    lines = ["| | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(_cell(scores[n], cell, label) for n in names) + " |")
    return "\n".join(lines)


def _cell(score_: Score, cell: Callable[[Score], str], label: str) -> str:
    if score_.with_total == 0 and label.startswith("body"):
        return "-"
    if score_.with_total == 0 and label in ("recognised as article", "empty text",
                                            "non-articles taken as article"):
        return "-"
    return cell(score_)


def summary(scores: dict[str, Score]) -> dict[str, Any]:
    """Numbers for tests and JSON output."""
    return {name: {"recognised": s.recognised / s.pages, "empty": s.empty / s.pages,
                   "false_articles": s.false_articles,
                   "f1": s.f1, "precision": s.precision, "recall": s.recall,
                   "dates": s.date_accuracy, "ms": s.ms_per_page} for name, s in scores.items()}
