"""Normalize a printed byline to the list of author names it credits, in order.

Themes wrap the names in lead-ins ("By", "Par", "Von"), dates, roles, site names and social
handles; researchers need just the names, spelled the same way on every page.
"""

from __future__ import annotations

import re

from pipelines.normalize.dates import MONTH_NAMES, WEEKDAY_NAMES
from pipelines.normalize.text import clean

_LEAD_WORDS = (
    r"(?:(?:posted|written|published|reported|edited|compiled|story|text|words|photos?"
    r"|analysis|commentary|interview)\s+by|by|par|(?:écrit|publié|rédigé)\s+par"
    r"|(?:ein\s+)?(?:gast)?beitrag\s+von|(?:geschrieben|verfasst|veröffentlicht)\s+von|von"
    r"|por|(?:escrito|publicado|redactado)\s+por|authors?|autor(?:in|a|es)?|auteure?s?)"
)
# A lead-in: "By", "by:", "Posted by", "Written by:", "Par :", "Von", "Por" ... At the start,
# or after a date ("Posted on October 16, 2014 by ...", "20. März 2014 von ...").
LEAD_RE = re.compile(rf"\b{_LEAD_WORDS}(?:\s*:\s*|\s+|$)", re.IGNORECASE)
DIGIT_RE = re.compile(r"\d")
# Where a trailing date starts: a digit (names have none) or a month name before a number.
DATE_START_RE = re.compile(rf"\d|\b(?:{'|'.join(MONTH_NAMES)})\.?\s+\d", re.IGNORECASE)
# What is left dangling in front of a cut date: "on", "am", "le", "Thursday,", separators.
_FULL_WEEKDAYS = "|".join(name for name in WEEKDAY_NAMES if len(name) > 3)
DATE_LEFTOVER_RE = re.compile(
    rf"(?:[\s,;|•·–—-]|\b(?:on|am|le|el|posted|published|updated|{_FULL_WEEKDAYS})\b)+$",
    re.IGNORECASE,
)
# Site names, dates and counters sit in their own "|" or " • " segment.
SEGMENT_RE = re.compile(r"\s*\|\s*|\s+[•·]\s+")
# RSS <author>: "email (Name)", Blogger's "noreply@blogger.com (Bill Roggio)".
EMAIL_NAME_RE = re.compile(r"^[^\s@()]+@[^\s()]+\s*\(([^)]+)\)$")
# Handles "(@name)" or a bare "@name", e-mail addresses, "et al.", other parentheticals. An e-mail
# address has a dotted domain: "Jon Porter@JonPorty" is a name run into a handle (two elements'
# text joined), which loses only the handle.
NOISE_RE = re.compile(
    r"\(\s*@[\w.]+\s*\)|(?<!\S)[^\s@]+@[\w-]+(?:\.[\w-]+)+|@[\w.]+|\s+et\s+al\b\.?"
    r"|\s*\([^)]*\)|\s*\[[^\]]*\]"
)
# Co-author separators: "and", "&", commas, the Oxford comma, "und", "et", "y" as whole words.
# "et"/"y" only in lower case ("Malcolm Y Smith"), unless the whole byline is in capitals.
SPLIT_RE = re.compile(
    r"\s*,\s*(?:(?i:and|und)|et|y|&)\s+|\s*,\s*|\s+(?:(?i:and|und)|et|y)\s+|\s*&\s*"
)
SPLIT_CAPS_RE = re.compile(SPLIT_RE.pattern, re.IGNORECASE)
# A conjunction left hanging at either end ("Bill Roggio and") joins nobody.
DANGLING_RE = re.compile(r"^(?:(?i:and|und)|&)\s+|\s+(?:(?i:and|und)|et|y|&)$")
# A role after a dash: "Bill Roggio - Senior Fellow", "Thomas Joscelyn—Senior Editor".
# A hyphen needs spaces around it so "Gartenstein-Ross" stays whole.
ROLE_DASH_RE = re.compile(r"(?:\s+[-–—]\s+|\s*—\s*).*$")
ROLE_WORDS = frozenset(
    "editor editors fellow senior director analyst correspondent contributor contributing writer"
    " reporter researcher professor columnist producer journalist chief deputy managing"
    " executive president founder redakteur redakteurin korrespondent korrespondentin"
    " rédacteur rédactrice correspondant correspondante journaliste redactor redactora"
    " corresponsal periodista phd ph.d. md".split()
)
SUFFIX_RE = re.compile(r"(?:jr|sr|ii|iii|iv)\.?", re.IGNORECASE)
EDGE_PUNCTUATION = ' ,;:|/-–—·•*"“”„«»'
VOWEL_RE = re.compile(r"[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüý]", re.IGNORECASE)
ROMAN_RE = re.compile(r"(?:II|III|IV|VI{0,3})\.?")
MC_RE = re.compile(r"\bMc(\w)")
PARTICLES = frozenset("von van der den de du des da di del della dos das".split())


