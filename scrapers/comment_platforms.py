"""Reader comments printed by platforms other than WordPress core: which platform, and its comments.

Detection is by each platform's own comment markup, not by generator tags: sites strip those, and
the markup is what the comments are read from anyway. Order matters only where markups could both
appear: wpDiscuz runs on WordPress and also prints `comment` classes, so it is tried first.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml.html import HtmlElement

from scrapers import blogger_comments, drupal_comments, spip_comments, wpdiscuz_comments
from scrapers.items import Comment
from scrapers.xpath import select

Extractor = Callable[[HtmlElement, str, int], list[Comment]]

MARKERS: dict[str, str] = {
    "wpdiscuz": "//@id[starts-with(., 'wpd-comm-')]",
    "drupal": drupal_comments.COMMENT_XPATH,
    "blogger": f"{blogger_comments.COMMENT_XPATH} | {blogger_comments.CLASSIC_XPATH}",
    "spip": spip_comments.ANCHOR_XPATH,
}
"""Per platform, an XPath that finds something only that platform's comment markup prints."""
_EXTRACTORS: dict[str, Extractor] = {
    "wpdiscuz": wpdiscuz_comments.comments,
    "drupal": drupal_comments.comments,
    "blogger": blogger_comments.comments,
    "spip": spip_comments.comments,
}


def platform_comments(tree: HtmlElement, article_url: str, comment_page: int = 1
                      ) -> tuple[str | None, list[Comment]]:
    """(platform, its comments) for the first platform whose markup yields comments on the page;
    (None, []) when none does."""
    for name, marker in MARKERS.items():
        if select(tree, marker):
            found = _EXTRACTORS[name](tree, article_url, comment_page)
            if found:
                return name, found
    return None, []


def has_platform_comments(tree: HtmlElement) -> bool:
    """The page shows a comment thread of one of these platforms (so it is a single article)."""
    return platform_comments(tree, "", 1)[0] is not None
