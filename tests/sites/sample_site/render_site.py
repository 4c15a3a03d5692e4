"""Listing pages (home, author, category, tag, search) and the 404 page.

Listings show excerpts, newest first, POSTS_PER_PAGE per page, with the_posts_pagination() links:
page 1 is the bare archive URL, later pages add /page/N/ (a search keeps its ?s= query).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from urllib.parse import quote_plus

from .content_data import POSTS_PER_PAGE
from .model import Article, Site
from .render import (
    Page,
    byline,
    esc,
    excerpt,
    layout,
    post_classes,
    posted_on,
    search_form,
    taxonomies,
    texturize,
)


@dataclass(frozen=True, slots=True)
class Listing:
    """One paginated list of posts."""

    title: str
    """Document title, already HTML."""
    body_class: str
    path: str
    """Path of page 1, ending in '/'."""
    articles: tuple[Article, ...]
    heading: str = ""
    """page-header HTML ('' on the home page)."""
    query: str = ""
    """Query string kept on pagination links ('?s=x' for searches)."""

    @property
    def pages(self) -> int:
        """Number of listing pages (at least 1, even when empty)."""
        return max(1, ceil(len(self.articles) / POSTS_PER_PAGE))

    def page_url(self, base: str, page: int) -> str:
        """Absolute URL of listing page `page`."""
        suffix = "" if page == 1 else f"page/{page}/"
        return f"{base}{self.path}{suffix}{self.query}"


def render_listing(site: Site, base: str, listing: Listing, page: int) -> str:
    """Listing page `page` (1-based; the caller checks it is in range)."""
    start = (page - 1) * POSTS_PER_PAGE
    shown = listing.articles[start:start + POSTS_PER_PAGE]
    body_class = listing.body_class + (f" paged paged-{page}" if page > 1 else "")
    title = listing.title if page == 1 else f"{listing.title} &#8211; Page {page}"
    if shown:
        main = "\n".join([listing.heading, *(_entry(base, a) for a in shown)])
        main += "\n" + _pagination(base, listing, page)
    else:
        main = listing.heading + "\n" + _nothing_found(base)
    return layout(site, base, Page(
        title=title, body_class=body_class, main=main, is_home=listing.body_class.startswith("home")
    ))


def render_not_found(site: Site, base: str) -> str:
    """404.php."""
    main = (
        '<header class="page-header alignwide"><h1 class="page-title">Nothing here</h1></header>'
        '\n<div class="error-404 not-found default-max-width"><div class="page-content"><p>It '
        "looks like nothing was found at this location. Maybe try a search?</p>"
        f"{search_form(base, 2)}</div></div>"
    )
    return layout(site, base, Page(
        title=f"Page not found &#8211; {esc(site.title)}", body_class="error404", main=main
    ))


def home_listing(site: Site) -> Listing:
    """The blog home: every post."""
    return Listing(
        title=f"{esc(site.title)} &#8211; {esc(site.tagline)}",
        body_class="home blog hfeed",
        path="/",
        articles=site.articles,
    )


def archive_listing(site: Site, kind: str, slug: str) -> Listing | None:
    """Author, category or tag archive by slug; None when there is no such archive."""
    if kind == "author":
        author = next((a for a in site.authors if a.slug == slug), None)
        if author is None:
            return None
        posts = tuple(a for a in site.articles if author in a.authors)
        return _archive(site, "Author", author.name, author.path, posts,
                        f"archive author author-{slug} author-{author.user_id}")
    terms = site.categories if kind == "category" else site.tags
    term = next((t for t in terms if t.slug == slug), None)
    if term is None:
        return None
    posts = tuple(a for a in site.articles if term in a.categories + a.tags)
    label = "Category" if kind == "category" else "Tag"
    return _archive(site, label, term.name, term.path, posts,
                    f"archive {kind} {kind}-{slug} {kind}-{term.term_id}")


def search_listing(site: Site, terms: str) -> Listing:
    """?s= search over titles and text, as WordPress matches words with LIKE."""
    words = terms.lower().split()
    posts = tuple(
        a for a in site.articles
        if words and all(w in (a.title + " " + excerpt(a, 10_000)).lower() for w in words)
    )
    count = f"We found {len(posts)} results for your search." if posts else ""
    heading = (
        '<header class="page-header alignwide"><h1 class="page-title">Results for "<span '
        f'class="page-description search-term">{esc(terms)}</span>"</h1></header>'
        + (f'<div class="search-result-count default-max-width">{count}</div>' if count else "")
    )
    state = "search-results" if posts else "search-no-results"
    return Listing(
        title=f"Search Results for &#8220;{esc(terms)}&#8221; &#8211; {esc(site.title)}",
        body_class=f"search {state}",
        path="/",
        articles=posts,
        heading=heading,
        query="?s=" + quote_plus(terms),
    )


def _archive(
    site: Site, label: str, name: str, path: str, posts: tuple[Article, ...], body_class: str
) -> Listing:
    heading = (
        f'<header class="page-header alignwide"><h1 class="page-title">{label}: '
        f"<span>{esc(name)}</span></h1></header>"
    )
    return Listing(
        title=f"{esc(name)} &#8211; {esc(site.title)}",
        body_class=body_class,
        path=path,
        articles=posts,
        heading=heading,
    )


def _entry(base: str, article: Article) -> str:
    """template-parts/content/content-excerpt.php."""
    permalink = base + article.path
    count = len(article.comments)
    comments = "Leave a comment" if not count else (
        "1 Comment" if count == 1 else f"{count} Comments"
    )
    return "\n".join([
        f'<article id="post-{article.id}" class="{post_classes(article)}">',
        f'<header class="entry-header"><h2 class="entry-title default-max-width"><a '
        f'href="{permalink}">{texturize(article.title)}</a></h2></header>',
        f'<div class="entry-content"><p>{esc(excerpt(article))}</p></div>',
        '<footer class="entry-footer default-max-width"><div class="posted-by"><span '
        f'class="posted-on">Published {posted_on(article)}</span>{byline(base, article)}</div>'
        f'<span class="comments-link"><a href="{permalink}#comments">{comments}<span '
        f'class="screen-reader-text"> on {texturize(article.title)}</span></a></span>'
        f"{taxonomies(base, article)}</footer>",
        f"</article><!-- #post-{article.id} -->",
    ])


def _pagination(base: str, listing: Listing, page: int) -> str:
    if listing.pages == 1:
        return ""
    links = []
    if page > 1:
        links.append(f'<a class="prev page-numbers" href="{listing.page_url(base, page - 1)}">'
                     "Newer posts</a>")
    for number in range(1, listing.pages + 1):
        if number == page:
            links.append(f'<span aria-current="page" class="page-numbers current">{number}</span>')
        else:
            links.append(f'<a class="page-numbers" href="{listing.page_url(base, number)}">'
                         f"{number}</a>")
    if page < listing.pages:
        links.append(f'<a class="next page-numbers" href="{listing.page_url(base, page + 1)}">'
                     "Older posts</a>")
    return (
        '<nav class="navigation pagination" aria-label="Posts">\n<h2 class="screen-reader-text">'
        f'Posts navigation</h2>\n<div class="nav-links">{"".join(links)}</div>\n</nav>'
    )


def _nothing_found(base: str) -> str:
    return (
        '<section class="no-results not-found"><div class="page-content default-max-width"><p>'
        "Sorry, but nothing matched your search terms. Please try again with some different "
        f"keywords.</p>{search_form(base, 2)}</div></section>"
    )
