"""Normalize a printed date to ``YYYY-MM-DD`` (day only) or UTC ``YYYY-MM-DDTHH:MM:SSZ``.

The chain, cheapest first: Unix timestamp, ISO 8601 (``datetime.fromisoformat``), RFC 2822
(``email.utils``), relative times (dateparser, against ``now``), then human dates through
python-dateutil with a French/German/Spanish month table, and dateparser (strict) for what that
leaves. Missing parts are never filled from today's date: no day or month gives ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from dateparser.date import DateDataParser
from dateutil import parser as dateutil_parser

from pipelines.normalize.text import clean

LANGUAGES = ["en", "fr", "de", "es"]
# Relative phrases are parsed against this fixed base and only the difference is applied to
# `now`, so one settings object serves every call (building dateparser settings costs ~ms).
RELATIVE_BASE = datetime(2000, 1, 15, 12, 0)
# RETURN_AS_TIMEZONE_AWARE is off on purpose: zones are taken out of the string first (ZONE_RE)
# and applied with zoneinfo, so that "EST" or "CET" get the offset in force on that date.
_SETTINGS = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
ABSOLUTE_PARSER = DateDataParser(
    languages=LANGUAGES,
    settings={**_SETTINGS, "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
)
RELATIVE_PARSER = DateDataParser(
    languages=LANGUAGES, settings={**_SETTINGS, "RELATIVE_BASE": RELATIVE_BASE}
)


class _Info(dateutil_parser.parserinfo):
    """dateutil's English tables plus French, German and Spanish month and weekday names."""

    JUMP = [*dateutil_parser.parserinfo.JUMP, "um", "uhr", "à", "le", "el", "de", "del", "er"]
    WEEKDAYS = [
        ("Mon", "Monday", "lun", "lundi", "Mo", "Montag", "lunes"),
        ("Tue", "Tues", "Tuesday", "mardi", "Di", "Dienstag", "martes"),
        ("Wed", "Wednesday", "mer", "mercredi", "Mi", "Mittwoch", "mié", "miércoles",
         "miercoles"),
        ("Thu", "Thur", "Thurs", "Thursday", "jeu", "jeudi", "Do", "Donnerstag", "jue", "jueves"),
        ("Fri", "Friday", "ven", "vendredi", "Fr", "Freitag", "vie", "viernes"),
        ("Sat", "Saturday", "sam", "samedi", "Sa", "Samstag", "Sonnabend", "sáb", "sábado"),
        ("Sun", "Sunday", "dim", "dimanche", "So", "Sonntag", "dom", "domingo"),
    ]
    MONTHS = [
        ("Jan", "January", "janv", "janvier", "Januar", "Jänner", "ene", "enero"),
        ("Feb", "February", "Febr", "févr", "fevr", "février", "fevrier", "Februar", "febrero"),
        ("Mar", "March", "mars", "Mär", "März", "Maerz", "marzo"),
        ("Apr", "April", "avr", "avril", "abr", "abril"),
        ("May", "mai", "mayo"),
        ("Jun", "June", "juin", "Juni", "junio"),
        ("Jul", "July", "juil", "juillet", "Juli", "julio"),
        ("Aug", "August", "août", "aout", "ago", "agosto"),
        ("Sep", "Sept", "September", "septembre", "septiembre", "setiembre"),
        ("Oct", "October", "octobre", "Okt", "Oktober", "octubre"),
        ("Nov", "November", "novembre", "noviembre"),
        ("Dec", "December", "déc", "décembre", "decembre", "Dez", "Dezember", "dic", "diciembre"),
    ]


INFO = _Info()
DATEUTIL = dateutil_parser.parser(INFO)
# Every month and weekday spelling above, longest first (bylines use them to spot a date too).
MONTH_NAMES = sorted({n.lower() for m in _Info.MONTHS for n in m}, key=lambda n: (-len(n), n))
WEEKDAY_NAMES = sorted({n.lower() for d in _Info.WEEKDAYS for n in d}, key=lambda n: (-len(n), n))
MONTH_NAME_RE = re.compile(rf"\b(?:{'|'.join(MONTH_NAMES)})\b", re.IGNORECASE)
NUMERIC_DATE_RE = re.compile(r"\b\d{1,4}([./-])\d{1,2}\1\d{1,4}\b")
YEAR_RE = re.compile(r"\b\d{4}\b")
YEAR_FIRST_RE = re.compile(r"\b\d{4}([-./])\d{1,2}\1\d{1,2}\b")
TIMESTAMP_RE = re.compile(r"\d{9,10}(?:\.\d+)?|\d{13}")
# RFC 2822 only with a numeric or UTC zone: email.utils reads unknown names such as CET as UTC.
RFC2822_RE = re.compile(
    r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"\s+(?:[+-]\d{4}|GMT|UTC?|Z)"
)
TIME_RE = re.compile(r"\b\d{1,2}:\d{2}|\b\d{1,2}\s*[ap]\.?m\b", re.IGNORECASE)

