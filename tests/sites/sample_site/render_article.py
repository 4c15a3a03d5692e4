"""The single-post page (single.php of twentytwentyone), comment page `page` of it.

Jetpack-style boilerplate sits inside `.entry-content` after the body, as the_content filters put
it there on real sites: author bio, donation appeal, share buttons, related posts. Extractors must
drop all of it, and the widgets and post navigation around the article too.
"""

from __future__ import annotations

from .content_data import SITE_TITLE
from .model import Article, Site
from .render import (
    Page,
    absolute,
    avatar,
    byline,
    esc,
    excerpt,
    layout,
    long_date,
    post_classes,
    posted_on,
    taxonomies,
    texturize,
    w3c_utc,
)
from .render_comments import render_comments

_APPEAL = (
    f"Are you a dedicated reader of {SITE_TITLE}? Has our research benefitted you or your team "
    "over the years? Support our independent reporting and analysis today by considering a "
    "one-time or monthly donation. Thanks for reading! You can make a tax-deductible donation "
    '<a href="https://example.org/donate/">here</a>.'
)


def render_article(site: Site, base: str, article: Article, page: int) -> str:
    """The post with comment page `page` (1 = the permalink)."""
    permalink = base + article.path
    main = "\n".join([
        _article(site, base, article),
        render_comments(base, article, page),
        _post_navigation(site, base, article),
    ])
    body_class = (
        f"post-template-default single single-post postid-{article.id} "
        "single-format-standard singular"
    )
    canonical = permalink if page == 1 else f"{base}{article.comment_page_path(page)}#comments"
    return layout(site, base, Page(
        title=f"{texturize(article.title)} &#8211; {esc(site.title)}",
        body_class=body_class,
        main=main,
        head=_head(site, base, article, canonical),
    ))


def _head(site: Site, base: str, article: Article, canonical: str) -> str:
    permalink = base + article.path
    return "\n".join([
        f'<link rel="alternate" type="application/rss+xml" title="{esc(site.title)} &raquo; '
        f'{texturize(article.title)} Comments Feed" href="{permalink}/feed/" />',
        f'<link rel="alternate" title="JSON" type="application/json" '
        f'href="{base}/wp-json/wp/v2/posts/{article.id}" />',
        f'<link rel="canonical" href="{canonical}" />',
        f"<link rel='shortlink' href='{base}/?p={article.id}' />",
        "<!-- Jetpack Open Graph Tags -->",
        '<meta property="og:type" content="article" />',
        f'<meta property="og:title" content="{esc(article.title)}" />',
        f'<meta property="og:url" content="{permalink}" />',
        f'<meta property="og:description" content="{esc(excerpt(article, 30))}" />',
        f'<meta property="article:published_time" content="{w3c_utc(article.published)}" />',
        f'<meta property="article:modified_time" content="{w3c_utc(article.modified)}" />',
        f'<meta property="og:site_name" content="{esc(site.title)}" />',
        '<meta property="og:locale" content="en_US" />',
        "<!-- End Jetpack Open Graph Tags -->",
    ])


def _article(site: Site, base: str, article: Article) -> str:
    permalink = base + article.path
    content = "\n".join([
        absolute(base, "\n".join(article.blocks)),
        *(_bio(base, author.name, author.bio, author.path) for author in article.authors),
        f'<div class="donation-appeal"><p><em>{_APPEAL}</em></p></div>',
        _share(permalink, article.id),
        _related(site, base, article),
    ])
    return "\n".join([
        f'<article id="post-{article.id}" class="{post_classes(article)}">',
        '<header class="entry-header alignwide">',
        f'<h1 class="entry-title">{texturize(article.title)}</h1>',
        f'<div class="entry-meta"><span class="posted-on">Posted on <a href="{permalink}" '
        f'rel="bookmark">{posted_on(article)}</a></span> {byline(base, article)}</div>',
        "</header><!-- .entry-header -->",
        f'<div class="entry-content">\n{content}\n</div><!-- .entry-content -->',
        f'<footer class="entry-footer default-max-width">{taxonomies(base, article)}</footer>',
        f"</article><!-- #post-{article.id} -->",
    ])


