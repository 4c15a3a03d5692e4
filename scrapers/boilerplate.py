"""What is not the article inside the article's container: bios, share buttons, appeals, related.

Plugins (Jetpack, YARPP, Shariff, Simple Author Box...) append these through `the_content`, so they
sit inside `.entry-content` on real sites. They are recognized by class and id tokens, which plugins
keep stable across themes; a site profile adds its own XPaths for what only it prints.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from lxml.html import HtmlElement

from scrapers.html_text import is_element, remove

# Substrings of class/id tokens that mark boilerplate. Kept specific: 'ad' or 'share' alone
# would also hit 'heading' or 'shared-story'.
_MARKERS = (
    "author-bio", "authorbio", "about-author", "author-box", "authorbox", "author-info",
    "author-description", "saboxplugin", "sharedaddy", "sd-sharing", "share-buttons", "sharing",
    "shariff", "social-share", "share-links", "addtoany", "a2a_kit", "jp-relatedposts",
    "related-posts", "relatedposts", "related_posts", "yarpp", "crp_related", "donation", "donate",
    "newsletter", "subscribe", "adsbygoogle", "advert", "post-navigation", "nav-links",
    "comments-area", "comment-respond", "sidebar", "widget", "breadcrumb", "wpcnt", "wp-block-buttons",
    "print-link", "printfriendly", "screen-reader-text", "jetpack-likes", "sd-like",
    # Meta lines (tags, categories, 'Posted in') that some themes put inside the body container.
    "entry-footer", "entryfooter", "entry-meta", "entrymeta", "postmetadata", "post-meta",
    "entry-tags", "tags-links", "tag-links",
)
_ALWAYS = ("script", "style", "noscript", "template", "form", "iframe", "button", "nav", "aside")


def cleaned(container: HtmlElement, extra_xpaths: Iterable[str] = ()) -> HtmlElement:
    """A copy of `container` without boilerplate; the page's own tree is left untouched."""
    body = copy.deepcopy(container)
    doomed = [el for el in body.iter() if el is not body and is_element(el) and _is_boilerplate(el)]
    for xpath in extra_xpaths:
        doomed += [el for el in body.xpath(_relative(xpath)) if is_element(el)]
    for element in doomed:
        remove(element)
    return body


def _is_boilerplate(element: HtmlElement) -> bool:
    if element.tag in _ALWAYS:
        return True
    tokens = f"{element.get('class') or ''} {element.get('id') or ''}".lower().split()
    return any(marker in token for token in tokens for marker in _MARKERS)


def _relative(xpath: str) -> str:
    """Profile XPaths are written for the whole page ('//div...'); apply them inside the body."""
    return "." + xpath if xpath.startswith("/") else xpath
