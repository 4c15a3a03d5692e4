"""normalize.tags: rel=tag links, article:tag metas, JSON-LD keywords -> clean, unique labels."""

from __future__ import annotations

from typing import Any

import pytest

from pipelines import normalize

CASES = [
    # comma-separated strings (JSON-LD "keywords", <meta name="keywords">)
    ("Iraq, Syria", ["Iraq", "Syria"]),
    ("Iraq,Syria,,  ,Yemen", ["Iraq", "Syria", "Yemen"]),
    ("Iraq, iraq, IRAQ", ["Iraq"]),
    ("Al Qaeda in the Arabian Peninsula, AQAP", ["Al Qaeda in the Arabian Peninsula", "AQAP"]),
    ("Islamic&nbsp;State, Syria", ["Islamic State", "Syria"]),
    ("Hay&#8217;at Tahrir al-Sham", ["Hay’at Tahrir al-Sham"]),
    ("Kurdistan Workers&#039; Party (PKK)", ["Kurdistan Workers' Party (PKK)"]),
    ("  Taliban  ", ["Taliban"]),
    ("Tags: Barbour, Barbour Coastal, Elbe, Helle, Outdoor, Travel",  # iloveponysmag.com
     ["Barbour", "Barbour Coastal", "Elbe", "Helle", "Outdoor", "Travel"]),
    ("Schlagworte: Christoph Vilanek, DVB-T, Freenet", ["Christoph Vilanek", "DVB-T", "Freenet"]),
    ("Étiquettes : Syrie, Irak", ["Syrie", "Irak"]),
    ("Etiquetas: Siria, Irak", ["Siria", "Irak"]),
    ("Tags:", []),
    ("\uff29\uff52\uff41\uff51, Iraq", ["Iraq"]),  # full-width duplicate
    ("Straße, STRASSE", ["Straße"]),  # case-insensitive in the Unicode sense
    ("", []),
    (" , , ", []),
    # lists (rel=tag links, article:tag): items are not split further
    (["Iraq", "Syria"], ["Iraq", "Syria"]),
    (["al Qaeda", "Al Qaeda", "AL QAEDA"], ["al Qaeda"]),
    (["Afghanistan\n", "\tPakistan "], ["Afghanistan", "Pakistan"]),
    (["Washington, D.C.", "Iraq"], ["Washington, D.C.", "Iraq"]),
    (["Islamic&nbsp;State", "Islamic State"], ["Islamic State"]),
    (["", "  ", "Yemen"], ["Yemen"]),
    (["Syria", "syria ", "SYRIA"], ["Syria"]),
    (("Iraq", "Syria"), ["Iraq", "Syria"]),
    ([None, "Iraq", 3], ["Iraq"]),
    ([], []),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_tags(raw: Any, expected: list[str]) -> None:
    assert normalize.tags(raw) == expected


@pytest.mark.parametrize("raw", [None, 42, {"Iraq"}, b"Iraq, Syria", object()])
def test_tags_never_raise_on_other_types(raw: Any) -> None:
    assert normalize.tags(raw) == []
