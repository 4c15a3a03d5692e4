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
# WordPress's wptexturize, which block themes run over the whole page, prints what the commenter
# typed with typographic quotes, primes and ellipses, and a dash standing alone as an en dash
# ("-" -> "–", " -- " -> " — "). The database, the export and the REST API keep the typed form;
# `author` is that form (so one commenter is one name whatever the theme), `author_raw` the printed.
TYPOGRAPHIC = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"',
                             "″": '"', "…": "..."})
LONE_EN_DASH_RE = re.compile(r"(?<!\S)–(?!\S)")
LONE_EM_DASH_RE = re.compile(r"(?<!\S)—(?!\S)")
# French packs translate the curly quotes as guillemets with a no-break space inside: « Doc ».
GUILLEMETS_RE = re.compile(r"[«‹]\s*|\s*[»›]")
TIMES_RE = re.compile(r"(?<=\d)×(?=\d)")


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
    >>> comment_author("Marcus &#8220;Doc&#8221; Ellery"), comment_author("&#8211;")
    ('Marcus "Doc" Ellery', '-')
    """
    text = clean(raw)
    if ":" in text:
        text = TRAILER_RE.sub("", f" {text}").strip()
    return untexturize(text) or None


def untexturize(text: str) -> str:
    """Undo what wptexturize does to a short text such as a name (see TYPOGRAPHIC).

    Dashes inside a word stay: "a–b" may be typed so or come from "a--b".

    >>> untexturize("Frances O’Brien – ‘Fran’…")
    "Frances O'Brien - 'Fran'..."
    >>> untexturize("Marcus «\u00a0Doc\u00a0» Ellery")
    'Marcus "Doc" Ellery'
    >>> untexturize("Jean-Paul — 2×4 Łódź")
    'Jean-Paul -- 2x4 Łódź'
    """
    if text.isascii():
        return text
    text = text.replace("′′", '"').translate(TYPOGRAPHIC)  # NFKC (text.clean) splits ″ in two
    if "«" in text or "‹" in text:
        text = GUILLEMETS_RE.sub(lambda m: '"' if m[0].strip() in "«»" else "'", text)
    if "–" in text:
        text = LONE_EN_DASH_RE.sub("-", text)
    if "—" in text:
        text = LONE_EM_DASH_RE.sub("--", text)
    return TIMES_RE.sub("x", text) if "×" in text else text
