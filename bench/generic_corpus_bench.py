"""Side-by-side scores of our generic extraction, trafilatura and htmldate on the real-page corpus.

Run: .venv/bin/python bench/generic_corpus_bench.py [--misses] [--timing]

--timing adds ms per page as the fastest of 3 runs of each page (the table's own timing is one run).

Prints the Markdown table kept in docs/extraction.md (pages from tests/data/generic-corpus/, gold
from the sources' own evaluation data). Timings depend on the machine; the scores do not.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generic_corpus as corpus  # noqa: E402


def main() -> None:
    pages = corpus.load_pages()
    for page in pages[:3]:  # warm-up: imports and lazily built tables are not per-page costs
        for extract in corpus.EXTRACTORS.values():
            extract(page)
    scores = {name: corpus.score(extract, pages) for name, extract in corpus.EXTRACTORS.items()}
    print(corpus.table(scores))
    if "--timing" in sys.argv:
        for name, extract in corpus.EXTRACTORS.items():
            print(f"{name}: {corpus.ms_per_page(extract, pages):.1f} ms per page (fastest of 3)")
    if "--misses" in sys.argv:
        for name, score in scores.items():
            for miss in score.misses:
                print(f"{name}: {miss}")


if __name__ == "__main__":
    main()
