"""Machine-readable documents: robots.txt, WordPress core sitemaps, RSS2 post and comment feeds.

Shapes follow WordPress 6.x: `wp-sitemap.xml` (index) -> `wp-sitemap-posts-post-1.xml` (posts by
id, with lastmod since 6.5) and the taxonomy/user sitemaps; `feed-rss2.php` and
`feed-rss2-comments.php` with numeric character references in titles and CDATA for HTML.
"""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape as xml_escape

from .content_data import FEED_ITEMS, WP_VERSION
from .model import Article, Comment, Site
from .prose import plain_text, wpautop
from .render import absolute, excerpt, rfc2822, texturize, w3c_utc

_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_RSS_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"\n'
    '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
    '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
    '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
    '\txmlns:atom="http://www.w3.org/2005/Atom"\n'
    '\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"\n'
    '\txmlns:slash="http://purl.org/rss/1.0/modules/slash/"\n\t>\n'
)
XSL = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<xsl:stylesheet version="1.0" '
    'xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
    f'xmlns:sitemap="{_SITEMAP_NS}">\n<xsl:template match="/"><html><body><ul>'
    '<xsl:for-each select="//sitemap:loc"><li><a href="{.}"><xsl:value-of select="."/></a></li>'
    "</xsl:for-each></ul></body></html></xsl:template>\n</xsl:stylesheet>\n"
)
SITEMAP_NAMES = ("posts-post", "posts-page", "taxonomies-category", "taxonomies-post_tag", "users")


def robots_txt(base: str) -> str:
    """WordPress's virtual robots.txt with the core sitemap line."""
    return (
        "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
        f"Sitemap: {base}/wp-sitemap.xml\n"
    )


def sitemap_index(base: str) -> str:
    """wp-sitemap.xml."""
    entries = "".join(
        f"<sitemap><loc>{base}/wp-sitemap-{name}-1.xml</loc></sitemap>" for name in SITEMAP_NAMES
    )
    return _xml_head(base, "wp-sitemap-index.xsl") + \
        f'<sitemapindex xmlns="{_SITEMAP_NS}">{entries}</sitemapindex>\n'


def sitemap(site: Site, base: str, name: str) -> str | None:
    """One sub-sitemap by name (see SITEMAP_NAMES), None for an unknown name."""
    urls: list[tuple[str, datetime | None]]
    if name == "posts-post":
        urls = [(a.path, a.modified) for a in sorted(site.articles, key=lambda a: a.id)]
    elif name == "posts-page":
        urls = [("/", None)]  # core lists the home page here when it shows the latest posts
    elif name == "taxonomies-category":
        urls = [(t.path, None) for t in site.categories]
    elif name == "taxonomies-post_tag":
        urls = [(t.path, None) for t in site.tags]
    elif name == "users":
        urls = [(a.path, None) for a in site.authors]
    else:
        return None
    entries = "".join(
        f"<url><loc>{xml_escape(base + path)}</loc>"
        + (f"<lastmod>{w3c_utc(lastmod)}</lastmod>" if lastmod else "")
        + "</url>"
        for path, lastmod in urls
    )
    return _xml_head(base, "wp-sitemap.xsl") + f'<urlset xmlns="{_SITEMAP_NS}">{entries}</urlset>\n'


def posts_feed(site: Site, base: str) -> str:
    """/feed/: the latest FEED_ITEMS posts, newest first."""
    articles = site.articles[:FEED_ITEMS]
    items = "".join(_post_item(base, a) for a in articles)
    newest = max((a.modified for a in articles), default=None)
    return _channel(site, base, texturize(site.title), f"{base}/feed/", base, newest) + items + \
        "\t</channel>\n</rss>\n"


def comments_feed(site: Site, base: str, article: Article | None) -> str:
    """Comments feed of one post (`/slug.php/feed/`) or of the whole site (`/comments/feed/`)."""
    if article is None:
        pairs = site.latest_comments(FEED_ITEMS)
        title, link = f"Comments for {texturize(site.title)}", base
        self_url = f"{base}/comments/feed/"
    else:
        pairs = sorted(((article, c) for c in article.comments), key=lambda p: -p[1].id)
        pairs = pairs[:FEED_ITEMS]
        title, link = f"Comments on: {texturize(article.title)}", base + article.path
        self_url = f"{link}/feed/"
    newest = max((c.published for _, c in pairs), default=None)
    items = "".join(_comment_item(base, a, c, article is None) for a, c in pairs)
    return _channel(site, base, title, self_url, link, newest) + items + "\t</channel>\n</rss>\n"


def _xml_head(base: str, stylesheet: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<?xml-stylesheet type="text/xsl" href="{base}/{stylesheet}" ?>\n'
    )


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _channel(
    site: Site, base: str, title: str, self_url: str, link: str, built: datetime | None
) -> str:
    build = f"\t<lastBuildDate>{rfc2822(built)}</lastBuildDate>\n" if built else ""
    return (
        _RSS_OPEN + "<channel>\n"
        f"\t<title>{title}</title>\n"
        f'\t<atom:link href="{xml_escape(self_url)}" rel="self" type="application/rss+xml" />\n'
        f"\t<link>{xml_escape(link)}</link>\n"
        f"\t<description>{xml_escape(site.tagline)}</description>\n{build}"
        "\t<language>en-US</language>\n\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>\n"
        "\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>\n"
        f"\t<generator>https://wordpress.org/?v={WP_VERSION}</generator>\n"
    )


def _post_item(base: str, article: Article) -> str:
    permalink = base + article.path
    creator = " and ".join(a.name for a in article.authors)
    categories = "".join(
        f"\t\t<category>{_cdata(t.name)}</category>\n" for t in article.categories + article.tags
    )
    return (
        "\t<item>\n"
        f"\t\t<title>{texturize(article.title)}</title>\n"
        f"\t\t<link>{permalink}</link>\n"
        f"\t\t<comments>{permalink}#respond</comments>\n"
        f"\t\t<dc:creator>{_cdata(creator)}</dc:creator>\n"
        f"\t\t<pubDate>{rfc2822(article.published)}</pubDate>\n{categories}"
        f'\t\t<guid isPermaLink="false">{base}/?p={article.id}</guid>\n'
        f"\t\t<description>{_cdata(excerpt(article))}</description>\n"
        f"\t\t<content:encoded>{_cdata(absolute(base, chr(10).join(article.blocks)))}"
        "</content:encoded>\n"
        f"\t\t<wfw:commentRss>{permalink}/feed/</wfw:commentRss>\n"
        f"\t\t<slash:comments>{len(article.comments)}</slash:comments>\n"
        "\t</item>\n"
    )


def _comment_item(base: str, article: Article, comment: Comment, site_wide: bool) -> str:
    author = texturize(comment.author)
    title = f"Comment on {texturize(article.title)} by {author}" if site_wide else f"By: {author}"
    html = wpautop(comment.content)
    return (
        "\t<item>\n"
        f"\t\t<title>{title}</title>\n"
        f"\t\t<link>{xml_escape(base + article.comment_path(comment))}</link>\n"
        f"\t\t<dc:creator>{_cdata(comment.author)}</dc:creator>\n"
        f"\t\t<pubDate>{rfc2822(comment.published)}</pubDate>\n"
        f'\t\t<guid isPermaLink="false">{base}/?p={article.id}#comment-{comment.id}</guid>\n'
        f"\t\t<description>{_cdata(plain_text(html))}</description>\n"
        f"\t\t<content:encoded>{_cdata(html)}</content:encoded>\n"
        "\t</item>\n"
    )
