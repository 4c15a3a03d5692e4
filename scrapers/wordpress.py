"""The WordPress article page object: the generic article fields plus the comment thread.

WordPress adds what the generic extractor cannot know: comment pages (`comment-page-N`, whose
canonical URL is the comment page, not the post), core's comment markup, and the stated count.
"""

from __future__ import annotations

from functools import cached_property

from lxml.html import HtmlElement

from scrapers.comment_pages import (
    comment_page_urls,
    known_comment_page,
    stated_comment_count,
    without_comment_page,
)
from scrapers.generic import GenericArticlePage
from scrapers.html_text import collapse
from scrapers.items import ArticlePage, Comment, PageLinks
from scrapers.rest_api import api_root
from scrapers.rest_comments import page_post_id
from scrapers.wordpress_comments import comment_elements, reader_comments
from scrapers.wpdiscuz_comments import comments as wpdiscuz_comments
from scrapers.xpath import class_token, select

_POST_CATEGORY_MENU_ITEMS = f"//li/@class{class_token('current-post-parent')}/../a"


class WordPressArticlePage(GenericArticlePage):
    """One page of a WordPress post: the article, the comments of this comment page, more pages."""

    READS_LAYOUT = False  # WordPress themes mark the post up (entry-content, published time)

    def to_item(self) -> ArticlePage:
        """The article, its comments on this page, and links to its other comment pages."""
        return ArticlePage(
            article=self.article(),
            comments=self.comments,
            links=PageLinks(
                comment_pages=comment_page_urls(self.tree, self.response.url, self.known_page),
                this_page=self.known_page,
            ),
            comment_page=self.comment_page,
            post_id=page_post_id(self.tree),
            api_root=api_root(self.response),
        )

    @cached_property
    def comments(self) -> list[Comment]:
        """The reader comments of this page: wpDiscuz's markup where the plugin prints the list
        (core's ids are there too, but not its nesting), else core's."""
        return (wpdiscuz_comments(self.tree, self.url, self.comment_page)
                or reader_comments(self.shown_comments, self.url, self.comment_page))

    @cached_property
    def url(self) -> str:
        """The post's permalink (WordPress's canonical for comment page N is that page's URL)."""
        return without_comment_page(super().url)

    @cached_property
    def comment_page(self) -> int:
        """Which comment page of the post this response is (1 when the page does not say)."""
        return self.known_page or 1

    @cached_property
    def known_page(self) -> int | None:
        """The comment page number as the page states it (URL, permalinks, navigation), or None."""
        shown = {comment_id for comment_id, _ in self.shown_comments}
        return known_comment_page(self.response.url, self.tree, shown)

    @cached_property
    def shown_comments(self) -> list[tuple[str, HtmlElement]]:
        """(id, element) of every comment and ping on the page, found once: the comments, the
        comment page number and the count all need them."""
        return comment_elements(self.tree)

    @cached_property
    def categories_raw(self) -> list[str]:
        """Printed category links, else the menu items WordPress marks as this post's categories
        (`current-post-parent`: themes that print no category line still have them in menus)."""
        printed = super().categories_raw
        if printed:
            return printed
        labels = (collapse(a.text_content()) for a in select(self.tree, _POST_CATEGORY_MENU_ITEMS))
        return list(dict.fromkeys(label for label in labels if label))

    @property
    def comment_count(self) -> int | None:
        """The count the theme states (WordPress counts pings too), else JSON-LD commentCount."""
        stated = stated_comment_count(self.tree)
        if stated is not None:
            return stated
        if not self.shown_comments and select(self.tree, "//@id[. = 'respond' or . = 'comments']/.."):
            return 0  # an open thread with nothing in it: themes print no title, the count is 0
        return super().comment_count
