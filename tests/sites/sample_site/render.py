"""Shared HTML pieces of the sample site: escaping, dates, the twentytwentyone page shell, widgets.

Markup follows what WordPress core and the twentytwentyone theme print (single and double quotes
mixed as core mixes them), because the extractors are meant to work on real WordPress pages.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape

from .content_data import WP_VERSION
from .model import Article, Comment, Site
from .prose import plain_text

# wptexturize prints typographic characters in titles as numeric references, and '&' as &#038;.
_TEXTURIZE = str.maketrans({
    "&": "&#038;", "<": "&lt;", ">": "&gt;", "’": "&#8217;", "‘": "&#8216;",
    "“": "&#8220;", "”": "&#8221;", "–": "&#8211;", "—": "&#8212;", "…": "&#8230;",
})


def esc(text: str) -> str:
    """Escape text for an HTML attribute or element (esc_attr / esc_html)."""
    return escape(text, quote=True)


def texturize(title: str) -> str:
    """A post title as WordPress prints it (the_title): numeric character references."""
    return title.translate(_TEXTURIZE)


def absolute(base: str, fragment: str) -> str:
    """Make the site-relative links of stored content absolute, as WordPress stores them."""
    return fragment.replace('href="/', f'href="{base}/')


def long_date(moment: datetime) -> str:
    """'October 3, 2014' (date_format 'F j, Y')."""
    return f"{moment:%B} {moment.day}, {moment.year}"


def comment_when(moment: datetime) -> str:
    """'October 3, 2014 at 2:05 pm' ('%1$s at %2$s' with time_format 'g:i a')."""
    hour = moment.hour % 12 or 12
    return f"{long_date(moment)} at {hour}:{moment:%M} {'am' if moment.hour < 12 else 'pm'}"


def w3c_utc(moment: datetime) -> str:
    """'2014-10-03T17:30:00+00:00', the form of article:published_time and sitemap lastmod."""
    return moment.astimezone(UTC).isoformat()


def rfc2822(moment: datetime) -> str:
    """'Fri, 03 Oct 2014 17:30:00 +0000', the form of RSS pubDate."""
    return format_datetime(moment.astimezone(UTC))


def excerpt(article: Article, words: int = 55) -> str:
    """wp_trim_excerpt: the first 55 words of the text, then ' […]'."""
    tokens = plain_text("".join(article.blocks)).split()
    more = " […]" if len(tokens) > words else ""
    return " ".join(tokens[:words]) + more


def avatar(name: str, size: int) -> str:
    """get_avatar() markup (single-quoted attributes, as core prints them)."""
    digest = hashlib.md5(name.lower().encode(), usedforsecurity=False).hexdigest()
    url = f"https://secure.gravatar.com/avatar/{digest}?s={size}&#038;d=mm&#038;r=g"
    url2x = f"https://secure.gravatar.com/avatar/{digest}?s={size * 2}&#038;d=mm&#038;r=g"
    return (
        f"<img alt='' src='{url}' srcset='{url2x} 2x' class='avatar avatar-{size} photo' "
        f"height='{size}' width='{size}' loading='lazy' decoding='async'/>"
    )


def author_link(comment: Comment) -> str:
    """get_comment_author_link(): the name, linked when the commenter gave a website."""
    if not comment.author_url:
        return esc(comment.author)
    url = esc(comment.author_url).replace("&amp;", "&#038;")  # esc_url() writes & as &#038;
    return f'<a href="{url}" class="url" rel="ugc external nofollow">{esc(comment.author)}</a>'


def post_classes(article: Article) -> str:
    """post_class() for a standard post."""
    terms = [f"category-{t.slug}" for t in article.categories]
    terms += [f"tag-{t.slug}" for t in article.tags]
    base = f"post-{article.id} post type-post status-publish format-standard hentry"
    return " ".join([base, *terms, "entry"])


def posted_on(article: Article) -> str:
    """Publication time, plus a separate 'updated' time once the post was edited."""
    published = f'datetime="{article.published.isoformat()}">{long_date(article.published)}'
    if article.modified == article.published:
        return f'<time class="entry-date published updated" {published}</time>'
    modified = f'datetime="{article.modified.isoformat()}">{long_date(article.modified)}'
    return f'<time class="entry-date published" {published}</time>' \
        f'<time class="updated" {modified}</time>'


def byline(base: str, article: Article) -> str:
    """The byline; co-authors are joined like Co-Authors Plus does ('A and B', 'A, B and C')."""
    links = [
        f'<a href="{base}{a.path}" rel="author">{esc(a.name)}</a>' for a in article.authors
    ]
    joined = links[0] if len(links) == 1 else ", ".join(links[:-1]) + " and " + links[-1]
    return f'<span class="byline">By {joined}</span>'


def taxonomies(base: str, article: Article) -> str:
    """Category and tag links of the entry footer."""
    cats = ", ".join(
        f'<a href="{base}{t.path}" rel="category tag">{esc(t.name)}</a>' for t in article.categories
    )
    tags = ", ".join(f'<a href="{base}{t.path}" rel="tag">{esc(t.name)}</a>' for t in article.tags)
    tag_part = f' <span class="tags-links">Tagged {tags}</span>' if tags else ""
    return f'<div class="post-taxonomies"><span class="cat-links">Categorized as {cats}</span>' \
        f"{tag_part}</div>"


def search_form(base: str, number: int) -> str:
    """get_search_form(); `number` keeps the input ids unique on one page."""
    return (
        f'<form role="search" method="get" class="search-form" action="{base}/">'
        f'<label for="search-form-{number}">Search&hellip;</label>'
        f'<input type="search" id="search-form-{number}" class="search-field" value="" name="s" />'
        '<input type="submit" class="search-submit" value="Search" /></form>'
    )


@dataclass(frozen=True, slots=True)
class Page:
    """What differs between pages: document title, body classes, extra head tags, main content."""

    title: str
    body_class: str
    main: str
    head: str = ""
    is_home: bool = False


def layout(site: Site, base: str, page: Page) -> str:
    """The whole HTML document around `page`."""
    return "\n".join([
        '<!doctype html>\n<html lang="en-US">\n<head>\n<meta charset="UTF-8" />',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0" />',
        "<meta name='robots' content='max-image-preview:large' />",
        f"<title>{page.title}</title>",
        _feed_links(site, base),
        page.head,
        f'<link rel="https://api.w.org/" href="{base}/wp-json/" />',
        f'<meta name="generator" content="WordPress {WP_VERSION}" />',
        "<style id='sample-inline-css'>body{font:17px/1.6 Georgia,serif;max-width:48rem;"
        "margin:auto;padding:1rem}.screen-reader-text{display:none}</style>",
        "</head>",
        f'<body class="{page.body_class} wp-embed-responsive is-light-theme no-js '
        'has-main-navigation">',
        _header(site, base, page.is_home),
        '<div id="content" class="site-content">\n<div id="primary" class="content-area">',
        f'<main id="main" class="site-main">\n{page.main}\n</main><!-- #main -->',
        "</div><!-- #primary -->\n</div><!-- #content -->",
        _widgets(site, base),
        '<footer id="colophon" class="site-footer"><div class="site-info">'
        f'<div class="site-name">{esc(site.title)}</div><div class="powered-by">Proudly powered by '
        '<a href="https://wordpress.org/">WordPress</a>.</div></div></footer>',
        "</div><!-- #page -->",
        '<script>document.body.classList.remove("no-js");</script>\n</body>\n</html>\n',
    ])


def _feed_links(site: Site, base: str) -> str:
    title = esc(site.title)
    return (
        f'<link rel="alternate" type="application/rss+xml" title="{title} &raquo; Feed" '
        f'href="{base}/feed/" />\n<link rel="alternate" type="application/rss+xml" '
        f'title="{title} &raquo; Comments Feed" href="{base}/comments/feed/" />'
    )


def _header(site: Site, base: str, is_home: bool) -> str:
    tag = "h1" if is_home else "p"
    menu = "".join(
        f'<li id="menu-item-{t.term_id + 100}" class="menu-item menu-item-type-taxonomy '
        f'menu-item-object-category"><a href="{base}{t.path}">{esc(t.name)}</a></li>'
        for t in site.categories
    )
    return (
        '<div id="page" class="site">\n<a class="skip-link screen-reader-text" href="#content">'
        'Skip to content</a>\n<header id="masthead" class="site-header has-title-and-tagline '
        f'has-menu">\n<div class="site-branding"><{tag} class="site-title"><a href="{base}/" '
        f'rel="home">{esc(site.title)}</a></{tag}><p class="site-description">'
        f"{esc(site.tagline)}</p></div>\n"
        '<nav id="site-navigation" class="primary-navigation" aria-label="Primary menu">'
        '<div class="primary-menu-container"><ul id="primary-menu-list" class="menu-wrapper">'
        f"{menu}</ul></div></nav>\n</header><!-- #masthead -->"
    )


def _widget(widget_id: str, kind: str, title: str, inner: str) -> str:
    heading = f'<h2 class="widget-title">{title}</h2>' if title else ""
    return f'<section id="{widget_id}" class="widget {kind}">{heading}{inner}</section>'


def _widgets(site: Site, base: str) -> str:
    """Footer widget area: boilerplate with dates, titles and comment authors (not content)."""
    posts = "".join(
        f'<li><a href="{base}{a.path}">{texturize(a.title)}</a></li>' for a in site.articles[:5]
    )
    comments = "".join(
        f'<li class="recentcomments"><span class="comment-author-link">{author_link(c)}</span>'
        f' on <a href="{base}{a.comment_path(c)}">{texturize(a.title)}</a></li>'
        for a, c in site.latest_comments(5)
    )
    cats = "".join(
        f'<li class="cat-item cat-item-{t.term_id}"><a href="{base}{t.path}">{esc(t.name)}</a></li>'
        for t in site.categories
    )
    cloud = "".join(
        f'<a href="{base}{t.path}" class="tag-cloud-link tag-link-{t.term_id} '
        f'tag-link-position-{n}" style="font-size: 8pt;" aria-label="{esc(t.name)}">'
        f"{esc(t.name)}</a>\n"
        for n, t in enumerate(site.tags, 1)
    )
    return "\n".join([
        '<aside class="widget-area">',
        _widget("search-2", "widget_search", "", search_form(base, 1)),
        _widget("recent-posts-2", "widget_recent_entries", "Recent Posts",
                f'<nav aria-label="Recent Posts"><ul>{posts}</ul></nav>'),
        _widget("recent-comments-2", "widget_recent_comments", "Recent Comments",
                f'<nav aria-label="Recent Comments"><ul id="recentcomments">{comments}</ul></nav>'),
        _widget("categories-2", "widget_categories", "Categories",
                f'<nav aria-label="Categories"><ul>{cats}</ul></nav>'),
        _widget("tag_cloud-2", "widget_tag_cloud", "Tags", f'<div class="tagcloud">{cloud}</div>'),
        "</aside><!-- .widget-area -->",
    ])
