"""The probe's printed comment snippets and the note when no article is found."""

from __future__ import annotations

import pytest

from spiders import sites
from spiders.probe_report import SNIPPET, snippet


def test_a_short_text_is_shown_whole() -> None:
    assert snippet("A short comment.") == "A short comment."
    assert snippet("x" * SNIPPET) == "x" * SNIPPET


@pytest.mark.parametrize("text", [
    "Thanks for the thorough piece; this is the kind of careful reporting. More of it, please, and soon.",
    "word " * 40,
    "a" * 100,
    ("Careful reporting," + " ") * 10,
])
def test_a_long_text_is_cut_at_a_word_end_with_three_dots(text: str) -> None:
    cut = snippet(text)
    assert len(cut) <= SNIPPET and cut.endswith("...")
    head = cut.removesuffix("...")
    assert not head.endswith((".", ",", " ", ";"))  # no 'reporting....' nor 'reporting,...'
    assert text.startswith(head)
    if " " in text[:SNIPPET - 3]:  # a word is never cut in two
        assert not text[len(head):][:1].isalnum()


def test_a_cut_never_makes_four_dots() -> None:
    text = "x" * (SNIPPET - 14) + " reporting. And then some more words follow here."
    assert "...." not in snippet(text)
    assert snippet(text).endswith("reporting...")


def test_with_no_article_the_note_asks_for_an_article_url_to_probe() -> None:
    from spiders.probe import Probe, _sample
    from spiders.probe_fetch import PoliteFetcher

    found = Probe(profile=sites.profile_for_url("http://127.0.0.1:9/"))
    _sample(found, [], PoliteFetcher(delay=0))  # no candidate: nothing fetched
    assert found.notes == ["no article found to extract: give an article URL to `longform probe`"]
