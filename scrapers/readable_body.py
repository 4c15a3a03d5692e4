"""Article text of a page whose markup names no article body: trafilatura's main-content extraction.

Generic pages (news sites, Drupal, TYPO3, SPIP, Blogger, custom CMSs) rarely print the hAtom /
schema.org classes the generic page object looks for first, and its densest-block fallback keeps
teasers and loses paragraphs. trafilatura (text-density rules plus readability and jusText as
fallbacks) scores clearly better on real pages (docs/extraction.md), so generic pages take their text
from it. Its output tree (TEI-like tags) is renamed to HTML and laid out by `html_text.element_text`,
so paragraphs look the same as in every other record.
"""

from __future__ import annotations

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from scrapers.html_text import element_text, is_element, remove

# trafilatura's output tags -> the HTML tags `element_text` lays out the same way.
_AS_HTML = {
    "head": "h2", "quote": "blockquote", "list": "ul", "item": "li", "lb": "br", "row": "tr",
    "cell": "td", "code": "pre", "hi": "span", "ref": "a", "del": "span",
}
_DROPPED = frozenset({"graphic"})


def main_text(tree: HtmlElement, url: str) -> str:
    """The main text of the page at `url` ('' when trafilatura finds none). `tree` is not changed:
    trafilatura works on a copy."""
    document = trafilatura.bare_extraction(
        tree, url=url, include_comments=False, include_tables=True, include_images=False,
        with_metadata=False, deduplicate=False)
    body = getattr(document, "body", None)
    return as_text(body) if body is not None else ""


def as_text(body: etree._Element) -> str:
    """Text of a trafilatura output tree, blocks as paragraphs (renames the tree's tags in place).

    >>> from lxml import etree
    >>> as_text(etree.fromstring("<body><head>T</head><p>a<lb/>b</p><list><item>c</item>"
    ...                          "<item>d</item></list></body>"))
    'T\\n\\na\\nb\\n\\nc\\nd'
    """
    for element in list(body.iter()):
        if not is_element(element):
            continue
        if element.tag in _DROPPED:
            remove(element)
        else:
            element.tag = _AS_HTML.get(element.tag, element.tag)
    return element_text(body)
