"""Normalize a comment author's display name as printed next to the comment."""

from __future__ import annotations

import re

from pipelines.normalize.text import clean

# The verb themes print after the name: WordPress "says:" / "said:", and its translations
# ("sagt:", "schreibt:", "dit :", "a écrit :", "dice:", "escribió:"), and whatever a theme
# prints after it (the date). Only with the colon: without it the word may belong to the name
# ("Simon Says").
TRAILER_RE = re.compile(
    r"\s+(?:says|said|wrote|writes|replied|replies|commented|sagt|sagte|schreibt|schrieb"
    r"|meint|meinte|antwortete|dit|a\s+dit|écrit|a\s+écrit|répond|a\s+répondu|dice|dijo"
    r"|escribe|escribió|comenta|comentó|responde|respondió)\s*:(?:\s.*)?$",
    re.IGNORECASE,
)


def comment_author(raw: str) -> str | None:
    """Return the commenter's name as plain text, or ``None`` when there is none.

    The result is text, not HTML: a name that reads ``<script>`` stays that text.

    >>> comment_author("Michael Blahm sagt:")
    'Michael Blahm'
    >>> comment_author("Jean&nbsp;Dupont dit :")
    'Jean Dupont'
    >>> comment_author("&lt;script&gt; says:")
    '<script>'
    >>> comment_author("Simon Says")
    'Simon Says'
    >>> comment_author("says:") is None, comment_author(None) is None
    (True, True)
    """
    text = clean(raw)
    if ":" in text:
        text = TRAILER_RE.sub("", f" {text}").strip()
    return text or None
