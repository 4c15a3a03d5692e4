"""Title and author scores of the generic-page corpus (part of `generic_corpus`).

The gold was read off each page by hand (tests/data/generic-corpus/README.md). Comparison rules:

- title: *exact* after typographic normalization (NFC, whitespace collapsed, curly/angled quotes and
  dashes folded to ASCII, a final full stop dropped); *contained*: the normalized gold title,
  case-folded, occurs in the extracted one (a kicker or site name around it is forgiven);
- authors: a page is right when the set of names equals the gold set after case folding, NFC,
  whitespace collapsing and dropping academic titles ('Dr.', 'Prof.'); a page whose gold names
  nobody is right only when the extractor names nobody. Name precision and recall count single
  names over the whole corpus.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‹": "'", "›": "'", "′": "'", "`": "'",
                         "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
                         "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " "})
_ACADEMIC = re.compile(r"^(?:(?:dr|prof|mag|dipl\.-ing)\.?\s+)+", re.IGNORECASE)


class _Page(Protocol):
    name: str
    title: str | None
    authors: tuple[str, ...] | None


class _Got(Protocol):
    title: str | None
    authors: list[str] | None


def norm_title(title: str) -> str:
    """A headline as a reader compares it: typography and a closing full stop do not count."""
    text = " ".join(unicodedata.normalize("NFC", title).translate(_QUOTES).split())
    return text.removesuffix(".").rstrip() if not text.endswith("..") else text


def norm_name(name: str) -> str:
    """An author name as a reader compares it: case, spacing and 'Dr.' do not count."""
    text = " ".join(unicodedata.normalize("NFC", name).translate(_QUOTES).split())
    return _ACADEMIC.sub("", text).casefold()


@dataclass
class MetaScore:
    """Title and author totals of one extractor."""

    scored: bool = False
    """False for extractors that offer no title or authors (htmldate)."""
    titles_total: int = 0
    titles_exact: int = 0
    titles_contained: int = 0
    authors_total: int = 0
    authors_right: int = 0
    names_found: int = 0
    names_gold: int = 0
    names_right: int = 0

    def add(self, page: _Page, got: _Got) -> list[str]:
        """Score one article page; the misses, for the bench's --misses."""
        if got.title is None and got.authors is None:
            return []
        self.scored = True
        misses = []
        if page.title is not None:
            self.titles_total += 1
            gold, title = norm_title(page.title), norm_title(got.title or "")
            self.titles_exact += title == gold
            self.titles_contained += gold.casefold() in title.casefold()
            if title != gold:
                misses.append(f"{page.name}: title {got.title!r} != {page.title!r}")
        if page.authors is not None:
            gold_names = {norm_name(n) for n in page.authors}
            names = {norm_name(n) for n in got.authors or ()}
            self.authors_total += 1
            self.authors_right += names == gold_names
            self.names_found += len(names)
            self.names_gold += len(gold_names)
            self.names_right += len(names & gold_names)
            if names != gold_names:
                misses.append(f"{page.name}: authors {sorted(names)} != {sorted(gold_names)}")
        return misses

    @property
    def title_exact(self) -> float:
        return self.titles_exact / self.titles_total if self.titles_total else 0.0

    @property
    def title_contained(self) -> float:
        return self.titles_contained / self.titles_total if self.titles_total else 0.0

    @property
    def author_accuracy(self) -> float:
        return self.authors_right / self.authors_total if self.authors_total else 0.0

    @property
    def name_precision(self) -> float:
        return self.names_right / self.names_found if self.names_found else 0.0

    @property
    def name_recall(self) -> float:
        return self.names_right / self.names_gold if self.names_gold else 0.0

    def summary(self) -> dict[str, float]:
        return {"title_exact": self.title_exact, "title_contained": self.title_contained,
                "authors": self.author_accuracy, "name_precision": self.name_precision,
                "name_recall": self.name_recall}


def _ratio(right: int, total: int) -> str:
    return f"{right / total:.0%} ({right}/{total})" if total else "-"


META_ROWS: tuple[tuple[str, Callable[[Any], str]], ...] = (
    ("title exact", lambda s: _ratio(s.meta.titles_exact, s.meta.titles_total)),
    ("title contains gold", lambda s: _ratio(s.meta.titles_contained, s.meta.titles_total)),
    ("authors exactly right", lambda s: _ratio(s.meta.authors_right, s.meta.authors_total)),
    ("author name precision", lambda s: f"{s.meta.name_precision:.3f}"),
    ("author name recall", lambda s: f"{s.meta.name_recall:.3f}"),
)
META_LABELS = frozenset(label for label, _ in META_ROWS)
