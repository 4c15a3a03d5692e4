"""Shared text cleanup for every normalizer: entities, Unicode form, invisible marks, whitespace.

Written once so that bylines, dates, tags and comment authors are cleaned identically; a name
that reaches the dataset through two fields must compare equal in both.
"""

from __future__ import annotations

import re
import unicodedata

from w3lib.html import replace_entities

# Invisible marks that themes and CMS editors leave inside names and dates: soft hyphen,
# zero-width space, LTR/RTL marks, bidi embeddings and isolates, word joiner, BOM, and C0/C1
# controls. ZWJ/ZWNJ (U+200C, U+200D) stay: they are meaningful inside emoji and some scripts.
INVISIBLE_RE = re.compile(
    "[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u200b\u200e\u200f"
    "\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)


def clean(raw: object) -> str:
    """Decode HTML entities, apply NFKC, drop invisible marks and collapse whitespace.

    Anything that is not a ``str`` gives ``""`` so callers never have to type-check first.
    Entities are decoded once: ``&amp;lt;`` is the literal text ``&lt;``, as the page showed it.

    >>> clean("  Bill&nbsp;Roggio\\n\\t ")
    'Bill Roggio'
    >>> clean("O&#8217;Neill")
    'O’Neill'
    >>> clean("Thomas\\u00a0Jos\\u00adcelyn\\u200b")
    'Thomas Joscelyn'
    >>> clean("&lt;script&gt;")
    '<script>'
    >>> clean(None), clean(42)
    ('', '')
    """
    if not isinstance(raw, str) or not raw:
        return ""
    text = raw
    if "&" in text:
        # remove_illegal=False: an unknown "&word;" is text the author typed; keep it.
        text = replace_entities(text, remove_illegal=False)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    if not text.isprintable():  # cheap test first: most strings hold no invisible mark
        text = INVISIBLE_RE.sub("", text)
    # str.split() splits on every Unicode whitespace run (NBSP too) and drops the ends.
    return " ".join(text.split())
