"""The tag, category and byline XPaths, written on attribute nodes with a shared word tested first
for speed, select what their plain element form selects: the same elements in the same order, on
a page holding every class they name, near misses and the same markup inside a comment."""

from __future__ import annotations

import pytest
from lxml import html

from scrapers.article_markup import (
    BIO_HEADING_XPATH,
    BYLINE_LINE_XPATH,
    BYLINE_XPATHS,
    CATEGORY_XPATHS,
    TAG_XPATHS,
)
from scrapers.xpath import select

_BLOCK = """<div class="{cls}"><a href="/x/{n}/" rel="{rel}">{n}</a><h3>By {n}</h3><p>{n}</p></div>"""
_CLASSES = ["cat-links", "post-categories extra", "entry-categories", "meta-category", "category-news",
            "taxonomy-category wp-block-post-terms", "taxonomy-post_tag wp-block-post-terms",
            "wp-block-post-terms taxonomy-category-x", "tags-links", "post-tags", "entry-tags",
            "tag-links", "entry-tag", "post-tag", "meta-author", "author-link", "byline",
            "author-name", "post-author", "entry-author", "autoren", "Autor", "author vcard",
            "fn author-bio", "about-author", "author-box", "author-info", "entry-meta", "meta",
            "comment-meta", "mycat", "tagline", "dig-autoren", ""]
_RELS = ["tag", "category tag", "category", "author", "tag\tnofollow", "tagged", ""]
PAGE = html.document_fromstring(
    "<html><body><article class='post'>"
    + "".join(_BLOCK.format(cls=cls, rel=_RELS[i % len(_RELS)], n=i) for i, cls in enumerate(_CLASSES))
    + "<small>small print</small><p><p>nested</p></p>"
    + "<a class='entry-tag post-tag' href='/tag/x/'>x</a><a href='/author/y/'>y</a></article>"
    + "<div class='comment'>"
    + "".join(_BLOCK.format(cls=cls, rel="tag", n=f"c{i}") for i, cls in enumerate(_CLASSES))
    + "</div></body></html>")

HAS_CLASS = "contains(concat(' ', normalize-space(@class), ' '), ' {} ')"
OTHER_TERMS_BLOCK = ("ancestor::*[contains(@class, 'wp-block-post-terms')"
                     " and not(contains(@class, 'taxonomy-post_tag'))]")
# The element-form spellings the tables had before (git history of scrapers/article_markup.py).
ELEMENT_FORMS = {
    TAG_XPATHS[0]: ".//a[contains(concat(' ', normalize-space(@rel), ' '), ' tag ')"
                   f" and not(contains(@rel, 'category')) and not({OTHER_TERMS_BLOCK})]",
    TAG_XPATHS[1]: ".//*[contains(@class, 'tags-links') or contains(@class, 'post-tags')"
                   " or contains(@class, 'entry-tags') or contains(@class, 'tag-links')]//a",
    TAG_XPATHS[2]: ".//a[contains(@class, 'entry-tag') or contains(@class, 'post-tag')]",
    TAG_XPATHS[3]: ".//a[contains(@href, '/tag/')]",
    CATEGORY_XPATHS[0]: ".//a[contains(concat(' ', normalize-space(@rel), ' '), ' category ')]",
    CATEGORY_XPATHS[1]: f".//*[{HAS_CLASS.format('taxonomy-category')}]//a",
    CATEGORY_XPATHS[2]: ".//*[contains(@class, 'cat-links') or contains(@class, 'post-categories')"
                        " or contains(@class, 'entry-categories') or contains(@class, 'meta-category')]//a",
    BYLINE_XPATHS[1]: ".//*[contains(@class, 'meta-author') or contains(@class, 'author-link')]//a",
    BYLINE_XPATHS[7]: ".//*[contains(@class, 'byline') or contains(@class, 'author-name')"
                      " or contains(@class, 'post-author') or contains(@class, 'entry-author')]",
    BYLINE_XPATHS[8]: ".//*[contains(@class, 'autor') or contains(@class, 'Autor')]",
    BYLINE_LINE_XPATH: ".//small | .//*[contains(@class, 'meta')] | .//p[not(ancestor::p)]",
    BIO_HEADING_XPATH: ".//*[contains(@class, 'author-bio') or contains(@class, 'about-author')"
                       " or contains(@class, 'author-box') or contains(@class, 'author-info')]"
                       "//*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6"
                       " or contains(@class, 'author-title')]",
}


@pytest.mark.parametrize("fast", list(ELEMENT_FORMS), ids=range(len(ELEMENT_FORMS)))
@pytest.mark.parametrize("scope", ["article", "tree"])
def test_fast_form_selects_what_the_element_form_selects(fast: str, scope: str) -> None:
    root = PAGE.find(".//article") if scope == "article" else PAGE
    want = select(root, ELEMENT_FORMS[fast])
    assert want, "the page must hold something for each XPath, or the comparison proves nothing"
    assert select(root, fast) == want
