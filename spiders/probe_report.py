"""What `longform probe` prints, and the commented profile `--write-profile` writes."""

from __future__ import annotations

import json
from collections.abc import Iterator

from pipelines.coverage import CoverageCounter, judge, rate_lines
from scrapers.profile import Coverage
from spiders.probe import Probe

SNIPPET = 70  # characters of a comment's text shown


def report_lines(found: Probe, requests: int, delay: float) -> Iterator[str]:
    """The probe's findings, one fact a line."""
    profile = found.profile
    yield f"Probed {profile.base_url} with {requests} requests ({delay:g} s apart, robots.txt obeyed)"
    yield f"  platform:   {profile.platform}"
    if found.sitemap:
        yield f"  sitemaps:   {found.sitemap}" + (f" ({found.sitemap_posts} articles)"
                                                  if found.sitemap_posts is not None else "")
    if found.rest_root:
        yield f"  REST API:   {found.rest_root} ({found.rest_posts} posts)"
    if found.feed:
        yield f"  feed:       {found.feed} ({found.feed_items} items)"
    yield f"  discovery:  a crawl would list the articles through {found.route}"
    estimate = found.estimate
    yield f"  articles:   {'unknown' if estimate is None else f'about {estimate:,}'}"
    yield from _sample_lines(found)
    for note in found.notes:
        yield f"  note: {note}"


def _sample_lines(found: Probe) -> Iterator[str]:
    page = found.sample
    if page is None:
        return
    article = page.article
    yield f"  sample:     {found.sample_url}"
    yield f"    title:      {article.title or '(none)'}"
    yield f"    authors:    {', '.join(article.authors) or '(none)'}"
    yield f"    published:  {article.published or '(none)'}"
    yield f"    words:      {article.word_count:,}"
    said = f" (the page says {article.comment_count})" if article.comment_count is not None else ""
    yield f"    comments:   {len(page.comments)} on this page{said}"
    for comment in page.comments[:3]:
        text = " ".join(comment.text.split())
        text = snippet(text)
        who, when = comment.author or '(no name)', comment.published or '(no date)'
        yield f"      #{comment.id} {who}, {when}: {text}"
    counter = CoverageCounter()
    counter.count(article)
    for comment in page.comments:
        counter.count(comment)
    for line in rate_lines(judge(counter, Coverage(min_records=1))):
        yield f"    filled: {line}"


def snippet(text: str) -> str:
    """`text` cut to SNIPPET characters at a word's end, then '...' (no 'reporting....')."""
    if len(text) <= SNIPPET:
        return text
    cut = text[:SNIPPET - 3]
    if " " in cut and not text[SNIPPET - 3].isspace():
        cut = cut.rsplit(" ", 1)[0]  # not in the middle of a word
    return cut.rstrip(" .,;:!?-…") + "..."


def profile_text(found: Probe, path: str) -> str:
    """A profile for the probed site: every key the probe could fill, the others as comments."""
    profile = found.profile
    lines = [
        f"# Site profile written by `longform probe {profile.base_url}`. Edit, then crawl with",
        f"#   longform crawl {path}",
        '# Keys: see "Adding a site" in the README.',
        "",
        f"name = {_toml(profile.name)}  # the data folder: DATA/<name>/",
        f"base_url = {_toml(profile.base_url)}",
        f"platform = {_toml(profile.platform)}  # wordpress or generic",
        f"domains = {_toml(list(profile.domains))}  # hosts the crawl may visit",
        '# timezone = "Europe/Berlin"  # the zone the site prints times in (default UTC)',
        "",
        "# Discovery: the probe found " + (f"sitemaps ({found.sitemap})" if found.sitemap else "no sitemap")
        + (f", the REST API ({found.rest_root})" if found.rest_root else ", no REST API") + ".",
        f"use_sitemaps = {_toml(found.sitemap is not None)}",
        f"use_rest_api = {_toml(found.rest_root is not None)}",
        "",
        "# Politeness: seconds between requests and requests at a time.",
        f"download_delay = {_toml(profile.download_delay)}",
        f"concurrency = {_toml(profile.concurrency)}",
        '# user_agent = "my-archive/1.0 (+https://example.org/contact)"',
        "",
        "# Where the probe's sample article lacked a field, XPath overrides may help:",
        "# [selectors]",
        '# title = "//h1"',
        '# body = "//article"',
        '# byline = "//*[@rel=\'author\']"',
    ]
    return "\n".join(lines) + "\n"


def _toml(value: object) -> str:
    """A TOML literal (JSON's strings, numbers, booleans and arrays are TOML's too)."""
    return json.dumps(value, ensure_ascii=False)
