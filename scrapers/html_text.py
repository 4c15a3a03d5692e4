"""Plain text of HTML elements, the way a reader sees it: blocks become paragraphs.

Shared by every page object, so article bodies and comment texts are laid out one way everywhere.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tr", "ul",
})
_LINE_BREAKS = frozenset({"br", "li", "tr", "dt", "dd"})
_CELLS = frozenset({"td", "th"})  # cells of one row are words apart, as a browser shows them
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "button",
                        "select", "textarea", "input"})
_PARAGRAPH = "\x00"  # marks a block boundary until the final layout
_LINE = "\x01"  # marks a line break we inserted (<br>, <li>); source newlines are only layout


def collapse(text: str) -> str:
    """Whitespace (non-breaking too) collapsed to single spaces, ends stripped.

    >>> collapse("  a\\u00a0 b\\n c ")
    'a b c'
    """
    return " ".join(text.split())


def element_text(element: HtmlElement) -> str:
    """Text of `element`: paragraphs separated by blank lines, <br> and list items by newlines.

    >>> from lxml.html import fragment_fromstring as f
    >>> element_text(f("<div><h2>T</h2><p>a &amp; <em>b</em><br>c</p><ul><li>d</li><li>e</li></ul></div>"))
    'T\\n\\na & b\\nc\\n\\nd\\ne'
    """
    parts: list[str] = []
    _walk(element, parts, with_tail=False)  # the tail follows the element; it is not inside it
    return _layout("".join(parts))


def _walk(element: HtmlElement, parts: list[str], with_tail: bool = True) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _INVISIBLE or not tag:  # comments and processing instructions have no str tag
        if element.tail and with_tail:
            parts.append(element.tail)
        return
    boundary = _PARAGRAPH if tag in _BLOCKS and tag not in _LINE_BREAKS else ""
    if tag in _LINE_BREAKS:
        parts.append(_LINE)
    elif tag in _CELLS:
        parts.append(" ")
    parts.append(boundary)
    if element.text:
        parts.append(element.text)
    for child in element:
        _walk(child, parts)
    parts.append(boundary)
    if element.tail and with_tail:
        parts.append(element.tail)


def _layout(raw: str) -> str:
    paragraphs = []
    for block in raw.split(_PARAGRAPH):
        lines = (collapse(line) for line in block.split(_LINE))
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Characters lxml will not take in text set from Python (XML 1.0 allows tab, LF and CR)."""


def remove(element: HtmlElement) -> None:
    """Drop `element` from its tree but keep its tail text attached to the previous node."""
    parent = element.getparent()
    if parent is None:
        return
    # lxml's HTML parser keeps C0 controls of a damaged page in the tree but refuses them when
    # text is set from Python: drop them from what moves (found by fuzzing, docs/reliability.md).
    tail = _CONTROLS.sub("", element.tail or "")
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = _CONTROLS.sub("", previous.tail or "") + tail
        else:
            parent.text = _CONTROLS.sub("", parent.text or "") + tail
    parent.remove(element)


def is_element(node: object) -> bool:
    """True for element nodes (not comments, processing instructions or entities)."""
    return isinstance(node, etree._Element) and isinstance(node.tag, str)
