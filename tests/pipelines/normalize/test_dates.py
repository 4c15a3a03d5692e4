"""normalize.date: strings as sites print them, and what a reader takes them to mean.

Expected values are worked out by hand: the UTC instant of a local time uses the offset the
site's zone had on that day (e.g. New York is UTC-4 in October 2014, UTC-5 in January).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from pipelines import normalize

NOW = "2014-10-19T08:00:00Z"  # fetch time for relative and year-less dates
NY = {"tz": "America/New_York"}
BERLIN = {"tz": "Europe/Berlin"}
PARIS = {"tz": "Europe/Paris"}

MACHINE = [
    # WordPress <time datetime>, JSON-LD, Open Graph
    ("2014-10-16T14:05:00+00:00", {}, "2014-10-16T14:05:00Z"),
    ("2014-10-16T14:05:00+02:00", {}, "2014-10-16T12:05:00Z"),
    ("2014-10-16T10:05:00-04:00", NY, "2014-10-16T14:05:00Z"),
    ("2014-10-16T14:05:00Z", {}, "2014-10-16T14:05:00Z"),
    ("2014-10-16T14:05:00.000Z", {}, "2014-10-16T14:05:00Z"),
    ("2014-10-16T14:05:00+0200", {}, "2014-10-16T12:05:00Z"),
    ("2014-10-16", {}, "2014-10-16"),
    ("2014-10-16", NY, "2014-10-16"),
    # no offset: read in the site's zone, DST-correct
    ("2014-10-16T14:05:00", NY, "2014-10-16T18:05:00Z"),
    ("2014-01-16T14:05:00", NY, "2014-01-16T19:05:00Z"),
    ("2014-10-16 14:05:00", BERLIN, "2014-10-16T12:05:00Z"),
    ("2014-10-16T14:05", {}, "2014-10-16T14:05:00Z"),
    # Unix timestamps (seconds, milliseconds)
    ("1413468300", {}, "2014-10-16T14:05:00Z"),
    ("1413468300000", {}, "2014-10-16T14:05:00Z"),
    ("1413468300", NY, "2014-10-16T14:05:00Z"),
    # RSS pubDate (RFC 2822), Twitter-style
    ("Thu, 16 Oct 2014 14:05:00 +0000", {}, "2014-10-16T14:05:00Z"),
    ("Thu, 16 Oct 2014 14:05:00 GMT", NY, "2014-10-16T14:05:00Z"),
    ("Thu, 16 Oct 2014 10:05:00 -0400", {}, "2014-10-16T14:05:00Z"),
    ("16 Oct 2014 14:05:00 +0200", {}, "2014-10-16T12:05:00Z"),
    ("Thu, 16 Oct 2014 14:05:00 -0000", {}, "2014-10-16T14:05:00Z"),
    ("Thu, 16 Oct 2014 10:05:00 EDT", {}, "2014-10-16T14:05:00Z"),
    ("Thu, 16 Jan 2014 14:05:00 CET", {}, "2014-01-16T13:05:00Z"),
    ("Thu Oct 16 14:05:00 +0000 2014", {}, "2014-10-16T14:05:00Z"),
]

ENGLISH = [
    ("October 16, 2014", {}, "2014-10-16"),
    ("Oct 16, 2014", {}, "2014-10-16"),
    ("Oct. 16, 2014", {}, "2014-10-16"),
    ("Sept. 23, 2014", {}, "2014-09-23"),
    ("Sep 23, 2014", {}, "2014-09-23"),
    ("16 October 2014", {}, "2014-10-16"),
    ("16th October 2014", {}, "2014-10-16"),
    ("October 16th, 2014", {}, "2014-10-16"),
    ("Thursday, October 16, 2014", {}, "2014-10-16"),
    ("October&nbsp;16,&nbsp;2014", {}, "2014-10-16"),
    ("  October 16, 2014\n", {}, "2014-10-16"),
    ("October 16, 2014 at 1:30 pm", NY, "2014-10-16T17:30:00Z"),
    ("October 16, 2014 at 1:30 PM", {}, "2014-10-16T13:30:00Z"),
    ("October 16, 2014 @ 9:05", {"tz": "America/Chicago"}, "2014-10-16T14:05:00Z"),
    ("Oct 16, 2014 @ 9:05 am", {"tz": "America/Los_Angeles"}, "2014-10-16T16:05:00Z"),
    ("Oct 16, 2014 10:30 a.m.", NY, "2014-10-16T14:30:00Z"),
    ("October 16, 2014 12:00 am", {}, "2014-10-16T00:00:00Z"),
    ("October 16, 2014 12:30 pm", {}, "2014-10-16T12:30:00Z"),
    ("Posted on October 16, 2014 by Bill Roggio", {}, "2014-10-16"),
    ("Posted by Bill Roggio on October 16, 2014 at 1:30 pm", NY, "2014-10-16T17:30:00Z"),
    ("Posted by April Smith on October 16, 2014", {}, "2014-10-16"),
    ("October 16, 2014 | 3 Comments", {}, "2014-10-16"),
    ("Published: 16 October 2014 | Updated: 17 October 2014", {}, "2014-10-16"),
    ("Comment #3 — October 16, 2014 at 1:30 pm", NY, "2014-10-16T17:30:00Z"),
    ("Thursday 16 October 2014 14.05 BST", {}, "2014-10-16T13:05:00Z"),
    ("Updated 1:30 p.m. ET Oct. 16, 2014", {}, "2014-10-16T17:30:00Z"),
    ("Oct. 16, 2014 01:30PM EDT", {}, "2014-10-16T17:30:00Z"),
    ("January 16, 2014 1:30 pm EST", {}, "2014-01-16T18:30:00Z"),
    # a theme that prints "EST" all year: New York was on daylight time that day (UTC-4)
    ("October 16, 2014 1:30 pm EST", {}, "2014-10-16T17:30:00Z"),
    ("January 16, 2014 1:30 pm PST", {}, "2014-01-16T21:30:00Z"),
    ("July 16, 2014 1:30 pm PDT", {}, "2014-07-16T20:30:00Z"),
    ("16 July 2014 14:05 CEST", {}, "2014-07-16T12:05:00Z"),
    ("16 January 2014 14:05 CET", {}, "2014-01-16T13:05:00Z"),
    ("October 16, 2014 14:05 +0200", {}, "2014-10-16T12:05:00Z"),
    ("October 16, 2014 2:05 PM GMT+2", {}, "2014-10-16T12:05:00Z"),
    ("16 Oct 2014 14:05 (CEST)", NY, "2014-10-16T12:05:00Z"),
    # the fall-back hour happens twice: the label says which; unlabelled means the first
    ("November 2, 2014 1:30 am EDT", {}, "2014-11-02T05:30:00Z"),
    ("November 2, 2014 1:30 am EST", {}, "2014-11-02T06:30:00Z"),
    ("November 2, 2014 1:30 am", NY, "2014-11-02T05:30:00Z"),
    # Berlin switched to summer time at 02:00 on 30 March 2014
    ("March 29, 2014 at 9:00", BERLIN, "2014-03-29T08:00:00Z"),
    ("March 30, 2014 at 9:00", BERLIN, "2014-03-30T07:00:00Z"),
]

NUMERIC = [
    ("10/16/2014", {}, "2014-10-16"),
    ("16/10/2014", {}, "2014-10-16"),
    ("16.10.2014", {}, "2014-10-16"),
    ("16.10.14", {}, "2014-10-16"),
    ("2014/10/16", {}, "2014-10-16"),
    ("16-10-2014", {}, "2014-10-16"),
    ("Thu, 10/16/2014 - 14:05", NY, "2014-10-16T18:05:00Z"),  # Drupal
    ("10/16/2014 2:05 PM", {}, "2014-10-16T14:05:00Z"),  # Blogger
    ("08.03.2016 um 15:30 Uhr", BERLIN, "2016-03-08T14:30:00Z"),  # meedia.de
    ("03/08/2016", {}, "2016-03-08"),  # ambiguous slashes: US order, month first
    # WordPress date_format "Y-m-d" (and "Y/m/d") with the walker's " at ": year first is Y-M-D
    ("2023-08-07 at 07:46", NY, "2023-08-07T11:46:00Z"),
    ("2023/08/07 at 7:46 am", NY, "2023-08-07T11:46:00Z"),
    ("2023.08.07 um 07:46", BERLIN, "2023-08-07T05:46:00Z"),
]

GERMAN = [
    ("16. Oktober 2014", {}, "2014-10-16"),
    ("20. März 2014", {}, "2014-03-20"),
    ("Veröffentlicht am 20. März 2014", {}, "2014-03-20"),
    ("Donnerstag, 16. Oktober 2014", {}, "2014-10-16"),
    ("16. Jänner 2014", {}, "2014-01-16"),
    ("5. Dez 2018", {}, "2018-12-05"),
    ("10. Februar 2019 um 18:05 Uhr", BERLIN, "2019-02-10T17:05:00Z"),
    ("7. Dez 2018 um 13:22 Uhr", BERLIN, "2018-12-07T12:22:00Z"),
    ("2. April 2014 um 8:29 Uhr", BERLIN, "2014-04-02T06:29:00Z"),
    ("19. Juni 2019 / 6:16", BERLIN, "2019-06-19T04:16:00Z"),
    ("Do 24. Mai 2018, 08:30 | ANZEIGE, UNTERWEGS | 1 Kommentar", BERLIN, "2018-05-24T06:30:00Z"),
    ("19. Juni 2018 um 20:41 Uhr - Antworten", BERLIN, "2018-06-19T18:41:00Z"),
    ("16. Okt. 2014, 14.05 Uhr", BERLIN, "2014-10-16T12:05:00Z"),
    ("16. Oktober 2014 um 14:05 Uhr", {"tz": "Europe/Vienna"}, "2014-10-16T12:05:00Z"),
]

FRENCH_SPANISH = [
    ("16 octobre 2014", {}, "2014-10-16"),
    ("16 octobre 2014 à 14 h 05", PARIS, "2014-10-16T12:05:00Z"),
    ("16 octobre 2014 à 14h05", PARIS, "2014-10-16T12:05:00Z"),
    ("jeudi 16 octobre 2014", {}, "2014-10-16"),
    ("Publié le 16 octobre 2014", {}, "2014-10-16"),
    ("1er octobre 2014", {}, "2014-10-01"),
    ("16 févr. 2014", {}, "2014-02-16"),
    ("le 16/10/2014 à 14h05", PARIS, "2014-10-16T12:05:00Z"),
    ("16 décembre 2014 à 9h", PARIS, "2014-12-16T08:00:00Z"),
    ("16 de octubre de 2014", {}, "2014-10-16"),
    ("jueves, 16 de octubre de 2014", {}, "2014-10-16"),
    ("16 de octubre de 2014 a las 14:05", {"tz": "Europe/Madrid"}, "2014-10-16T12:05:00Z"),
    ("el 16 de octubre de 2014 a las 14:05 h", {"tz": "Europe/Madrid"}, "2014-10-16T12:05:00Z"),
    ("16 octobre 2014 à 14:05 (modifié le 17 octobre 2014)", PARIS, "2014-10-16T12:05:00Z"),
    ("1.º de julio de 2014", {}, "2014-07-01"),
    ("16 dic 2014", {}, "2014-12-16"),
    ("martes, 14 de octubre de 2014 10:05 a.m.", {"tz": "America/Bogota"}, "2014-10-14T15:05:00Z"),
]

RELATIVE = [
    ("2 hours ago", {"now": NOW}, "2014-10-19T06:00:00Z"),
    ("5 minutes ago", {"now": NOW}, "2014-10-19T07:55:00Z"),
    ("an hour ago", {"now": NOW}, "2014-10-19T07:00:00Z"),
    ("Posted 2 hours ago", {"now": NOW}, "2014-10-19T06:00:00Z"),
    ("3 days ago", {"now": NOW}, "2014-10-16"),
    ("yesterday", {"now": NOW}, "2014-10-18"),
    ("Yesterday at 9:05 pm", {"now": NOW, **NY}, "2014-10-19T01:05:00Z"),
    ("Today at 7:30 am", {"now": NOW}, "2014-10-19T07:30:00Z"),
    ("vor 2 Stunden", {"now": NOW}, "2014-10-19T06:00:00Z"),
    ("vor 3 Tagen", {"now": NOW}, "2014-10-16"),
    ("gestern um 14:05", {"now": NOW, **BERLIN}, "2014-10-18T12:05:00Z"),
    ("il y a 2 heures", {"now": NOW}, "2014-10-19T06:00:00Z"),
    ("il y a 3 jours", {"now": NOW}, "2014-10-16"),
    ("hier à 14 h 05", {"now": NOW, **PARIS}, "2014-10-18T12:05:00Z"),
    ("hace 2 horas", {"now": NOW}, "2014-10-19T06:00:00Z"),
    ("ayer", {"now": NOW}, "2014-10-18"),
    # it is still 18 October in Los Angeles at 05:00 UTC
    ("3 days ago", {"now": "2014-10-19T05:00:00Z", "tz": "America/Los_Angeles"}, "2014-10-15"),
    ("2 hours ago", {"now": datetime(2014, 10, 19, 8, 0, tzinfo=UTC)}, "2014-10-19T06:00:00Z"),
    ("2 hours ago", {"now": datetime(2014, 10, 19, 8, 0)}, "2014-10-19T06:00:00Z"),  # naive: UTC
    ("2 hours ago", {"now": "2014-10-19T10:00:00+02:00"}, "2014-10-19T06:00:00Z"),
    # too vague to name a day, or no fetch time to count from
    ("a year ago", {"now": NOW}, None),
    ("2 weeks ago", {"now": NOW}, None),
    ("3 months ago", {"now": NOW}, None),
    ("2 hours ago", {}, None),
    ("yesterday", {}, None),
    ("2 hours ago", {"now": "not a date"}, None),
]

YEARLESS = [
    ("October 16", {}, None),
    ("October 16", {"now": NOW}, "2014-10-16"),
    ("December 16", {"now": NOW}, "2013-12-16"),
    ("Oct 16 at 1:30 pm", {"now": NOW}, "2014-10-16T13:30:00Z"),
    ("October 19 at 9:00 am", {"now": NOW}, "2013-10-19T09:00:00Z"),  # 9:00 is after 8:00
    ("16. Oktober", {"now": NOW}, "2014-10-16"),
    ("16 octobre", {"now": NOW}, "2014-10-16"),
    ("February 29", {"now": NOW}, "2012-02-29"),
]

NOT_DATES = [
    ("Comments closed", {}, None),
    ("Comments closed", {"now": NOW}, None),
    ("Reply", {}, None),
    ("Antworten", {}, None),
    ("Leave a comment", {}, None),
    ("Posted in Analysis", {}, None),
    ("", {}, None),
    ("   ", {}, None),
    ("2 Comments", {}, None),
    ("Comment 3 of 10", {"now": NOW}, None),
    ("1/2", {"now": NOW}, None),
    ("Monday", {"now": NOW}, None),
    ("1:30 pm", {"now": NOW}, None),
    # month or year alone: never filled in from today
    ("2019-06", {}, None),
    ("October 2014", {}, None),
    ("Oktober 2014", {"now": NOW}, None),
    ("2014", {}, None),
    ("2014-W42", {}, None),
    ("31 February 2014", {}, None),
    ("2014-02-30", {}, None),
    # a time needs a valid zone; a day does not
    ("16 octobre 2014 à 14 h 05", {"tz": "Mars/Olympus_Mons"}, None),
    ("16 octobre 2014", {"tz": "Mars/Olympus_Mons"}, "2014-10-16"),
]


@pytest.mark.parametrize(
    ("raw", "kwargs", "expected"),
    MACHINE + ENGLISH + NUMERIC + GERMAN + FRENCH_SPANISH + RELATIVE + YEARLESS + NOT_DATES,
)
def test_date(raw: str, kwargs: dict[str, Any], expected: str | None) -> None:
    assert normalize.date(raw, **kwargs) == expected


NON_STRINGS = [None, 42, 1413468300, 3.5, b"2014-10-16", ["2014-10-16"], object()]


@pytest.mark.parametrize("raw", NON_STRINGS)
def test_date_never_raises_on_non_strings(raw: Any) -> None:
    assert normalize.date(raw) is None
