"""XPath evaluation with each expression compiled once per process.

`element.xpath("...")` compiles its string on every call (~5 µs). A page object runs about a
hundred XPaths per page, most of them per comment on small elements where compiling cost more
than evaluating, so the tables of `article_markup` and `wordpress_comments` go through here.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from lxml import etree


def select(scope: etree._Element, xpath: str) -> Any:
    """What `scope.xpath(xpath)` returns (elements, strings, a number...), `xpath` compiled once."""
    return _compiled(xpath)(scope)


@lru_cache(maxsize=1024)  # the tables hold ~80 expressions; site profiles add a few each
def _compiled(xpath: str) -> etree.XPath:
    return etree.XPath(xpath)


def class_token(name: str) -> str:
    """Predicates for a class attribute node (`@class[...]`) holding the whole token `name`.

    Testing attribute nodes (`//@class[...]/..`) selects the same elements in the same order as
    testing elements (`//*[...(@class)...]`), and libxml2 then looks only where the attribute is,
    several times faster on a whole page. The plain substring test comes first: it rules out
    nearly every class at a fraction of the cost of normalizing the spaces.
    """
    return f"[contains(., '{name}')][contains(concat(' ', normalize-space(.), ' '), ' {name} ')]"