# Zone abbreviations -> IANA zone: (standard label, daylight label, generic label). The zone's
# rules give the offset in force on that date (a theme that prints "EST" all year is still read
# right); the label only picks the side of a fall-back hour. Ambiguous labels (IST, AST, ...) are
# left out on purpose: for them the site's own zone (`tz`) is the better guess.
ZONE_NAMES = {
    "America/New_York": ("EST", "EDT", "ET"), "America/Chicago": ("CST", "CDT", "CT"),
    "America/Denver": ("MST", "MDT", "MT"), "America/Los_Angeles": ("PST", "PDT", "PT"),
    "America/Anchorage": ("AKST", "AKDT", ""), "Pacific/Honolulu": ("HST", "", ""),
    "Europe/Lisbon": ("WET", "WEST", ""), "Europe/London": ("", "BST", ""),
    "Europe/Berlin": ("CET", "CEST", ""), "Europe/Athens": ("EET", "EEST", ""),
    "Europe/Moscow": ("MSK", "", ""), "Asia/Karachi": ("PKT", "", ""),
    "Asia/Kabul": ("AFT", "", ""), "Asia/Tehran": ("IRST", "IRDT", ""),
    "Asia/Tokyo": ("JST", "", ""), "Asia/Seoul": ("KST", "", ""),
    "Australia/Sydney": ("AEST", "AEDT", ""), "UTC": ("UTC", "", "GMT"),
}
# label -> (zone, fold for an ambiguous wall time: 1 = the second, standard-time occurrence)
ZONE_LABELS = {
    label: (zone, fold)
    for zone, labels in ZONE_NAMES.items()
    for label, fold in zip(labels, (1, 0, 0), strict=True)
    if label
} | {"MEZ": ("Europe/Berlin", 1), "MESZ": ("Europe/Berlin", 0), "UT": ("UTC", 0), "Z": ("UTC", 0)}
# A zone right after a clock time: a known label (case-sensitive: French "est" is a verb),
# optionally in parentheses, or a UTC offset such as +0200, +02:00, GMT+2.
_LABELS = "|".join(sorted(ZONE_LABELS, key=len, reverse=True))
ZONE_RE = re.compile(
    r"(?P<clock>\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?i:\s*[ap]m)?)(?i:\s*uhr)?\s*"
    rf"(?:\(?(?P<label>{_LABELS})\)?(?![\w+-])"
    r"|(?:GMT|UTC)?\s*(?P<sign>[+-])(?P<hh>\d{1,2}):?(?P<mm>\d{2})?\b)"
)
# The shapes themes print by default ("October 3, 2023 at 2:05 pm", "3. Oktober 2023 um 14:05
# Uhr", "jueves, 16 de octubre de 2014"), read without dateutil: it costs ~45 µs a call, and an
# article has a dozen dates. Names are still resolved by INFO; anything else goes to dateutil.
PRINTED_RE = re.compile(
    r"(?:(?:on|le|el)\s+)?(?:(?P<weekday>[^\W\d_]+)\.?,?\s+)?"
    r"(?:(?P<month1>[^\W\d_]+)\.?\s+(?P<day1>\d{1,2})(?:st|nd|rd|th)?,?"
    r"|(?P<day2>\d{1,2})(?:\.|er|st|nd|rd|th)?\s+(?:de\s+)?(?P<month2>[^\W\d_]+)\.?,?(?:\s+del?)?)"
    r"\s+(?P<year>\d{4})(?:,?\s*(?:at|um|à|\|)?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2}))?(?:\s*(?P<ampm>[ap]m))?(?:\s*uhr)?)?",
    re.IGNORECASE,
)
ISO_RE = re.compile(r"\d{4}-?\d{2}-?\d{2}(?:[T ]\d.*)?")
# Clean-ups before dateutil: French "14 h 05", "14.05 Uhr" / "14.05 BST", "p.m.", "1.º",
# comment counts, "by <name>" (a name like "April" would read as a month), German "am 16.",
# Spanish "a las 14:05" (dateutil takes "a" for a.m.),
# and list separators, which dateutil would read as a minus sign after a clock time.
FRENCH_CLOCK_RE = re.compile(r"(?<![\d:])(\d{1,2})\s*h\s*(\d{2})?\b")
DOT_CLOCK_RE = re.compile(
    r"(?<![\d.])([01]?\d|2[0-3])\.([0-5]\d)(?=(?i:\s*(?:uhr|[ap]\.?m)\b)|\s+[A-Z]{2,5}\b|\s*$)"
)
AMPM_DOTS_RE = re.compile(r"\b([ap])\.\s?m\.", re.IGNORECASE)
NOISE_RE = re.compile(
    r"\b\d+\s+(?:comments?|responses?|replies|kommentare?|commentaires?|comentarios?)\b"
    r"|\b(?:by|par|von|por)\s+[^\d|,]*?(?=\s+(?:on|le|am|el)\s|\s*[|,]|$)"
    r"|\bam\s+(?=\d)|\ba\s+las?\s+(?=\d)|(?<=\d)\.?[ºªo]\b|#\d+",
    re.IGNORECASE,
)
SEPARATOR_RE = re.compile(r"\s+[|•·/–—-]\s+|\s*@\s*")
# Where to cut a string that holds more than a date: "|" and parentheses ("(modifié le ...)").
SEGMENT_RE = re.compile(r"\s+\|\s+|\s*[()]\s*")
RELATIVE_RE = re.compile(
    r"(?:\b(?:an?|one|\d+)\s+(?P<u1>\w+)\s+ago\b|\bvor\s+(?:\d+|einer?|einem)\s+(?P<u2>\w+)"
    r"|\bil\s+y\s+a\s+(?:\d+|une?)\s+(?P<u3>\w+)|\bhace\s+(?:\d+|una?)\s+(?P<u4>\w+)"
    r"|\b(?P<day>yesterday|today|gestern|heute|hier|aujourd['’]hui|ayer|hoy)\b"
    r"|\b(?P<instant>just now|gerade eben|à l['’]instant)\b)"
    r"(?:\D{0,12}?(?P<clock>\d{1,2}:\d{2}(?:\s*[ap]m)?))?",
    re.IGNORECASE,
)
# Units precise enough to give a clock time, and units that give a day; coarser ones (weeks,
# months, years) give None: "a year ago" is not a date.
CLOCK_UNITS = ("sec", "min", "hour", "hr", "stund", "sekund", "heure", "hora", "segund")
DAY_UNITS = ("day", "tag", "jour", "día", "dia")


