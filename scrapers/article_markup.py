"""Where themes put an article's parts: the XPath tables and element tests of the page objects.

Ordered from the most to the least reliable markup: schema.org/JSON-LD-backed attributes, WordPress
core and hAtom classes most themes share, then common theme variants. Kept apart from the page
object so the strategy (`generic.py`) reads without the tables in the way.
"""

from __future__ import annotations

import copy
import re

from lxml.html import HtmlElement

from scrapers.html_text import remove
from scrapers.xpath import class_token, select

HAS_CLASS = "contains(concat(' ', normalize-space(@class), ' '), ' {} ')"
VISIBLE_TEXT = "visible text"
"""Pseudo-attribute of DATE_XPATHS: the element's text without links and hidden microdata."""
HIDDEN_XPATH = (".//a | .//*[contains(@class, 'hidden') or contains(@class, 'updated')"
                 " or contains(@class, 'vcard') or contains(@class, 'screen-reader')]")
# Whole-page XPaths test attribute nodes, not elements: see `class_token`.
POST_XPATHS = (
    f"//@class{class_token('type-post')}/..",
    f"//@class{class_token('hentry')}/..",
    "//@id[starts-with(., 'post-')]/parent::*[self::article or self::div]",
    "//@itemtype[contains(., 'Article') or contains(., 'BlogPosting')]/..",
    "//article",
    "//main",
)
TITLE_XPATHS = (
    ".//h1[contains(@class, 'entry-title') or contains(@class, 'post-title')]",
    "descendant::*/@class[contains(., 'wp-block-post-title')]/..",  # WordPress core block (block themes)
    ".//*[contains(@class, 'entry-title') or contains(@class, 'post-title')][not(self::a)]",
    ".//*[@itemprop='headline']",
)
BODY_XPATHS = (
    "descendant::*/@itemprop[. = 'articleBody']/..",
    f"descendant::*/@class{class_token('entry-content')}/..",
    "descendant::*/@class[contains(., 'post-content') or contains(., 'entry-body')"
    " or contains(., 'article-content') or contains(., 'post-body')"
    " or contains(., 'single-content') or contains(., 'post-entry')"
    " or contains(., 'td-post-content') or contains(., 'article-body')]/..",
    f"descendant::*/@class{class_token('entry')}/..",
    f"descendant::*/@class{class_token('content')}/..",
)
# The byline XPaths test attribute nodes (`descendant::*/@class[contains(., 'x')]/..`) rather than
# elements (`.//*[contains(@class, 'x')]`): the same elements in the same order, but libxml2 then
# evaluates the predicate only where the attribute exists, 3-4x faster on a whole page, and
# `byline_raw` runs all of them on the post and then on the whole tree when the theme prints none
# (Twenty Twenty-One with an author bio); a word every alternative holds ('author') goes first.
BYLINE_XPATHS = (
    "descendant::a/@rel[contains(concat(' ', normalize-space(.), ' '), ' author ')]/..",
    "descendant::*/@class[contains(., 'author')][contains(., 'meta-author') or contains(., 'author-link')]"
    "/../descendant::a",
    "descendant::a/@href[contains(., '/author/')]/..",
    "descendant::*/@itemprop[. = 'author']/../descendant::*/@itemprop[. = 'name']/..",
    "descendant::*/@class[contains(., 'author') and contains(., 'vcard')]/.."
    "/descendant::*/@class[contains(., 'fn')]/..",
    "descendant::*/@class[contains(., 'author') and contains(., 'vcard')]/..",
    "descendant::*/@itemprop[. = 'author']/..",
    "descendant::*/@class[contains(., 'byline') or contains(., 'author')][contains(., 'byline')"
    " or contains(., 'author-name') or contains(., 'post-author') or contains(., 'entry-author')]/..",
    # German newsrooms: 'autor', 'autoren', 'Autor' ('dig-autoren', 'article-autor').
    "descendant::*/@class[contains(., 'utor')][contains(., 'autor') or contains(., 'Autor')]/..",
)
DATE_XPATHS = (  # (element XPath, attribute holding the date or '' for the element's text)
    (".//time[contains(@class, 'published') or contains(@class, 'entry-date')][@datetime]",
     "datetime"),
    (".//*[@itemprop='datePublished'][@content]", "content"),
    (".//*[@itemprop='datePublished'][@datetime]", "datetime"),
    (".//abbr[contains(@class, 'published')][@title]", "title"),
    (".//time[@datetime]", "datetime"),
    (".//*[contains(@class, 'entry-date') or contains(@class, 'posted-on')"
     " or contains(@class, 'post-date') or contains(@class, 'published')"
     " or contains(@class, 'meta-date') or " + HAS_CLASS.format("date") + "]", ""),
    # Last resort: a meta line's own words ('June 19th, 2018 | News'), hidden microdata removed.
    (".//*[contains(@class, 'meta') and not(contains(@class, 'comment'))"
     " and not(.//*[contains(@class, 'meta')])]", VISIBLE_TEXT),
)
MODIFIED_XPATHS = (
    (".//time[contains(@class, 'updated')][@datetime]", "datetime"),
    (".//*[@itemprop='dateModified'][@content]", "content"),
    (f".//*[{HAS_CLASS.format('updated')}]", ""),
)
# WordPress's post-terms block marks every term link rel="tag", categories too; its wrapper names
# the taxonomy (`taxonomy-category`, `taxonomy-post_tag`).
OTHER_TERMS_BLOCK = ("ancestor::*[contains(@class, 'wp-block-post-terms')"
                      " and not(contains(@class, 'taxonomy-post_tag'))]")
