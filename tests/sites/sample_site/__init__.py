"""The bundled sample site: a WordPress-shaped long-form site served on loopback.

`longform demo` and the crawl tests use it; no internet and no setup. Pages carry the markup
WordPress core and the twentytwentyone theme print (with Jetpack-style share buttons and related
posts), plus robots.txt, core sitemaps and RSS feeds. `ground_truth()` states what a correct crawl
must extract, computed from the content data rather than from the pages.

>>> facts = site_facts()
>>> facts.article_count, facts.reader_comment_count, facts.ping_count
(12, 130, 3)
"""

from __future__ import annotations

from .content import (
    ExpectedArticle,
    ExpectedComment,
    SampleSite,
    ground_truth,
    site_facts,
)
from .server import serve_sample_site

__all__ = [
    "ExpectedArticle",
    "ExpectedComment",
    "SampleSite",
    "ground_truth",
    "serve_sample_site",
    "site_facts",
]
