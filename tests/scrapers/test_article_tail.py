"""End matter typed into the post: a trailing author bio and donation appeal go, the article stays."""

from __future__ import annotations

from lxml.html import HtmlElement, fragment_fromstring

from scrapers.article_tail import strip_end_matter
from scrapers.html_text import element_text

BYLINE = "By Bill Roggio and Caleb Weiss"
STORY = "<p>Caleb Weiss reported from the front.</p><p>The offensive began at dawn.</p>"
BIO = "<p><em>Bill Roggio is the editor of FDD's Long War Journal.</em></p>"
APPEAL = ("<p>Are you a dedicated reader? <a href='https://e.org/donate'>You can make a tax-deductible "
          "donation here.</a></p>")


def _body(html: str) -> HtmlElement:
    return fragment_fromstring(f"<div>{html}</div>")


def test_a_trailing_bio_rule_and_appeal_are_cut() -> None:
    body = strip_end_matter(_body(STORY + "<hr>" + BIO + APPEAL + "\n  "), BYLINE)
    assert element_text(body) == "Caleb Weiss reported from the front.\n\nThe offensive began at dawn."


def test_only_the_end_is_looked_at() -> None:
    # An appeal and a paragraph opening with a bylined name, both before the article's last words.
    body = strip_end_matter(_body(APPEAL + STORY), BYLINE)
    assert element_text(body) == element_text(_body(APPEAL + STORY))


def test_without_a_byline_no_paragraph_is_taken_for_a_bio() -> None:
    body = strip_end_matter(_body(STORY + BIO), None)
    assert element_text(body).endswith("Bill Roggio is the editor of FDD's Long War Journal.")


def test_a_long_last_paragraph_is_the_articles_even_with_a_donate_link() -> None:
    long = "<p>" + "word " * 100 + "<a href='/x'>donate</a></p>"
    body = strip_end_matter(_body(STORY + long), BYLINE)
    assert element_text(body).endswith("donate")