def byline(raw: str) -> list[str]:
    """Return the author names a byline credits, without lead-ins, dates, roles or handles.

    >>> byline("By Bill Roggio and Thomas Joscelyn | October 3, 2023")
    ['Bill Roggio', 'Thomas Joscelyn']
    >>> byline("Posted by DAVID GARTENSTEIN-ROSS on October 16, 2014")
    ['David Gartenstein-Ross']
    >>> byline("Written by: Caleb Weiss (@Weissenberg7) - Contributing Editor")
    ['Caleb Weiss']
    >>> byline("Par Jean Dupont et Marie Curie"), byline("Von Max Müller und Erika Mustermann")
    (['Jean Dupont', 'Marie Curie'], ['Max Müller', 'Erika Mustermann'])
    >>> byline("Anderson Cooper, Andrew McCain, and Anderson Cooper")
    ['Anderson Cooper', 'Andrew McCain']
    >>> byline("By Jon Porter@JonPorty Jul 3, 2019"), byline("Ann Lee and von Ann Lee")
    (['Jon Porter'], ['Ann Lee'])
    >>> byline(None), byline("By ")
    ([], [])
    """
    text = clean(raw)
    if not text:
        return []
    email_name = EMAIL_NAME_RE.match(text)
    text = NOISE_RE.sub("", email_name[1] if email_name else text)
    names = _split(_credit(text))
    return _unique([_recase(name) for name in names])


def _credit(text: str) -> str:
    """The first "|" segment that still holds a name once lead-in and date are gone."""
    for segment in SEGMENT_RE.split(text):
        digit = DIGIT_RE.search(segment)
        lead = LEAD_RE.match(segment) or (digit and LEAD_RE.search(segment, digit.end()))
        if lead:
            segment = segment[lead.end() :]
        segment = _cut_date(segment)
        if any(char.isalpha() for char in segment):
            return segment
    return ""


def _cut_date(text: str) -> str:
    """Drop a trailing date and the words that lead into it ("on", "am", "Thursday,")."""
    date = DATE_START_RE.search(text)
    if not date:
        return text
    # The leftover is a word or two: scan only the last 40 characters, so that a long garbage
    # string cannot make the `(...)+$` pattern quadratic.
    cut = max(date.start() - 40, 0)
    return text[:cut] + DATE_LEFTOVER_RE.sub("", text[cut : date.start()])


def _split(text: str) -> list[str]:
    """Split co-authors; strip each one's role; fold "Jr." back into the name before it."""
    splitter = SPLIT_CAPS_RE if text.isupper() else SPLIT_RE
    names: list[str] = []
    for part in splitter.split(DANGLING_RE.sub("", text)):
        name = ROLE_DASH_RE.sub("", part).strip(EDGE_PUNCTUATION)
        lead = LEAD_RE.match(name)  # "Diane Buckstegge and von Diane Buckstegge": each has one
        name = name[lead.end():] if lead and name[lead.end():][:1].isupper() else name
        if not any(char.isalpha() for char in name):
            continue
        if names and SUFFIX_RE.fullmatch(name):
            names[-1] = f"{names[-1]} {name}"
        elif not (names and _is_role(name)):  # "Bill Roggio, Senior Fellow": keep the first
            names.append(name)
    return names


def _is_role(name: str) -> bool:
    """True for "Senior Fellow", "Contributing Editor": a title, not a co-author."""
    return any(word.strip(".,").casefold() in ROLE_WORDS for word in name.split())


def _recase(name: str) -> str:
    """ALL-CAPS to title case ("O'NEILL" -> "O'Neill"); mixed case is left as written."""
    if not name.isupper() or (" " not in name and len(name) <= 3):  # AP, AFP, BBC
        return name
    return " ".join(_recase_word(word, index) for index, word in enumerate(name.split(" ")))


def _recase_word(word: str, index: int) -> str:
    """One word of an ALL-CAPS name, in title case unless it is a numeral or an acronym."""
    if ROMAN_RE.fullmatch(word) or ("." not in word and not VOWEL_RE.search(word)):
        return word  # "III", acronyms such as "LWJ" or "FDD"
    if index and word.lower() in PARTICLES:
        return word.lower()  # "URSULA VON DER LEYEN" -> "Ursula von der Leyen"
    return MC_RE.sub(lambda m: "Mc" + m[1].upper(), word.title())


def _unique(names: list[str]) -> list[str]:
    """Drop repeats (case-insensitively), keeping the first spelling and the order."""
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(name.casefold(), name)
    return list(unique.values())
