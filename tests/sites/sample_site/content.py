"""What a correct crawl of the sample site must find: ground truth and headline facts.

Both are computed from the content data (`content_data` expanded by `build`), never from the
served HTML, so crawl tests can compare a crawl's `articles.jsonl` / `comments.jsonl` against them.
Dates follow the record contract: UTC `YYYY-MM-DDTHH:MM:SSZ` (`*_local` keep the site's offset).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from . import content_data as data
from .build import build_site, local_time, slugify
from .model import Article, Comment, Site
from .prose import plain_text, wpautop


@dataclass(frozen=True, slots=True)
class ExpectedComment:
    """One entry of an article's comment list, as the page shows it."""

    id: str
    """WordPress comment id (N of id="comment-N"); ids grow with time site-wide."""
    parent_id: str | None
    """Id of the comment replied to; None at top level."""
    depth: int
    """1 for top level, 2 for a reply, ... (up to 4 here)."""
    page: int
    """Comment page it is shown on (1 = the article URL)."""
    position: int
    """1-based order among the reader comments of its page, in display order; 0 for pings."""
    kind: str
    """'comment', 'pingback' or 'trackback'."""
    author: str
    """Name as printed."""
    author_url: str | None
    """The commenter's website (absolute URL), None when the name is not linked."""
    published: str
    """UTC, YYYY-MM-DDTHH:MM:SSZ."""
    published_local: str
    """The <time datetime> value: ISO 8601 with the America/New_York offset."""
    text: str
    """Comment text (paragraphs split by blank lines, <br> by newlines); '' for pings."""
    path: str
    """Comment permalink path with its #comment-N fragment."""

    @property
    def is_ping(self) -> bool:
        """Pingbacks and trackbacks are not reader comments."""
        return self.kind != "comment"


@dataclass(frozen=True, slots=True)
class ExpectedArticle:
    """One post and everything on its comment pages."""

    post_id: int
    path: str
    """Permalink path, /archives/YYYY/MM/slug.php."""
    url: str
    """base_url + path (the canonical URL)."""
    title: str
    authors: tuple[str, ...]
    """Author names, one per person (the co-authored byline gives two)."""
    byline: str
    """Byline names as printed after 'By ' (co-authors joined by ' and ')."""
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    published: str
    published_local: str
    modified: str
    modified_local: str
    comment_count: int
    """The count the page states ('16 comments on ...'): WordPress counts pings too."""
    comments_open: bool
    comment_pages: int
    text: str
    """Body text only (no bio, appeal, share buttons, related posts); blank lines split blocks."""
    comments: tuple[ExpectedComment, ...]
    """Comments and pings in display order over all comment pages."""

    @property
    def reader_comments(self) -> tuple[ExpectedComment, ...]:
        """Comments without pingbacks and trackbacks."""
        return tuple(c for c in self.comments if not c.is_ping)


@dataclass(frozen=True, slots=True)
class SampleSite:
    """Headline facts of the sample site (profile values and counts)."""

    name: str
    title: str
    timezone: str
    platform: str
    generator: str
    posts_per_page: int
    comments_per_page: int
    feed_items: int
    article_count: int
    reader_comment_count: int
    ping_count: int
    comment_page_count: int
    """Comment pages over all articles (an article without comments has one page)."""
    long_thread_path: str
    """Path of the article whose comments span several pages."""


def ground_truth(base_url: str = "", as_of: datetime | None = None) -> list[ExpectedArticle]:
    """Every article with its comments, oldest first; urls are `base_url` + path."""
    site = build_site(as_of)
    articles = sorted(site.articles, key=lambda a: a.published)
    return [_expected_article(a, base_url.rstrip("/")) for a in articles]


def site_facts(as_of: datetime | None = None) -> SampleSite:
    """Counts and settings a crawl of the sample site should confirm."""
    site = build_site(as_of)
    comments = [c for a in site.articles for c in a.comments]
    longest = max(site.articles, key=lambda a: (a.comment_pages, a.id))
    return SampleSite(
        name="sample",
        title=site.title,
        timezone=data.TIMEZONE,
        platform="wordpress",
        generator=f"WordPress {data.WP_VERSION}",
        posts_per_page=data.POSTS_PER_PAGE,
        comments_per_page=data.COMMENTS_PER_PAGE,
        feed_items=data.FEED_ITEMS,
        article_count=len(site.articles),
        reader_comment_count=sum(not c.is_ping for c in comments),
        ping_count=sum(c.is_ping for c in comments),
        comment_page_count=sum(a.comment_pages for a in site.articles),
        long_thread_path=longest.path,
    )


def utc_iso(moment: datetime) -> str:
    """UTC 'YYYY-MM-DDTHH:MM:SSZ'."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _expected_article(article: Article, base: str) -> ExpectedArticle:
    names = tuple(a.name for a in article.authors)
    return ExpectedArticle(
        post_id=article.id,
        path=article.path,
        url=base + article.path,
        title=article.title,
        authors=names,
        byline=" and ".join(names),
        categories=tuple(t.name for t in article.categories),
        tags=tuple(t.name for t in article.tags),
        published=utc_iso(article.published),
        published_local=article.published.isoformat(),
        modified=utc_iso(article.modified),
        modified_local=article.modified.isoformat(),
        comment_count=len(article.comments),
        comments_open=article.comments_open,
        comment_pages=article.comment_pages,
        text=plain_text("".join(article.blocks)),
        comments=tuple(_expected_comment(article, c) for c in article.comments),
    )


def _expected_comment(article: Article, comment: Comment) -> ExpectedComment:
    return ExpectedComment(
        id=str(comment.id),
        parent_id=None if comment.parent_id is None else str(comment.parent_id),
        depth=comment.depth,
        page=comment.page,
        position=comment.position,
        kind=comment.kind,
        author=comment.author,
        author_url=comment.author_url or None,
        published=utc_iso(comment.published),
        published_local=comment.published.isoformat(),
        text="" if comment.is_ping else plain_text(wpautop(comment.content)),
        path=article.comment_path(comment),
    )


__all__ = [
    "ExpectedArticle",
    "ExpectedComment",
    "SampleSite",
    "Site",
    "build_site",
    "ground_truth",
    "local_time",
    "site_facts",
    "slugify",
    "utc_iso",
]
