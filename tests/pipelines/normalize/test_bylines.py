"""normalize.byline: bylines as themes, feeds and JSON-LD print them -> the names credited."""

from __future__ import annotations

from typing import Any

import pytest

from pipelines import normalize

LEAD_INS = [
    ("By Bill Roggio", ["Bill Roggio"]),
    ("by Bill Roggio", ["Bill Roggio"]),
    ("BY BILL ROGGIO", ["Bill Roggio"]),
    ("By: Bill Roggio", ["Bill Roggio"]),
    ("by:Bill Roggio", ["Bill Roggio"]),
    ("Posted by Bill Roggio", ["Bill Roggio"]),
    ("Written by: Thomas Joscelyn", ["Thomas Joscelyn"]),
    ("WRITTEN BY THOMAS JOSCELYN", ["Thomas Joscelyn"]),
    ("Author: Bill Roggio", ["Bill Roggio"]),
    ("Autor john", ["john"]),  # de.creativecommons.org: screen-reader label + login name
    ("Par Jean Dupont", ["Jean Dupont"]),
    ("Par : Jean Dupont", ["Jean Dupont"]),
    ("Von Max Mustermann", ["Max Mustermann"]),
    ("Ein Gastbeitrag von Anna Schmidt", ["Anna Schmidt"]),
    ("Por Ana García", ["Ana García"]),
    ("Por: Ana García", ["Ana García"]),
    ("Escrito por Ana García", ["Ana García"]),
    # names that merely start like a lead-in, and "von" inside a name
    ("Byron York", ["Byron York"]),
    ("Parker Smith", ["Parker Smith"]),
    ("Porter Goss", ["Porter Goss"]),
    ("Titus von Unhold", ["Titus von Unhold"]),
    ("Von Titus von Unhold", ["Titus von Unhold"]),
]

DATES_AND_SITES = [
    ("By Bill Roggio | October 3, 2023", ["Bill Roggio"]),
    ("Bill Roggio on October 16, 2014", ["Bill Roggio"]),
    ("Posted by Bill Roggio on October 16, 2014 at 1:30 pm", ["Bill Roggio"]),
    ("By Bill Roggio, Oct. 3, 2023", ["Bill Roggio"]),
    ("By Bill Roggio on Thursday, October 16, 2014", ["Bill Roggio"]),
    ("Jean Dupont, le 16 octobre 2014", ["Jean Dupont"]),
    ("Max Mustermann am 16.10.2014", ["Max Mustermann"]),
    ("Von Max Mustermann, 16. Oktober 2014", ["Max Mustermann"]),
    ("Por Ana García el 16 de octubre de 2014", ["Ana García"]),
    ("By Bill Roggio • 3 hours ago", ["Bill Roggio"]),
    ("Posted on October 16, 2014 by Bill Roggio", ["Bill Roggio"]),
    ("October 3, 2023 | By Bill Roggio", ["Bill Roggio"]),
    ("Veröffentlicht am 20. März 2014 von john", ["john"]),
    ("Bill Roggio | FDD's Long War Journal", ["Bill Roggio"]),
    (
        "By Bill Roggio and Caleb Weiss | October 3, 2023 | FDD's Long War Journal",
        ["Bill Roggio", "Caleb Weiss"],
    ),
]

ROLES_AND_HANDLES = [
    ("Bill Roggio - Senior Fellow", ["Bill Roggio"]),
    ("Thomas Joscelyn — Senior Editor", ["Thomas Joscelyn"]),
    ("Thomas Joscelyn—Senior Editor", ["Thomas Joscelyn"]),
    ("Bill Roggio, Senior Fellow", ["Bill Roggio"]),
    (
        "Written by Bill Roggio, Senior Fellow, and Thomas Joscelyn, Senior Editor",
        ["Bill Roggio", "Thomas Joscelyn"],
    ),
    ("Bill Roggio (@billroggio)", ["Bill Roggio"]),
    ("By Bill Roggio @billroggio", ["Bill Roggio"]),
    (
        "Caleb Weiss (@Weissenberg7) and Joe Truzman (@JoeTruzman)",
        ["Caleb Weiss", "Joe Truzman"],
    ),
    ("Written by: Caleb Weiss (@Weissenberg7) - Contributing Editor", ["Caleb Weiss"]),
    # RSS <author> and Blogger feeds: "email (Name)"
    ("noreply@blogger.com (Bill Roggio)", ["Bill Roggio"]),
    ("bill@example.com (Bill Roggio)", ["Bill Roggio"]),
]