# Tags and categories are looked for in the post, then in the whole page when the theme prints
# none (often): attribute-node tests (`class_token`), with a shared word ('tag', 'cat') tested
# before the alternatives, cost a fifth of the element tests on a whole page.
TAG_XPATHS = (
    f"descendant::a/@rel{class_token('tag')}[not(contains(., 'category'))]"
    f"/parent::*[not({OTHER_TERMS_BLOCK})]",
    "descendant::*/@class[contains(., 'tag')][contains(., 'tags-links') or contains(., 'post-tags')"
    " or contains(., 'entry-tags') or contains(., 'tag-links')]/..//a",
    "descendant::a/@class[contains(., 'entry-tag') or contains(., 'post-tag')]/..",
    "descendant::a/@href[contains(., '/tag/')]/..",
)
CATEGORY_XPATHS = (
    f"descendant::a/@rel{class_token('category')}/..",
    f"descendant::*/@class{class_token('taxonomy-category')}/..//a",
    "descendant::*/@class[contains(., 'cat')][contains(., 'cat-links')"
    " or contains(., 'post-categories') or contains(., 'entry-categories')"
    " or contains(., 'meta-category')]/..//a",
)
BYLINE_LINE_XPATH = ("descendant::small | descendant::*/@class[contains(., 'meta')]/.."
                     " | descendant::p[not(ancestor::p)]")
# The post's author box ('By Name' heading): themes that show it print no byline in the header.
# 'by Name' ('von', 'par', 'por', 'door', 'di') in a line of text.
BYLINE_WORD = re.compile(r"(^|\s)(by|von|par|por|door|di)\s+\w", re.IGNORECASE)
# A footer's credits ('© 2012 - made by ...', 'Powered by WordPress'), not the article's byline.
CREDITS = re.compile(r"©|\b(?:made|powered|designed|theme|hosted)\s+by\b", re.IGNORECASE)
# An <h1> holding one of these is the site's logo, not the headline.
LOGO_XPATH = ".//img | .//svg | .//object | .//picture"
BIO_HEADING_XPATH = (
    "descendant::*/@class[contains(., 'author')][contains(., 'author-bio') or contains(., 'about-author')"
    " or contains(., 'author-box') or contains(., 'author-info')]/.."
    "//*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6 or contains(@class, 'author-title')]"
)

ASIDE_MARKERS = ("comment", "sidebar", "widget", "author-bio", "about-author", "author-box",
                  "related", "respond", "footer-widgets", "saboxplugin", "menu", "tagcloud",
                  "tag-cloud")


COMMENT_TOKENS = frozenset({"comment", "comments", "commentlist", "comment-list"})


def is_aside(element: HtmlElement) -> bool:
    """Comments, sidebars, bios and related-post blocks: never the article's own metadata."""
    if element.tag in ("body", "html"):  # body classes like 'has-sidebar' describe the layout
        return False
    if element.tag in ("form", "nav"):  # not <aside>: themes use it for tag lists, too
        return True
    tokens = f"{element.get('class') or ''} {element.get('id') or ''}".lower().split()
    return any(m in t for t in tokens for m in ASIDE_MARKERS)


def in_comment(element: HtmlElement) -> bool:
    """Inside a reader comment (block themes print each comment as an <article>)."""
    for el in (element, *element.iterancestors()):
        tokens = f"{el.get('class') or ''} {el.get('id') or ''}".lower().split()
        if any(t in COMMENT_TOKENS or t.startswith(("comment-", "comments-")) for t in tokens):
            return True
    return False


def text_or_attribute(element: HtmlElement, attribute: str) -> str:
    """The date-bearing value of a DATE_XPATHS hit: an attribute, the visible text, or all text."""
    if attribute == VISIBLE_TEXT:
        element = copy.deepcopy(element)
        for hidden in select(element, HIDDEN_XPATH):
            remove(hidden)
        return " ".join(element.itertext())  # '2018</span><span>|' must not become '2018|'

    return element.get(attribute, "") if attribute else element.text_content()


def looks_like_date(text: str) -> bool:
    return bool(text) and bool(re.search(r"\d", text)) and len(text) < 120


def is_byline_line(line: str) -> bool:
    """A short line reading 'by Name' that is neither a footer's credits nor a teaser's sentence."""
    lead = BYLINE_WORD.search(line)
    return (len(line) < 80 and lead is not None and not CREDITS.search(line)
            and _byline_shape(line[:lead.start()], line[lead.end() - 1:]))


def _byline_shape(before: str, after: str) -> bool:
    """A byline's lead-in opens the line or follows a date or a word or two ('Posted on 3 May 2019
    by', 'Text und Fotos von'); the words after it, up to a date or '|', are few enough to be
    names. A teaser's sentence ('... die AGB von Amazon, der Firma ihres ...') is neither."""
    names = re.split(r"[|\d]", after, maxsplit=1)[0].split()
    return len(names) <= 6 and (len(before.split()) <= 3 or any(c.isdigit() for c in before))


def one_byline(found: list[HtmlElement]) -> list[HtmlElement]:
    """The first match and the matches next to it (co-authors share a byline): a page's teaser
    lists repeat the same markup for other articles' authors further down."""
    if len(found) < 2:
        return found
    parent = found[0].getparent()
    block = parent.getparent() if parent is not None else None
    if block is None:
        return found[:1]
    inside = set(block.iter())
    return [el for el in found if el in inside]
