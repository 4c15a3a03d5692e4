"""Generic extraction on 65 real non-WordPress pages, held to what trafilatura and htmldate reach there.

The pages and their gold values come from trafilatura's and htmldate's own test fixtures and
evaluation data (tests/data/generic-corpus/README.md); the scoring is bench/generic_corpus.py, the
same code that prints the table in docs/extraction.md. trafilatura and htmldate are not run here (it
would double the test's time): their scores on this corpus, measured with trafilatura 2.3.1 and
htmldate 1.11.0 by `bench/generic_corpus_bench.py`, are the constants below.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

TRAFILATURA_BODY_F1 = 0.947
"""trafilatura's body snippet F1 on the corpus (bare_extraction, defaults + metadata)."""
HTMLDATE_DAYS_RIGHT = 26
"""Publication days htmldate gets right out of the 28 with gold (find_date, original_date=True)."""
MARGIN = 0.01


def _corpus_module() -> Any:
    # By path: bench/ is not a package, and pytest runs with --import-mode=importlib.
    spec = importlib.util.spec_from_file_location("generic_corpus", ROOT / "bench" / "generic_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


corpus = _corpus_module()


@cache
def _ours() -> Any:
    return corpus.score(corpus.ours, corpus.load_pages())


def test_corpus_is_the_documented_one() -> None:
    pages = corpus.load_pages()
    assert len(pages) == 65
    assert sum(not p.article for p in pages) == 6
    assert sum(p.published is not None for p in pages) == 28
    assert sum(bool(p.body_with) for p in pages) == 32


def test_body_text_is_as_good_as_trafilaturas() -> None:
    score = _ours()
    assert score.f1 >= TRAFILATURA_BODY_F1 - MARGIN, score.misses
    assert score.recall >= 0.9 and score.precision >= 0.9


def test_no_article_page_comes_out_empty() -> None:
    assert _ours().empty == 0


def test_article_pages_are_recognised_and_listings_are_not() -> None:
    score = _ours()
    assert score.recognised / score.pages >= 0.95, score.misses
    assert score.false_articles == 0, score.misses


def test_publication_days_are_as_good_as_htmldates() -> None:
    score = _ours()
    assert score.dates_total == 28
    assert score.dates_right >= HTMLDATE_DAYS_RIGHT - 1, score.misses
