"""The sample site as objects: authors, terms, comments placed on pages, articles, the site."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Author:
    """A post author (WordPress user)."""

    user_id: int
    slug: str
    name: str
    bio: str

    @property
    def path(self) -> str:
        """Author archive path."""
        return f"/author/{self.slug}/"


@dataclass(frozen=True, slots=True)
class Term:
    """A category or tag; `name` is the display name (may hold accents and '&')."""

    taxonomy: str
    term_id: int
    name: str
    slug: str

    @property
    def path(self) -> str:
        """Term archive path (/category/slug/ or /tag/slug/)."""
        base = "category" if self.taxonomy == "category" else "tag"
        return f"/{base}/{self.slug}/"


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment, pingback or trackback placed in its thread and on its comment page."""

    id: int
    post_id: int
    parent_id: int | None
    depth: int
    kind: str
    author: str
    author_url: str
    user_slug: str
    published: datetime
    content: str
    page: int
    position: int

    @property
    def is_ping(self) -> bool:
        """True for pingbacks and trackbacks (not reader comments)."""
        return self.kind != "comment"


@dataclass(frozen=True, slots=True)
class Article:
    """A published post with its comments in display order (page 1 first)."""

    id: int
    slug: str
    title: str
    authors: tuple[Author, ...]
    published: datetime
    modified: datetime
    categories: tuple[Term, ...]
    tags: tuple[Term, ...]
    blocks: tuple[str, ...]
    comments: tuple[Comment, ...]
    comments_open: bool

    @property
    def path(self) -> str:
        """Permalink path: /archives/YYYY/MM/slug.php."""
        return f"/archives/{self.published:%Y/%m}/{self.slug}.php"

    @property
    def comment_pages(self) -> int:
        """Number of comment pages (1 when there are no comments)."""
        return max((c.page for c in self.comments), default=1)

    def comment_page_path(self, page: int) -> str:
        """Path of comment page `page`; page 1 is the permalink itself."""
        return self.path if page == 1 else f"{self.path}/comment-page-{page}/"

    def comment_path(self, comment: Comment) -> str:
        """Permalink of one comment, as WordPress links it (page path + #comment-N)."""
        page = self.comment_page_path(comment.page)
        return f"{page}#comment-{comment.id}"

    @property
    def last_activity(self) -> datetime:
        """Latest of the modification time and the newest comment (drives Last-Modified)."""
        return max([self.modified] + [c.published for c in self.comments])


@dataclass(frozen=True, slots=True)
class Site:
    """The whole sample site; articles newest first, as the home page lists them."""

    title: str
    tagline: str
    articles: tuple[Article, ...]
    authors: tuple[Author, ...]
    categories: tuple[Term, ...]
    tags: tuple[Term, ...]

    def article_at(self, path: str) -> Article | None:
        """The article whose permalink path is `path`."""
        return next((a for a in self.articles if a.path == path), None)

    def article_by_id(self, post_id: int) -> Article | None:
        """The article with WordPress post id `post_id`."""
        return next((a for a in self.articles if a.id == post_id), None)

    def latest_comments(self, count: int) -> list[tuple[Article, Comment]]:
        """The newest `count` comments site-wide (pings included), newest first."""
        pairs = [(a, c) for a in self.articles for c in a.comments]
        return sorted(pairs, key=lambda pair: pair[1].id, reverse=True)[:count]