@dataclass(frozen=True)
class _Stamp:
    """A parsed date: naive `value` is wall time in `zone` (or the site's zone if None)."""

    value: datetime
    has_time: bool
    zone: tzinfo | None = None
    fold: int = 0


def date(raw: str, *, tz: str = "UTC", now: datetime | str | None = None) -> str | None:
    """Normalize a printed date; ``None`` when the string does not name a day.

    A time without a zone is read in ``tz`` (IANA name, DST-correct). ``now`` (the fetch time;
    a naive value is taken as UTC) anchors relative and year-less dates; without it they give
    ``None``.

    >>> date("2014-10-16T14:05:00+02:00")
    '2014-10-16T12:05:00Z'
    >>> date("Thu, 16 Oct 2014 14:05:00 +0000")
    '2014-10-16T14:05:00Z'
    >>> date("Posted on October 16, 2014 at 1:30 pm", tz="America/New_York")
    '2014-10-16T17:30:00Z'
    >>> date("Sept. 23, 2014")
    '2014-09-23'
    >>> date("16. Oktober 2014 um 14:05 Uhr", tz="Europe/Berlin")
    '2014-10-16T12:05:00Z'
    >>> date("2023-08-07 at 07:46", tz="America/New_York"), date("2023/08/07 07:46")
    ('2023-08-07T11:46:00Z', '2023-08-07T07:46:00Z')
    >>> date("16 de octubre de 2014")
    '2014-10-16'
    >>> date("3 days ago", now="2014-10-19T08:00:00Z")
    '2014-10-16'
    >>> date("October 16") is None, date("October 16", now="2015-01-02T00:00:00Z")
    (True, '2014-10-16')
    >>> date("Comments closed") is None and date("Reply") is None and date(None) is None
    True
    """
    text = clean(raw)
    if not text:
        return None
    site_zone = _site_zone(tz)
    ref = _reference(now)
    try:
        stamp = _fast(text) or _textual(text, ref, site_zone)
        return _render(stamp, site_zone) if stamp else None
    except (ValueError, OverflowError, OSError):  # out-of-range years, 31 February, ...
        return None


