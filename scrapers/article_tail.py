"""The end matter long-form sites type into the post itself: the author's bio and the donation appeal.

Long War Journal (and many sites like it) end every post with a paragraph about the author
("Caleb Weiss is an editor of ...") and an appeal ("Are you a dedicated reader...? ... You can make a
tax-deductible donation here."), often after an `<hr>`. No plugin class marks them, so they are
recognized by what they say, and only at the very end of the body: a bio opens with the name of
one of the post's bylined authors; an appeal links somewhere and asks for money or support.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from scrapers.html_text import collapse, is_element, remove
from scrapers.xpath import select

_MAX_WORDS = 90  # a bio or an appeal is a short paragraph; a longer one is the article's
_MAX_TRAILING = 4  # bio, appeal, a rule and a spare: never reach further into the article
_APPEAL = re.compile(
    r"\b(donat\w*|donar\w*|\bdon\b|spende\w*|support (our|us|independent)|soutenez|apoya\w*|patreon)",
    re.IGNORECASE,
)


def strip_end_matter(body: HtmlElement, byline: str | None) -> HtmlElement:
    """`body` (a copy the caller owns) without a trailing author bio, appeal or separating rule."""
    for _ in range(_MAX_TRAILING):
        last = _last_block(body)
        if last is None or not (_is_rule(last) or _is_appeal(last) or _is_bio(last, byline)):
            break
        remove(last)
    return body


def _last_block(body: HtmlElement) -> HtmlElement | None:
    """The last child element that shows something (text or a rule)."""
    for child in reversed(body):
        if is_element(child) and (_is_rule(child) or collapse(child.text_content())):
            return child
    return None


def _is_rule(element: HtmlElement) -> bool:
    return element.tag == "hr" or "wp-block-separator" in (element.get("class") or "")


def _is_appeal(element: HtmlElement) -> bool:
    text = collapse(element.text_content())
    return (
        len(text.split()) <= _MAX_WORDS
        and bool(select(element, ".//a[@href]"))
        and bool(_APPEAL.search(text))
    )


def _is_bio(element: HtmlElement, byline: str | None) -> bool:
    """A short paragraph opening with a bylined author's full name ('Bill Roggio is ...').

    >>> from lxml.html import fragment_fromstring as f
    >>> _is_bio(f("<p><em>Bill Roggio is the editor.</em></p>"), "By Bill Roggio and Tom Joscelyn")
    True
    >>> _is_bio(f("<p>Oren Adaki provided the translation.</p>"), "Caleb Weiss")
    False
    """
    text = collapse(element.text_content())
    if not byline or len(text.split()) > _MAX_WORDS:
        return False
    name: list[str] = []
    for word in text.split()[:4]:
        if not word[0].isupper():
            break
        name.append(word.rstrip(",.;:"))
    # The longest run of capitalized opening words (two at least) that the byline prints:
    # 'Bill Roggio' of 'Bill Roggio is ...', never a first name alone.
    printed = collapse(byline)
    return any(" ".join(name[:n]) in printed for n in range(len(name), 1, -1))
