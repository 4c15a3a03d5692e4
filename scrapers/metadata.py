"""Machine-readable page metadata: <meta>/<link> tags (Open Graph, article:*) and JSON-LD.

Themes vary without end, but SEO plugins (Yoast, Rank Math, Jetpack) write these the same way on
every site, so extractors ask here first where the page offers them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

from scrapers.html_text import collapse
from scrapers.urls import absolute
from scrapers.xpath import select

ARTICLE_TYPES = frozenset({
    "Article", "BlogPosting", "NewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "ReportageNewsArticle", "BackgroundNewsArticle", "ScholarlyArticle", "Report", "TechArticle",
    "LiveBlogPosting", "SocialMediaPosting",
})


class MetaTags:
    """The page's <meta> contents by property and name, read in one pass: a page object asks for
    a dozen keys, and a whole-page XPath per key cost several times the pass."""

    def __init__(self, tree: HtmlElement) -> None:
        self._contents: dict[str, list[str]] = {}
        for element in tree.getroottree().iter("meta"):  # the whole page, like '//meta'
            content = element.get("content")
            if content is None:
                continue
            # A tag whose property and name are both the key counts once.
            for key in dict.fromkeys((element.get("property"), element.get("name"))):
                if key is not None:
                    self._contents.setdefault(key, []).append(content)

    def first(self, *keys: str) -> str | None:
        """Content of the first non-empty <meta> whose property or name is one of `keys`, in order."""
        for key in keys:
            for value in self._contents.get(key, ()):
                if value.strip():
                    return collapse(value)
        return None

    def all(self, key: str) -> list[str]:
        """Contents of every <meta> with property or name `key` (e.g. repeated article:tag)."""
        return [collapse(v) for v in self._contents.get(key, ()) if v.strip()]


def meta(tree: HtmlElement, *keys: str) -> str | None:
    """Content of the first non-empty <meta> whose property or name is one of `keys`, in order
    (page objects keep a `MetaTags` instead: they ask for many keys)."""
    return MetaTags(tree).first(*keys)


def link_href(tree: HtmlElement, rel: str) -> str | None:
    """Absolute href of the first <link rel=...> carrying the relation `rel`."""
    for link in select(tree, "//link[@href]"):
        if rel in (link.get("rel") or "").lower().split():
            return _absolute(tree, link.get("href"))
    return None


def lang(tree: HtmlElement) -> str | None:
    """Language tag of the page: <html lang>, else og:locale ('en_US' -> 'en-US')."""
    value = (tree.get("lang") or tree.get("xml:lang") or "").strip()
    if not value:
        value = (meta(tree, "og:locale") or "").replace("_", "-")
    return value or None


def json_ld_article(tree: HtmlElement) -> dict[str, Any]:
    """The first Article-like JSON-LD object of the page ({} when there is none or it is broken)."""
    for node in _json_ld_nodes(tree):
        types = node.get("@type")
        types = types if isinstance(types, list) else [types]
        if any(t in ARTICLE_TYPES for t in types if isinstance(t, str)):
            return _resolve_references(node, tree)
    return {}


def json_ld_names(value: Any) -> list[str]:
    """Names out of a JSON-LD author-like value: a string, a Person, or a list of them; not an
    Organization (newsrooms name themselves there when no person is credited)."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict) and "Organization" in str(item.get("@type") or ""):
            continue
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            names.append(collapse(name))
    return names


def names_site(name: str, host: str) -> bool:
    """True when an author value names the site itself ('SPIEGEL ONLINE, Hamburg' on spiegel.de,
    'tagesausblick.de', 'CDU - Fraktion Erfurt' on cdu-fraktion-erfurt.de): many CMSs fill the
    author <meta> with the publisher. A plain personal name ('Sebastian Kurz' on sebastian-kurz.at)
    is kept: personal sites are named after their authors."""
    if _PERSONAL_NAME.fullmatch(name.strip()):
        return False
    labels = [label for label in host.lower().removeprefix("www.").split(".") if label]
    if len(labels) < 2:
        return False
    letters = _letters(name)
    site = _letters(labels[-2])
    return (len(site) >= 4 and site in letters) or _letters(".".join(labels[-2:])) in letters


def _letters(text: str) -> str:
    """Lower-case letters and digits only, umlauts spelt out as in host names ('ü' -> 'ue')."""
    text = text.lower().translate(_UMLAUTS)
    return "".join(char for char in text if char.isalnum())


# Two to four words of letters ('Jean-Luc Picard', "Dan O'Brien"), not all in capitals.
_PERSONAL_NAME = re.compile(r"(?!(?:[^a-z]+)$)(?:[^\W\d_][\w'’-]*\s){1,3}[^\W\d_][\w'’-]*")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def json_ld_strings(value: Any) -> list[str]:
    """A JSON-LD text-or-list value (keywords, articleSection) as a list of strings."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _json_ld_nodes(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in select(tree, "//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content() or "null")
        except ValueError:  # broken JSON-LD is common in the wild; it just offers nothing
            continue
        yield from _flatten(data)


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten(data["@graph"])


def _resolve_references(node: dict[str, Any], tree: HtmlElement) -> dict[str, Any]:
    """Yoast writes author as {"@id": ...} pointing at a Person elsewhere in the graph."""
    by_id = {n["@id"]: n for n in _json_ld_nodes(tree) if isinstance(n.get("@id"), str)}

    def resolve(value: Any) -> Any:
        if isinstance(value, dict) and set(value) == {"@id"}:
            return by_id.get(value["@id"], value)
        if isinstance(value, list):
            return [resolve(v) for v in value]
        return value

    return {key: resolve(value) for key, value in node.items()}


def _absolute(tree: HtmlElement, href: str) -> str | None:
    return absolute(tree.base_url or "", href)