def _site_zone(tz: object) -> tzinfo | None:
    """The site's zone, or None when `tz` is not an IANA name (then only zoned times work)."""
    if not isinstance(tz, str) or not tz:
        return None
    try:
        return ZoneInfo(tz)
    except (ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return None


def _reference(now: object) -> datetime | None:
    """The fetch time as an aware datetime; naive values are UTC, garbage is None."""
    if isinstance(now, str):
        try:
            now = datetime.fromisoformat(clean(now))
        except ValueError:
            return None
    if not isinstance(now, datetime):
        return None
    return now if now.tzinfo else now.replace(tzinfo=UTC)


def _render(stamp: _Stamp, site_zone: tzinfo | None) -> str | None:
    """``YYYY-MM-DD`` when only the day is known, else the instant in UTC."""
    if not stamp.has_time:
        return stamp.value.date().isoformat()
    value = stamp.value
    if value.tzinfo is None:
        zone = stamp.zone or site_zone
        if zone is None:
            return None
        value = value.replace(tzinfo=zone, fold=stamp.fold)
    return value.astimezone(UTC).replace(tzinfo=None).isoformat("T", "seconds") + "Z"


def _fast(text: str) -> _Stamp | None:
    """Machine formats, parsed by the standard library in about a microsecond."""
    if TIMESTAMP_RE.fullmatch(text):
        seconds = float(text) / (1000 if len(text) == 13 else 1)
        return _Stamp(datetime.fromtimestamp(seconds, UTC), True)
    if ISO_RE.fullmatch(text):
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            return None
        return _Stamp(value, len(text) > 10)
    if RFC2822_RE.fullmatch(text):
        value = parsedate_to_datetime(text)  # "-0000" (zone unknown) comes back naive: UTC
        return _Stamp(value if value.tzinfo else value.replace(tzinfo=UTC), True)
    return None


def _textual(text: str, ref: datetime | None, site_zone: tzinfo | None) -> _Stamp | None:
    """Human-written dates: relative ones, then dateutil, then dateparser as the last resort."""
    text = _prepare(text)
    relative = RELATIVE_RE.search(text)
    if relative:
        return _relative(relative, ref, site_zone)
    text, zone, fold = _take_zone(text)
    # `now` as wall time where the date will be read, to pick the year of a year-less date.
    ref_wall = ref.astimezone(zone or site_zone or UTC).replace(tzinfo=None) if ref else None
    # Whole string first, then each segment ("Published: ... | Updated: ...").
    for part in [text, *SEGMENT_RE.split(text)] if SEGMENT_RE.search(text) else [text]:
        found = _by_pattern(part) or _by_dateutil(part, ref_wall)
        if found:
            return _Stamp(found[0], found[1], zone, fold)
    return _by_dateparser(text, zone, fold) if YEAR_RE.search(text) else None


def _prepare(text: str) -> str:
    """Rewrite what dateutil misreads (see the regexes); the `in` tests skip needless passes."""
    if "h" in text:
        text = FRENCH_CLOCK_RE.sub(lambda m: f"{m[1]}:{m[2] or '00'}", text)
    if "." in text:
        text = AMPM_DOTS_RE.sub(r"\1m", DOT_CLOCK_RE.sub(r"\1:\2", text))
    text = NOISE_RE.sub(" ", text)
    return SEPARATOR_RE.sub(" | ", text).strip()


def _take_zone(text: str) -> tuple[str, tzinfo | None, int]:
    """Remove the zone written after the clock time; return it with the DST fold it implies."""
    match = ZONE_RE.search(text)
    if not match:
        return text, None, 0
    rest = text[: match.start()] + match["clock"] + text[match.end() :]
    if match["label"]:
        name, fold = ZONE_LABELS[match["label"]]
        return rest, ZoneInfo(name), fold
    minutes = int(match["hh"]) * 60 + int(match["mm"] or 0)
    offset = timedelta(minutes=minutes if match["sign"] == "+" else -minutes)
    return rest, timezone(offset), 0


def _by_pattern(text: str) -> tuple[datetime, bool] | None:
    """The common printed shapes (PRINTED_RE); None sends the string on to dateutil."""
    match = PRINTED_RE.fullmatch(text)
    if not match or (match["weekday"] and INFO.weekday(match["weekday"]) is None):
        return None
    month = INFO.month(match["month1"] or match["month2"])
    if month is None:
        return None
    day, year = int(match["day1"] or match["day2"]), int(match["year"])
    if match["hour"] is None:
        return datetime(year, month, day), False
    hour = int(match["hour"])
    if match["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["ampm"].lower() == "pm" else 0)
    return datetime(year, month, day, hour, int(match["minute"]), int(match["second"] or 0)), True


def _by_dateutil(text: str, ref_wall: datetime | None) -> tuple[datetime, bool] | None:
    """Parse with dateutil, insisting that day and month were written (it would fill them)."""
    if not (MONTH_NAME_RE.search(text) or NUMERIC_DATE_RE.search(text)):
        return None  # "Comment 3 of 10" is not the 3rd of October
    # Slashes follow the US order (10/16/2014); dots and dashes the European one (16.10.2014).
    # dateutil swaps on its own when one side is above 12. `_parse` rather than `parse`: the
    # public call fills unwritten parts from `default`; `_parse` (there since dateutil 2.7)
    # leaves them None, which is how a missing day, month or year is detected.
    # A year written first is always year-month-day (WordPress `Y-m-d`, `Y/m/d`): dayfirst would
    # read "2023-08-07 at 07:46" as 8 July.
    year_first = YEAR_FIRST_RE.search(text) is not None
    res, _ = DATEUTIL._parse(text, dayfirst="/" not in text and not year_first,
                             yearfirst=year_first, fuzzy=True)
    if res is None or res.day is None or res.month is None:
        return None
    years = YEAR_RE.findall(text)
    if years and str(res.year) not in years:
        return None  # stray numbers misled it ("Comment #3 - October 16, 2014" read as 2016)
    has_time = res.hour is not None
    clock = (res.hour, res.minute or 0, res.second or 0) if has_time else (0, 0, 0)
    if res.year is not None:
        return datetime(res.year, res.month, res.day, *clock), has_time
    # No year: only a written month name and a known fetch time make it a date.
    if ref_wall is None or not MONTH_NAME_RE.search(text):
        return None
    for year in range(ref_wall.year, ref_wall.year - 8, -1):  # 8 years reach a 29 February
        try:
            value = datetime(year, res.month, res.day, *clock)
        except ValueError:
            continue
        if value <= ref_wall:
            return value, has_time
    return None


def _by_dateparser(text: str, zone: tzinfo | None, fold: int) -> _Stamp | None:
    """Last resort: dateparser, strict (day, month and year must all be in the string)."""
    value = ABSOLUTE_PARSER.get_date_data(text).date_obj
    if value is None:
        return None
    return _Stamp(value, bool(TIME_RE.search(text)), zone, fold)


def _relative(
    match: re.Match[str], ref: datetime | None, site_zone: tzinfo | None
) -> _Stamp | None:
    """'2 hours ago', 'gestern um 14:05', 'il y a 3 jours' against the fetch time."""
    unit = (match["u1"] or match["u2"] or match["u3"] or match["u4"] or "").lower()
    known = match["day"] or match["instant"] or unit.startswith(CLOCK_UNITS + DAY_UNITS)
    if ref is None or not known:
        return None
    parsed = RELATIVE_PARSER.get_date_data(match[0]).date_obj
    if parsed is None:
        return None
    if match["instant"] or (unit.startswith(CLOCK_UNITS) and not match["clock"]):
        return _Stamp(ref + (parsed - RELATIVE_BASE), True)
    local = ref.astimezone(site_zone) if site_zone else ref
    day = local.date() + timedelta(days=(parsed.date() - RELATIVE_BASE.date()).days)
    if match["clock"]:
        return _Stamp(datetime.combine(day, parsed.time()), True)
    return _Stamp(datetime.combine(day, datetime.min.time()), False)
