"""HTML of the synthetic site: Twenty Twenty-One-shaped pages as WordPress core prints them.

The markup of posts and comments follows the bundled sample site (Walker_Comment html5 markup,
post_class, the_comments_navigation), so the WordPress extractor reads every field. The weight
around it follows a real theme's page (about 90 KB): inline block-library and global-styles CSS,
inline SVG icons, menus and footer widgets, the same on every page as on a real site.
"""

from __future__ import annotations

import hashlib
import random
from html import escape

from .content import Article, Comment

WP_VERSION = "6.4.3"


def theme_css(kilobytes: int = 55, seed: int = 21) -> str:
    """Inline CSS like `wp-block-library` + `global-styles`: many short rules, built once."""
    rng = random.Random(seed)
    props = ("margin", "padding", "color", "font-size", "line-height", "border", "display",
             "max-width", "gap", "letter-spacing", "background-color", "text-align")
    rules = []
    size = 0
    while size < kilobytes * 1024:
        block = rng.choice(("wp-block", "has", "is", "wp-element", "alignwide", "entry", "site"))
        name = f".{block}-{rng.choice(('button', 'group', 'cover', 'image', 'quote', 'columns'))}"
        name += f"__{rng.choice(('inner', 'link', 'text', 'media'))}-{rng.randint(1, 999)}"
        decls = ";".join(f"{rng.choice(props)}:var(--wp--preset--{rng.choice(props)}--"
                         f"{rng.choice(('small', 'medium', 'large', 'x-large'))})"
                         for _ in range(rng.randint(1, 4)))
        rules.append(f"{name}{{{decls}}}")
        size += len(rules[-1])
    return "".join(rules)


def svg_icons(count: int = 24) -> str:
    """Inline SVG icons as the theme prints them in menus and share links."""
    icons = []
    for n in range(count):
        digest = hashlib.sha256(str(n).encode()).hexdigest()
        path = " ".join(f"M{int(digest[i:i + 2], 16) % 24}.{digest[i + 2]} "
                        f"{int(digest[i + 3:i + 5], 16) % 24}.{digest[i + 5]}" for i in range(0, 54, 6))
        icons.append(f'<svg class="svg-icon" width="24" height="24" aria-hidden="true" role="img" '
                     f'focusable="false" viewBox="0 0 24 24"><path d="{path} z"></path></svg>')
    return "\n".join(icons)


def esc(text: str) -> str:
    return escape(text, quote=True)


def long_date(article_date: object) -> str:
    return f"{article_date:%B %-d, %Y}"


def avatar(name: str, size: int) -> str:
    digest = hashlib.md5(name.lower().encode(), usedforsecurity=False).hexdigest()
    return (f"<img alt='' src='https://secure.gravatar.com/avatar/{digest}?s={size}&#038;d=mm&#038;"
            f"r=g' class='avatar avatar-{size} photo' height='{size}' width='{size}' "
            "loading='lazy' decoding='async'/>")


def layout(base: str, chrome: str, css: str, title: str, body_class: str, head: str, main: str) -> str:
    """The whole document: head with inline CSS, header, `main`, widgets and footer (`chrome`)."""
    return "\n".join([
        '<!doctype html>\n<html lang="en-US">\n<head>\n<meta charset="UTF-8" />',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0" />',
        f"<title>{title}</title>", head,
        f'<link rel="alternate" type="application/rss+xml" title="Bench &raquo; Feed" href="{base}/feed/" />',
        f'<link rel="https://api.w.org/" href="{base}/wp-json/" />',
        f'<meta name="generator" content="WordPress {WP_VERSION}" />',
        f"<link rel='stylesheet' id='twenty-twenty-one-style-css' href='{base}/wp-content/themes/"
        f"twentytwentyone/style.css?ver=2.1' media='all' />",
        f"<style id='global-styles-inline-css'>{css}</style>",
        "</head>",
        f'<body class="{body_class} wp-embed-responsive is-light-theme no-js singular has-main-navigation">',
        '<div id="page" class="site">',
        f'<div id="content" class="site-content"><div id="primary" class="content-area">'
        f'<main id="main" class="site-main">\n{main}\n</main></div></div>',
        chrome,
        "</div><!-- #page -->",
        f"<script src='{base}/wp-includes/js/comment-reply.min.js?ver={WP_VERSION}' id='comment-reply-js'"
        " async data-wp-strategy='async'></script>\n</body>\n</html>\n",
    ])


def chrome(base: str, recent: list[Article]) -> str:
    """Header, menu, footer widgets and icons: identical on every page, built once."""
    posts = "".join(f'<li><a href="{base}{a.path}">{esc(a.title)}</a></li>' for a in recent)
    menu = "".join(f'<li class="menu-item"><a href="{base}/category/{c.lower()}/">{c}</a></li>'
                   for c in ("Analysis", "Reports", "Africa", "Asia", "Europe"))
    return "\n".join([
        '<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title">'
        f'<a href="{base}/" rel="home">Bench Journal</a></p></div><nav id="site-navigation" '
        f'class="primary-navigation"><ul id="primary-menu-list" class="menu-wrapper">{menu}</ul></nav>'
        "</header>",
        '<aside class="widget-area"><section id="recent-posts-2" class="widget widget_recent_entries">'
        f'<h2 class="widget-title">Recent Posts</h2><nav><ul>{posts}</ul></nav></section></aside>',
        f'<footer id="colophon" class="site-footer"><div class="social-icons">{svg_icons()}</div>'
        '<div class="site-info">Proudly powered by <a href="https://wordpress.org/">WordPress</a>.'
        "</div></footer>",
    ])


