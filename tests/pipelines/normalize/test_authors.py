"""normalize.comment_author: the name printed beside a comment -> plain-text display name."""

from __future__ import annotations

from typing import Any

import pytest

from pipelines import normalize

CASES = [
    # WordPress "<cite class=fn>Name</cite> <span class=says>says:</span>" and translations
    ("Jasmin says:", "Jasmin"),
    ("John Smith said:", "John Smith"),
    ("John Smith Says:", "John Smith"),
    ("Michael Blahm sagt:", "Michael Blahm"),  # de.creativecommons.org
    ("GoldKind sagt:", "GoldKind"),
    ("B.A. sagt:", "B.A."),  # meedia.de
    ("Max Mustermann schreibt:", "Max Mustermann"),
    ("Jean Dupont dit :", "Jean Dupont"),
    ("Jean Dupont a dit :", "Jean Dupont"),
    ("Jean Dupont a écrit :", "Jean Dupont"),
    ("María López dice:", "María López"),
    ("María López escribió:", "María López"),
    ("Klaus-Peter Baumgardt sagt: 7. Dez 2018 um 13:22 Uhr", "Klaus-Peter Baumgardt"),
    ("Jasmin\u00a0says:", "Jasmin"),
    # names as printed
    ("Dirk Wouters", "Dirk Wouters"),
    ("Dirk&nbsp;Wouters", "Dirk Wouters"),
    ("  Ameise \n", "Ameise"),  # iloveponysmag.com
    ("es_mina", "es_mina"),
    ("miras_world_com", "miras_world_com"),
    ("Titus von Unhold", "Titus von Unhold"),
    ("Ritchie Pettauer | datenschmutz.net", "Ritchie Pettauer | datenschmutz.net"),
    # wptexturize undone: the name as the commenter typed it and WordPress stores it
    ("O&#8217;Neill says:", "O'Neill"),
    ("Marcus &#8220;Doc&#8221; Ellery", 'Marcus "Doc" Ellery'),
    ("Marcus «&nbsp;Doc&nbsp;» Ellery dit :", 'Marcus "Doc" Ellery'),  # French language pack
    ("Marcus „Doc“ Ellery sagt:", 'Marcus "Doc" Ellery'),  # German language pack
    ("&#8211;", "-"),
    ("Jean &#8212; Paul", "Jean -- Paul"),
    ("Anne&#8211;Marie", "Anne–Marie"),  # inside a word: typed so, or "--"; left as printed
    ("Jose\u0301 says:", "José"),
    ("\uff2a\uff4f\uff48\uff4e", "John"),
    ("BILL ROGGIO", "BILL ROGGIO"),
    ("Anonymous", "Anonymous"),
    ("Simon Says", "Simon Says"),  # no colon: part of the name
    # plain text out: markup in a name stays text
    ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),
    ("<script>", "<script>"),
    ("<b>Bob</b> says:", "<b>Bob</b>"),
    # nothing left
    ("says:", None),
    ("sagt:", None),
    ("", None),
    ("   ", None),
    ("&nbsp;", None),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_comment_author(raw: str, expected: str | None) -> None:
    assert normalize.comment_author(raw) == expected


@pytest.mark.parametrize("raw", [None, 42, ["Jasmin"], b"Jasmin", object()])
def test_comment_author_never_raises_on_non_strings(raw: Any) -> None:
    assert normalize.comment_author(raw) is None
