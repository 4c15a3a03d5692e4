"""Normalize an article's tags: one clean label per tag, first spelling kept, order kept."""

from __future__ import annotations

import re

from pipelines.normalize.text import clean

# The label some themes print before the list: "Tags: a, b", "Schlagworte: a, b".
LABEL_RE = re.compile(
    r"^(?:tags?|tagged(?:\s+with)?|tagged\s+as|keywords|topics|filed\s+under|schlagw(?:orte|örter)"
    r"|stichw(?:orte|örter)|themen|étiquettes|mots[-\s]clés|etiquetas|palabras\s+clave|temas)"
    r"\s*:\s*",
    re.IGNORECASE,
)


def tags(raw: str | list[str]) -> list[str]:
    """Return the tags from a list of labels or a comma-separated string.

    Items of a list are not split further: a list is the site's own division, and a tag may
    hold a comma ("Washington, D.C."). Duplicates go case-insensitively; the first wins.

    >>> tags("Iraq, Syria,  , iraq, Islamic&nbsp;State")
    ['Iraq', 'Syria', 'Islamic State']
    >>> tags(["Al Qaeda", "AQAP", "al qaeda", ""])
    ['Al Qaeda', 'AQAP']
    >>> tags("Tags: Barbour, Barbour Coastal")
    ['Barbour', 'Barbour Coastal']
    >>> tags(None), tags(42)
    ([], [])
    """
    if isinstance(raw, str):
        labels = LABEL_RE.sub("", raw.strip(), count=1).split(",")
    elif isinstance(raw, list | tuple):
        labels = [label for label in raw if isinstance(label, str)]
    else:
        return []
    unique: dict[str, str] = {}
    for label in labels:
        text = clean(label)
        if text:
            unique.setdefault(text.casefold(), text)
    return list(unique.values())
