"""The article page object for any CMS: metadata first, then hAtom/schema.org markup, then layout.

Each field tries, in order, what sites write for machines (Open Graph, `article:*`, JSON-LD), the
microformats most themes share (`hentry`, `entry-title`, `entry-content`, `rel=tag`), and finally
plain layout (the first <h1>, the container holding most paragraph text). Raw values only: the
normalizer chain in `pipelines` makes them comparable.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from functools import cached_property
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml.html import HtmlElement

from scrapers import metadata, page_date, readable_body
from scrapers.article_markup import (
    BIO_HEADING_XPATH,
    BODY_XPATHS,
    BYLINE_LINE_XPATH,
    BYLINE_WORD,
    BYLINE_XPATHS,
    CATEGORY_XPATHS,
    DATE_XPATHS,
    LOGO_XPATH,
    MODIFIED_XPATHS,
    POST_XPATHS,
    TAG_XPATHS,
    TITLE_XPATHS,
    in_comment,
    is_aside,
    is_byline_line,
    looks_like_date,
    one_byline,
    text_or_attribute,
)
from scrapers.article_tail import strip_end_matter
from scrapers.boilerplate import cleaned
from scrapers.comment_platforms import platform_comments
from scrapers.html_text import collapse, element_text
from scrapers.http import HttpResponse
from scrapers.items import Article, ArticlePage
from scrapers.profile import SiteProfile
from scrapers.xpath import select

_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)/")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s+::\s+")


class GenericArticlePage:
    """Extracts one article page (`to_item`); comments only where a known comment platform (Drupal,
    Blogger, SPIP, wpDiscuz: `comment_platforms`) prints them, WordPress core's in its own class."""

    READS_LAYOUT: ClassVar[bool] = True
    """Text from trafilatura and the publication day from htmldate (`readable_body`, `page_date`):
    pages of CMSs without the markup below. Platform page objects whose markup is known set it
    False, as does a site profile naming the body."""

    def __init__(self, response: HttpResponse, profile: SiteProfile | None = None) -> None:
        self.response = response
        self.profile = profile
        self.tree = response.tree
        self.ld = metadata.json_ld_article(self.tree)
        self.meta_tags = metadata.MetaTags(self.tree)

    def to_item(self) -> ArticlePage:
        """The article (raw fields filled; the chain normalizes them) and its comments, if any."""
        return ArticlePage(article=self.article(), comments=platform_comments(self.tree, self.url)[1])

    def article(self) -> Article:
        """The Article record of this page, raw fields as printed."""
        text = self.text
        return Article(
            url=self.url,
            site=self.profile.name if self.profile else urlsplit(self.url).hostname or "",
            title=self.title,
            byline_raw=self.byline_raw,
            published_raw=self.published_raw,
            modified_raw=self.modified_raw,
            tags_raw=self.tags_raw,
            categories_raw=self.categories_raw,
            summary=self.summary,
            text=text,
            word_count=len(text.split()),
            comment_count=self.comment_count,
            lang=metadata.lang(self.tree),
        )

    @cached_property
    def url(self) -> str:
        """Canonical URL: rel=canonical, else og:url, else the fetched URL; never a fragment."""
        url = metadata.link_href(self.tree, "canonical") or self.meta_tags.first("og:url")
        try:
            return urlunsplit(urlsplit(url or self.response.url)._replace(fragment=""))
        except ValueError:  # an og:url that is not a URL ('http://[oops'): the fetched one
            return urlunsplit(urlsplit(self.response.url)._replace(fragment=""))

    @cached_property
    def text(self) -> str:
        """Article text, paragraphs separated by blank lines: trafilatura's main text on pages read
        by layout, else (or when it finds none) the body container's."""
        if self._reads_layout:
            found = readable_body.main_text(self.tree, self.response.url)
            if found:
                return found
        return element_text(self.article_body) if self.article_body is not None else ""

    @property
    def _reads_layout(self) -> bool:
        return self.READS_LAYOUT and not (self.profile and self.profile.selectors.body)

    @cached_property
    def post(self) -> HtmlElement:
        """The element holding the article (title, meta, body), else the whole <body>."""
        for xpath in POST_XPATHS:
            found = [el for el in select(self.tree, xpath) if not in_comment(el)]
            best = [el for el in found if select(el, TITLE_XPATHS[0] + " | .//h1")] or found
            if best:
                return best[0]
        body = self.tree.find("body")
        return body if body is not None else self.tree

    @cached_property
    def body_container(self) -> HtmlElement | None:
        """The element holding the article's text, before boilerplate removal."""
        selector = self.profile.selectors.body if self.profile else ""
        if selector:
            found = self.tree.xpath(selector)
            return found[0] if found else None
        for scope in (self.post, self.tree):
            for xpath in BODY_XPATHS:
                found = [el for el in select(scope, xpath) if collapse(el.text_content())]
                if found:
                    return found[0]
        return _densest_block(self.tree)

    @cached_property
    def body(self) -> HtmlElement | None:
        """The body container without boilerplate (a copy)."""
        if self.body_container is None:
            return None
        extra = self.profile.selectors.exclude if self.profile else ()
        return cleaned(self.body_container, extra)

    @cached_property
    def article_body(self) -> HtmlElement | None:
        """The body without the author bio and appeal typed at its end (they need the byline,
        which is read with the body's help, hence a second copy)."""
        if self.body is None:
            return None
        return strip_end_matter(copy.deepcopy(self.body), self.byline_raw)

    @cached_property
    def title(self) -> str | None:
        """Headline: the post's entry-title/h1, else JSON-LD headline, og:title, <title>."""
        selector = self.profile.selectors.title if self.profile else ""
        for found in self.tree.xpath(selector) if selector else ():
            return collapse(found.text_content()) or None
        for xpath in TITLE_XPATHS:
            for found in select(self.post, xpath):
                if collapse(found.text_content()):
                    return collapse(found.text_content())
        headline = self.ld.get("headline")
        if isinstance(headline, str) and headline.strip():
            return collapse(headline)
        return self._lone_h1() or self.meta_tags.first("og:title") or self._h1_or_document_title()

    def _lone_h1(self) -> str | None:
        """The page's only <h1>, unless it is the site's logo or name (an image in it, or a link
        to the home page): og:title is often an SEO variant of the headline ('Der Schlachtplan
        zum Wunschgewicht' for 'Die 8 effektivsten Tipps') or carries the site name."""
        found = [h1 for h1 in self.tree.iter("h1") if collapse(h1.text_content())
                 and self._outside_asides(h1)]
        if len(found) != 1 or select(found[0], LOGO_XPATH):
            return None
        home = urlunsplit(urlsplit(self.response.url)[:2] + ("/", "", ""))
        if any(urljoin(self.response.url, a.get("href", "")) in (home, home[:-1])
               for a in found[0].iter("a")):
            return None
        return collapse(found[0].text_content())

    @cached_property
    def byline_raw(self) -> str | None:
        """Author names as printed, joined by ' and ' (the header's, not an author bio's)."""
        selector = self.profile.selectors.byline if self.profile else ""
        xpaths: Iterable[str] = (selector,) if selector else BYLINE_XPATHS
        for scope in (self.post, self.tree):
            for xpath in xpaths:
                found = one_byline([el for el in select(scope, xpath) if self._in_header(el)])
                names = _unique(collapse(el.text_content()) for el in found)
                if names:
                    return " and ".join(names)
        host = urlsplit(self.url).hostname or ""
        names = [n for n in metadata.json_ld_names(self.ld.get("author"))
                 if not metadata.names_site(n, host)]
        if names:
            return " and ".join(names)
        author = self.meta_tags.first("author", "article:author", "parsely-author")
        if author and not author.startswith("http") and not metadata.names_site(author, host):
            return author
        return self._byline_line() or self._bio_byline()

    def _byline_line(self) -> str | None:
        """A short line reading 'by Name' ('von', 'par', 'por') in the header or opening the body:
        themes without author markup still print it."""
        candidates = [el for el in select(self.post, BYLINE_LINE_XPATH) if self._in_header(el)]
        if self.body is not None:
            candidates += select(self.body, "./*[1][self::p] | ./*[1][self::p]/*")
        for element in candidates:
            line = collapse(element.text_content())
            if is_byline_line(line):
                return line
        return None

    def _bio_byline(self) -> str | None:
        """'By Name' heading of the post's author box (Twenty Twenty-One prints the byline there
        instead of in the header when the author has a bio)."""
        for element in select(self.post, BIO_HEADING_XPATH):
            line = collapse(element.text_content())
            if len(line) < 80 and BYLINE_WORD.match(line):
                return line
        return None

    @cached_property
    def published_raw(self) -> str | None:
        """Publication date: htmldate's day on pages read by layout, kept as the page's own value
        when that names the same day (it has the time of day); else the markup's date."""
        printed = self._printed_published
        if not self._reads_layout:
            return printed
        day = page_date.publication_day(self.tree, self.response.url, self.response.header("Date"))
        if day is None or (printed and page_date.printed_day(printed) == day):
            return printed
        return day

    @cached_property
    def _printed_published(self) -> str | None:
        """article:published_time, JSON-LD, the header's <time>, the URL."""
        found = self.meta_tags.first("article:published_time", "og:published_time",
                              "datePublished", "date", "DC.date.issued")
        found = found or _ld_string(self.ld, "datePublished")
        found = found or self._first_in_header(DATE_XPATHS)
        if found:
            return found
        match = _URL_DATE.search(self.url)
        return "-".join(match.groups()) if match else None

    @cached_property
    def modified_raw(self) -> str | None:
        """Last modification: article:modified_time, og:updated_time, JSON-LD, time.updated."""
        found = self.meta_tags.first("article:modified_time", "og:updated_time", "dateModified")
        return found or _ld_string(self.ld, "dateModified") or self._first_in_header(MODIFIED_XPATHS)

    @cached_property
    def tags_raw(self) -> list[str]:
        """Tag labels: rel=tag links of the post, else article:tag, else JSON-LD keywords."""
        found = self._labels(TAG_XPATHS)
        if found:
            return found
        found = self.meta_tags.all("article:tag")
        if found:
            return found
        keywords = metadata.json_ld_strings(self.ld.get("keywords"))
        if len(keywords) == 1:  # 'a, b, c' in one string
            keywords = [k.strip() for k in keywords[0].split(",")]
        return [k for k in keywords if k]

    @cached_property
    def categories_raw(self) -> list[str]:
        """Category labels: rel=category links, else article:section, else JSON-LD articleSection."""
        return (self._labels(CATEGORY_XPATHS) or self.meta_tags.all("article:section")
                or metadata.json_ld_strings(self.ld.get("articleSection")))

    @cached_property
    def summary(self) -> str | None:
        """meta description, og:description, JSON-LD description."""
        return self.meta_tags.first("description", "og:description", "twitter:description") \
            or _ld_string(self.ld, "description")

    @property
    def comment_count(self) -> int | None:
        """Stated comment count; JSON-LD commentCount on a generic page."""
        count = self.ld.get("commentCount")
        return int(count) if isinstance(count, int | str) and str(count).isdigit() else None

    def _labels(self, xpaths: Iterable[str]) -> list[str]:
        """Link labels of the first XPath that finds any, in the post, else around it."""
        for scope in (self.post, self.tree):
            for xpath in xpaths:
                labels = _unique(collapse(el.text_content()) for el in select(scope, xpath)
                                 if self._outside_asides(el))
                if labels:
                    return labels
        return []

    def _first_in_header(self, xpaths: Iterable[tuple[str, str]]) -> str | None:
        """First date-like value of the article's header (not of a comment or the body)."""
        for scope in (self.post, self.tree):
            for xpath, attribute in xpaths:
                for found in select(scope, xpath):
                    text = collapse(text_or_attribute(found, attribute))
                    if looks_like_date(text) and self._in_header(found):
                        return text
        return None

    def _in_header(self, element: HtmlElement) -> bool:
        """Outside the body text, comments, bios and widgets: the article's own metadata."""
        container = self.body_container
        return not is_aside(element) and self._outside_asides(element, stop_at=container)

    def _outside_asides(self, element: HtmlElement, stop_at: HtmlElement | None = None) -> bool:
        """No ancestor up to the post element is a comment, sidebar, bio... (or `stop_at`). An
        'aside' that also holds the article's body is the page's main column (Blogger prints
        posts in a `widget Blog`), not an aside."""
        holds_body = set(stop_at.iterancestors()) if stop_at is not None else set()
        for ancestor in element.iterancestors():
            if ancestor is self.post or ancestor.tag in ("body", "html") or ancestor in holds_body:
                return True
            if ancestor is stop_at or is_aside(ancestor):
                return False
        return True

    def _h1_or_document_title(self) -> str | None:
        for h1 in select(self.post, ".//h1"):
            if collapse(h1.text_content()):
                return collapse(h1.text_content())
        title = collapse(self.tree.findtext(".//title") or "")
        return _TITLE_SEPARATORS.split(title)[0] if title else None


def _ld_string(ld: dict[str, Any], key: str) -> str | None:
    value = ld.get(key)
    return collapse(value) if isinstance(value, str) and value.strip() else None


def _unique(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        if value and value not in out:
            out.append(value)
    return out


def _densest_block(tree: HtmlElement) -> HtmlElement | None:
    """The element whose direct <p> children hold the most text (layout fallback)."""
    best, best_size = None, 0
    for parent in {p.getparent() for p in tree.iter("p") if p.getparent() is not None}:
        size = sum(len(p.text_content()) for p in parent.iterchildren("p"))
        if size > best_size and not is_aside(parent):
            best, best_size = parent, size
    return best