def article_page(base: str, shell: tuple[str, str], article: Article, page: int) -> str:
    """Comment page `page` of `article` (the permalink shows the last page)."""
    permalink = base + article.path
    meta = (f'<link rel="canonical" href="{permalink}" />\n'
            f'<meta property="og:type" content="article" />\n<meta property="article:published_time" '
            f'content="{article.published.isoformat()}" />')
    entry = "\n".join([
        f'<article id="post-{article.id}" class="post-{article.id} post type-post status-publish '
        f'format-standard hentry category-{article.category.lower().replace(" ", "-")} entry">',
        f'<header class="entry-header alignwide"><h1 class="entry-title">{esc(article.title)}</h1>'
        f'<div class="entry-meta"><span class="posted-on">Posted on <a href="{permalink}" rel="bookmark">'
        f'<time class="entry-date published updated" datetime="{article.published.isoformat()}">'
        f"{long_date(article.published)}</time></a></span> <span class=\"byline\">By <a href=\"{base}/"
        f'author/{article.author.lower().replace(" ", "-")}/" rel="author">{esc(article.author)}</a>'
        "</span></div></header>",
        '<div class="entry-content">\n' + "\n".join(f"<p>{esc(p)}</p>" for p in article.paragraphs)
        + "\n</div><!-- .entry-content -->",
        '<footer class="entry-footer default-max-width"><div class="post-taxonomies">'
        + ", ".join(f'<a href="{base}/tag/{t.lower()}/" rel="tag">{t}</a>' for t in article.tags)
        + f"</div></footer>\n</article><!-- #post-{article.id} -->",
        comments_area(base, article, page),
    ])
    body = f"post-template-default single single-post postid-{article.id} single-format-standard"
    return layout(base, shell[0], shell[1], f"{esc(article.title)} &#8211; Bench Journal", body, meta, entry)


def comments_area(base: str, article: Article, page: int) -> str:
    if not article.comments:
        return ""
    shown = [c for c in article.comments if c.page == page]
    items: list[str] = []
    for n, comment in enumerate(shown):
        after = shown[n + 1].depth if n + 1 < len(shown) else 1
        items.append(_comment(base, article, comment, n))
        if after > comment.depth:
            items.append('<ol class="children">')
        else:  # close this comment and every deeper level the next one leaves
            items.append("</li>" + "</ol></li>" * (comment.depth - after))
    return "\n".join([
        '<div id="comments" class="comments-area default-max-width show-avatars">',
        f'<h2 class="comments-title">{len(article.comments)} comments on &ldquo;{esc(article.title)}'
        "&rdquo;</h2>",
        '<ol class="comment-list">', *items, "</ol><!-- .comment-list -->",
        _navigation(base, article, page), "</div><!-- #comments -->",
    ])


def _comment(base: str, article: Article, comment: Comment, n: int) -> str:
    name = esc(comment.author)
    if comment.author_url:
        name = f'<a href="{esc(comment.author_url)}" class="url" rel="ugc external nofollow">{name}</a>'
    parity = "odd alt" if n % 2 else "even"
    text = "\n".join(f"<p>{esc(p)}</p>" for p in comment.text)
    link = f"{base}{article.page_path(comment.page)}#comment-{comment.id}"
    return (
        f'<li id="comment-{comment.id}" class="comment {parity} depth-{comment.depth}">\n'
        f'<article id="div-comment-{comment.id}" class="comment-body">\n<footer class="comment-meta">'
        f'<div class="comment-author vcard">{avatar(comment.author, 60)}<b class="fn">{name}</b> '
        '<span class="says">says:</span></div>\n<div class="comment-metadata">'
        f'<a href="{link}"><time datetime="{comment.published.isoformat()}">'
        f'{comment.published:%B %-d, %Y at %-I:%M %p}</time></a></div></footer>\n'
        f'<div class="comment-content">\n{text}\n</div>\n<div class="reply"><a rel="nofollow" '
        f"class='comment-reply-link' href='{base}{article.path}?replytocom={comment.id}#respond' "
        f'data-commentid="{comment.id}" data-postid="{article.id}">Reply</a></div>\n</article>'
    )


def _navigation(base: str, article: Article, page: int) -> str:
    if article.comment_pages == 1:
        return ""
    links = ""
    if page > 1:
        links += (f'<div class="nav-previous"><a href="{base}{article.page_path(page - 1)}#comments">'
                  "Older comments</a></div>")
    if page < article.comment_pages:
        links += (f'<div class="nav-next"><a href="{base}{article.page_path(page + 1)}#comments">'
                  "Newer comments</a></div>")
    return f'<nav class="navigation comment-navigation"><div class="nav-links">{links}</div></nav>'