def _bio(base: str, name: str, bio: str, path: str) -> str:
    """template-parts/post/author-bio.php; its 'By Name' heading is not a second byline."""
    return (
        f'<div class="author-bio show-avatars">{avatar(name, 85)}'
        f'<div class="author-bio-content"><h2 class="author-title">By {esc(name)}</h2>'
        f'<p class="author-description">{esc(bio)}</p>'
        f'<a class="author-link" href="{base}{path}" rel="author">View all of {esc(name)}&#8217;s '
        "posts.</a></div></div>"
    )


def _share(permalink: str, post_id: int) -> str:
    """Jetpack sharedaddy buttons; their ?share= links redirect off-site."""
    buttons = "".join(
        f'<li class="share-{key}"><a rel="nofollow noopener noreferrer" '
        f'data-shared="sharing-{key}-{post_id}" class="share-{key} sd-button share-icon" '
        f'href="{permalink}?share={key}" target="_blank" title="{tip}"><span>{label}</span>'
        "</a></li>"
        for key, label, tip in (
            ("twitter", "X", "Click to share on X"),
            ("facebook", "Facebook", "Click to share on Facebook"),
            ("email", "Email", "Click to email a link to a friend"),
        )
    )
    return (
        '<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block '
        'sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Share this:</h3>'
        f'<div class="sd-content"><ul>{buttons}<li class="share-end"></li></ul></div></div></div>'
    )


def _related(site: Site, base: str, article: Article) -> str:
    """Jetpack related posts: same category first, newest first, three of them."""
    others = [a for a in site.articles if a.id != article.id]
    same = [a for a in others if set(a.categories) & set(article.categories)]
    picks = (same + [a for a in others if a not in same])[:3]
    items = "".join(
        f'<p class="jp-relatedposts-post jp-relatedposts-post{n}" data-post-id="{a.id}" '
        'data-post-format="false"><span class="jp-relatedposts-post-title">'
        f'<a class="jp-relatedposts-post-a" href="{base}{a.path}?relatedposts_hit=1&#038;'
        f'relatedposts_origin={article.id}&#038;relatedposts_position={n}" '
        f'title="{esc(a.title)}" data-origin="{article.id}" data-position="{n}">'
        f'{texturize(a.title)}</a></span><span class="jp-relatedposts-post-date">'
        f'{long_date(a.published)}</span><span class="jp-relatedposts-post-context">'
        f"In &quot;{esc(a.categories[0].name)}&quot;</span></p>"
        for n, a in enumerate(picks)
    )
    return (
        "<div id='jp-relatedposts' class='jp-relatedposts'><h3 class=\"jp-relatedposts-headline\">"
        f'<em>Related</em></h3><div class="jp-relatedposts-items jp-relatedposts-items-minimal">'
        f"{items}</div></div>"
    )


def _post_navigation(site: Site, base: str, article: Article) -> str:
    """Previous/next post links (the site's articles are newest first)."""
    index = site.articles.index(article)
    older = site.articles[index + 1] if index + 1 < len(site.articles) else None
    newer = site.articles[index - 1] if index > 0 else None
    links = ""
    for kind, rel, label, other in (
        ("previous", "prev", "Previous post", older),
        ("next", "next", "Next post", newer),
    ):
        if other is not None:
            links += (
                f'<div class="nav-{kind}"><a href="{base}{other.path}" rel="{rel}">'
                f'<p class="meta-nav">{label}</p><p class="post-title">{texturize(other.title)}</p>'
                "</a></div>"
            )
    return (
        '<nav class="navigation post-navigation" aria-label="Posts">'
        '<h2 class="screen-reader-text">Post navigation</h2>'
        f'<div class="nav-links">{links}</div></nav>'
    )
