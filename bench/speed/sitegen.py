"""Writes the synthetic WordPress site into a folder, gzip'd as nginx's `gzip_static` serves it.

What a crawl meets is what a WordPress site offers for discovery: robots.txt naming the core
sitemap, `wp-sitemap.xml` (an index of posts, taxonomy and user sitemaps, 2,000 URLs per posts
sitemap as core writes them), the home page, feeds, the posts and their comment pages. The folder
is reused while its manifest matches (same version, article count and base URL).
"""

from __future__ import annotations

import gzip
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from . import render
from .content import Article, build_articles, sentence_pool

VERSION = 4
SITEMAP_SIZE = 2000
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class SiteManifest:
    """What the site holds: its base URL, every page a full crawl fetches, and the counts."""

    version: int
    base: str
    articles: int
    comments: int
    urls: list[str]
    html_bytes: int
    gzip_bytes: int

    @property
    def pages(self) -> int:
        return len(self.urls)


def url_to_file(path: str) -> str:
    """The file (relative, before `.gz`) nginx serves for a URL path; the same rule as its config."""
    if path.endswith("/feed/"):
        return path.lstrip("/") + "index.rss"
    return path.lstrip("/") + ("index.html" if path.endswith("/") else "")


def load_or_build(folder: Path, articles: int, base: str) -> SiteManifest:
    """The site in `folder`, built unless a matching one is there already."""
    manifest_file = folder / MANIFEST
    if manifest_file.exists():
        manifest = SiteManifest(**json.loads(manifest_file.read_text()))
        if (manifest.version, manifest.articles, manifest.base) == (VERSION, articles, base):
            return manifest
    return build(folder, articles, base)


def build(folder: Path, count: int, base: str) -> SiteManifest:
    """Generate the whole site into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MANIFEST).unlink(missing_ok=True)
    articles = build_articles(count, sentence_pool())
    newest = articles[::-1]
    shell = (render.chrome(base, newest[:5]), render.theme_css())
    writer = _Writer(folder)
    writer.put("/robots.txt", f"User-agent: *\nDisallow: /wp-admin/\n\nSitemap: {base}/wp-sitemap.xml\n")
    writer.put("/", _home(base, shell, newest[:10]))
    writer.put("/feed/", _feed(base, newest[:10]))
    writer.put("/comments/feed/", _comments_feed(base, newest[:10]))
    for path, body in _sitemaps(base, articles):
        writer.put(path, body)
    for article in articles:
        for page in range(1, article.comment_pages + 1):
            writer.put(article.page_path(page), render.article_page(base, shell, article, page))
    manifest = SiteManifest(VERSION, base, count, sum(len(a.comments) for a in articles),
                            [base + path for path in writer.crawled], writer.html_bytes,
                            writer.gzip_bytes)
    (folder / MANIFEST).write_text(json.dumps(asdict(manifest)))
    return manifest


class _Writer:
    """Writes gzip'd files and keeps the URL paths a crawl fetches."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.crawled: list[str] = []
        self.html_bytes = 0
        self.gzip_bytes = 0

    def put(self, path: str, text: str) -> None:
        data = text.encode()
        packed = gzip.compress(data, compresslevel=6, mtime=0)
        target = self.folder / (url_to_file(path) + ".gz")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(packed)
        self.html_bytes += len(data)
        self.gzip_bytes += len(packed)
        if "taxonomies" not in path and "users" not in path:  # sub-sitemaps no crawl reads
            self.crawled.append(path)


def _home(base: str, shell: tuple[str, str], recent: list[Article]) -> str:
    entries = "\n".join(
        f'<article id="post-{a.id}" class="post-{a.id} post type-post status-publish entry">'
        f'<header class="entry-header"><h2 class="entry-title"><a href="{base}{a.path}" rel="bookmark">'
        f"{render.esc(a.title)}</a></h2></header><div class=\"entry-content\"><p>"
        f"{render.esc(a.paragraphs[0][:300])}</p></div></article>" for a in recent)
    return render.layout(base, shell[0], shell[1], "Bench Journal", "home blog hfeed", "", entries)


def _feed(base: str, recent: list[Article]) -> str:
    items = "".join(f"<item><title>{render.esc(a.title)}</title><link>{base}{a.path}</link>"
                    f"<pubDate>{a.published:%a, %d %b %Y %H:%M:%S +0000}</pubDate></item>" for a in recent)
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench Journal'
            f"</title><link>{base}/</link>{items}</channel></rss>")


def _comments_feed(base: str, recent: list[Article]) -> str:
    """The latest comments (WordPress's /comments/feed/): their permalinks name the page."""
    pairs = [(a, c) for a in recent for c in a.comments[-3:]]
    items = "".join(f"<item><title>By: {render.esc(c.author)}</title><link>{base}"
                    f"{a.page_path(c.page)}#comment-{c.id}</link><pubDate>"
                    f"{c.published:%a, %d %b %Y %H:%M:%S +0000}</pubDate></item>" for a, c in pairs)
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Comments on '
            f"Bench Journal</title><link>{base}/</link>{items}</channel></rss>")


def _sitemaps(base: str, articles: list[Article]) -> list[tuple[str, str]]:
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    chunks = [articles[i:i + SITEMAP_SIZE] for i in range(0, len(articles), SITEMAP_SIZE)]
    files = [(f"/wp-sitemap-posts-post-{n}.xml", head + f"<urlset {ns}>" + "".join(
        f"<url><loc>{base}{a.path}</loc><lastmod>{a.published.isoformat()}</lastmod></url>"
        for a in chunk) + "</urlset>") for n, chunk in enumerate(chunks, 1)]
    files.append(("/wp-sitemap-taxonomies-category-1.xml", head + f"<urlset {ns}><url><loc>{base}"
                  "/category/analysis/</loc></url></urlset>"))
    files.append(("/wp-sitemap-users-1.xml", head + f"<urlset {ns}><url><loc>{base}/author/admin/"
                  "</loc></url></urlset>"))
    index = head + f"<sitemapindex {ns}>" + "".join(
        f"<sitemap><loc>{base}{path}</loc></sitemap>" for path, _ in files) + "</sitemapindex>"
    return [("/wp-sitemap.xml", index), *files]