THIRD = "Caleb Weiss"
CO_AUTHORS = [
    ("Bill Roggio and Thomas Joscelyn", ["Bill Roggio", "Thomas Joscelyn"]),
    ("Bill Roggio & Thomas Joscelyn", ["Bill Roggio", "Thomas Joscelyn"]),
    ("Bill Roggio &amp; Thomas Joscelyn", ["Bill Roggio", "Thomas Joscelyn"]),
    ("Bill Roggio, Thomas Joscelyn, and Caleb Weiss", ["Bill Roggio", "Thomas Joscelyn", THIRD]),
    ("Bill Roggio, Thomas Joscelyn and Caleb Weiss", ["Bill Roggio", "Thomas Joscelyn", THIRD]),
    ("Bill Roggio, Thomas Joscelyn, Caleb Weiss", ["Bill Roggio", "Thomas Joscelyn", THIRD]),
    ("BILL ROGGIO AND THOMAS JOSCELYN", ["Bill Roggio", "Thomas Joscelyn"]),
    ("Par Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"]),
    ("PAR JEAN DUPONT ET MARIE CURIE", ["Jean Dupont", "Marie Curie"]),
    ("Von Max Mustermann und Erika Musterfrau", ["Max Mustermann", "Erika Musterfrau"]),
    ("Por Juan Pérez y María López", ["Juan Pérez", "María López"]),
    ("Etienne Dupont et Yvette Martin", ["Etienne Dupont", "Yvette Martin"]),
    # "and" only as a whole word
    ("Andrew Anderson", ["Andrew Anderson"]),
    ("Anderson Cooper and Sandra Anderson", ["Anderson Cooper", "Sandra Anderson"]),
    ("By Andrew Anderson & Sandy Andrews", ["Andrew Anderson", "Sandy Andrews"]),
    ("Randa Slim and Brandon Wallace", ["Randa Slim", "Brandon Wallace"]),
    ("Bill Roggio et al.", ["Bill Roggio"]),
    ("Bill Roggio and", ["Bill Roggio"]),
    ("Bill Roggio and LWJ Staff", ["Bill Roggio", "LWJ Staff"]),
    ("Martin Luther King, Jr.", ["Martin Luther King Jr."]),
    # duplicates dropped, first spelling and order kept
    ("Bill Roggio and Bill Roggio", ["Bill Roggio"]),
    ("BILL ROGGIO and Bill Roggio", ["Bill Roggio"]),
    ("Caleb Weiss, Bill Roggio and Caleb Weiss", ["Caleb Weiss", "Bill Roggio"]),
]

CASE_AND_TEXT = [
    ("JOHN O'NEILL", ["John O'Neill"]),
    ("JOHN MCCAIN", ["John McCain"]),
    ("John McCain", ["John McCain"]),
    ("Tom O’Neill", ["Tom O’Neill"]),
    ("Daveed Gartenstein-Ross", ["Daveed Gartenstein-Ross"]),
    ("DAVEED GARTENSTEIN-ROSS", ["Daveed Gartenstein-Ross"]),
    ("URSULA VON DER LEYEN", ["Ursula von der Leyen"]),
    ("By J.R.R. TOLKIEN", ["J.R.R. Tolkien"]),
    ("Jean DUPONT", ["Jean DUPONT"]),  # mixed case: as written
    ("danah boyd", ["danah boyd"]),
    ("AFP", ["AFP"]),
    ("LWJ STAFF", ["LWJ Staff"]),
    ("By&nbsp;Bill&nbsp;Roggio", ["Bill Roggio"]),
    ("Bill\u00a0\u00a0Roggio", ["Bill Roggio"]),
    ("  By\tBill \n Roggio ", ["Bill Roggio"]),
    ("Thomas Jos&shy;celyn", ["Thomas Joscelyn"]),
    ("Fran&ccedil;ois Hollande", ["François Hollande"]),
    ("Rene\u0301 Dupont", ["René Dupont"]),  # decomposed accent -> NFKC composed
    ("\uff22\uff49\uff4c\uff4c Roggio", ["Bill Roggio"]),  # full-width letters
]

NOTHING = [
    ("", []),
    ("   ", []),
    ("By", []),
    ("by ", []),
    ("Posted by", []),
    ("| |", []),
    ("2023-10-03", []),
    ("October 3, 2023", []),
]


@pytest.mark.parametrize(
    ("raw", "expected"),
    LEAD_INS + DATES_AND_SITES + ROLES_AND_HANDLES + CO_AUTHORS + CASE_AND_TEXT + NOTHING,
)
def test_byline(raw: str, expected: list[str]) -> None:
    assert normalize.byline(raw) == expected


@pytest.mark.parametrize("raw", [None, 42, ["Bill Roggio"], b"By Bill Roggio", object()])
def test_byline_never_raises_on_non_strings(raw: Any) -> None:
    assert normalize.byline(raw) == []
