"""Fuzzing the normalizers: any text (and date-like text assembled from real formats' parts) never
raises, never hangs, and gives values in the published formats. Profiles: tests/conftest.py."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines import normalize
from pipelines.normalize.text import clean

Bound = Callable[[], AbstractContextManager[None]]

PUBLISHED = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?")
"""The published date format (DESIGN.md "Records"): a day, or a UTC instant to the second."""
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe",
         "", "Not/AZone", "../../etc/passwd", "EST5EDT"]
MONTHS = ["January", "Sept.", "oct", "Oktober", "März", "mars", "décembre", "diciembre", "Mai", "Juni"]
WORDS = ["Posted on", "um", "at", "Uhr", "de", "ago", "days", "hours", "minutes", "yesterday", "am",
         "pm", "a.m.", "GMT", "CET", "EST", "+02:00", "Z", "T", ",", ".", "/", "-", "|", "&nbsp;",
         "&#8217;", "\u200b", "\u00ad", "\ufeff"]

# Text that is mostly date parts, so the parsers' deep branches run, not only the "no date" exit.
date_like = st.lists(
    st.one_of(st.integers(-5, 99999).map(str), st.sampled_from(MONTHS), st.sampled_from(WORDS),
              st.text(max_size=4)),
    max_size=12,
).map(" ".join)
any_text = st.one_of(st.text(max_size=200), date_like, st.binary(max_size=100).map(
    lambda b: b.decode("latin-1")))
moments = st.one_of(st.none(), st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
                    st.datetimes(timezones=st.just(UTC)), st.text(max_size=30))


def _is_published_format(value: str) -> bool:
    if not PUBLISHED.fullmatch(value):
        return False
    date.fromisoformat(value[:10])  # a real calendar day (raises otherwise)
    if len(value) > 10:
        datetime.fromisoformat(value[:-1])
    return True


def test_dates_are_none_or_in_the_published_format(time_bound: Bound, fuzz_scale: int) -> None:
    @settings(max_examples=1200 * fuzz_scale)
    @given(raw=any_text, tz=st.sampled_from(ZONES), now=moments)
    def case(raw: str, tz: str, now: datetime | str | None) -> None:
        with time_bound():
            value = normalize.date(raw, tz=tz, now=now)
        assert value is None or _is_published_format(value), (raw, value)

    case()


def test_bylines_tags_and_authors_are_clean_lists_and_names(time_bound: Bound, fuzz_scale: int) -> None:
    @settings(max_examples=600 * fuzz_scale)
    @given(raw=any_text, labels=st.lists(any_text, max_size=6))
    def case(raw: str, labels: list[str]) -> None:
        with time_bound():
            authors = normalize.byline(raw)
            from_text, from_list = normalize.tags(raw), normalize.tags(labels)
            author = normalize.comment_author(raw)
        for name in [*authors, *from_text, *from_list]:
            assert isinstance(name, str) and name and name == clean(name), (raw, name)
        for found in (authors, from_text, from_list):
            folded = [name.casefold() for name in found]
            assert len(folded) == len(set(folded)), (raw, found)  # no duplicates
        assert author is None or (author and author == clean(author)), (raw, author)

    case()


def test_clean_is_idempotent_and_never_raises(time_bound: Bound, fuzz_scale: int) -> None:
    @settings(max_examples=600 * fuzz_scale)
    @given(raw=st.one_of(any_text, st.integers(), st.none()))
    def case(raw: object) -> None:
        with time_bound():
            once = clean(raw)
        assert clean(once) == once or "&" in once  # an entity decoded once may spell another

    case()
