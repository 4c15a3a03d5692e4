"""Record schemas: the contract of `articles.jsonl` and `comments.jsonl`.

Page objects fill the `*_raw` fields and the structural ones; the normalizer chain in `pipelines`
fills each normalized twin, `id`, `fetched_at` and `provenance`. Every field carries a description
in its metadata; `pipelines.schema` turns these classes into the published JSON Schema.
"""

from __future__ import annotations

from typing import Any

import attrs


def field(description: str, default: Any = None, *, factory: Any = None) -> Any:
    """An attrs field whose description becomes the JSON Schema `description`."""
    if factory is not None:
        return attrs.field(factory=factory, metadata={"description": description})
    return attrs.field(default=default, metadata={"description": description})


@attrs.define
class Provenance:
    """Where a record came from: enough to open the exact WARC record with plain warcio."""

    warc_file: str = field("WARC file path, relative to the folder holding the JSONL file.", "")
    warc_offset: int = field("Byte offset of the response record's gzip member in warc_file.", 0)
    warc_length: int = field("Length in bytes of that gzip member.", 0)
    warc_record_id: str = field("WARC-Record-ID of the response record (<urn:uuid:...>).", "")
    target_uri: str = field("WARC-Target-URI of the response record.", "")
    warc_date: str = field("WARC-Date of the response record (UTC, ISO 8601).", "")
    payload_digest: str | None = field("WARC-Payload-Digest (sha1:BASE32) of the response.")
    extractor: str = field("Page-object class that extracted the record.", "")
    software: str = field("Name and version of the software that wrote the record.", "")
    crawl_id: str = field("Identifier of the crawl that captured the WARC record.", "")
    truncated: bool = field("True when the record's HTTP body is not all there (the crawler cut it,"
                            " or the WARC record is damaged): fields may be missing or partial.", False)
    truncated_reason: str | None = field("Why the body is not all there (null when it is).")


@attrs.define
class Article:
    """One article (post) of a site."""

    url: str = field("Canonical URL (rel=canonical, og:url, else the fetched URL).", "")
    site: str = field("Site profile name the article belongs to.", "")
    title: str | None = field("Headline as the page states it, whitespace collapsed.")
    authors: list[str] = field("Author display names, normalized from byline_raw.", factory=list)
    byline_raw: str | None = field("Byline text as printed (co-authors joined by ' and ').")
    published: str | None = field("Publication date: YYYY-MM-DD or UTC YYYY-MM-DDTHH:MM:SSZ.")
    published_raw: str | None = field(
        "Publication date as the page states it; on generic (non-WordPress) pages the day htmldate"
        " reads from it (YYYY-MM-DD) unless the page states a timestamp of that day.")
    modified: str | None = field("Last modification date, same format as published.")
    modified_raw: str | None = field("Last modification date as the page states it.")
    tags: list[str] = field("Tags normalized from tags_raw (deduplicated, in order).", factory=list)
    tags_raw: list[str] = field("Tag labels as printed (rel=tag links, article:tag).", factory=list)
    categories: list[str] = field("Categories, normalized like tags.", factory=list)
    categories_raw: list[str] = field("Category labels as printed.", factory=list)
    summary: str | None = field("Summary: meta description / og:description / excerpt.")
    text: str = field("Article body text only: no bio, share buttons, appeals, sidebar.", "")
    word_count: int = field("Number of whitespace-separated words in text.", 0)
    comment_count: int | None = field("Comment count as the site states it, when it does.")
    lang: str | None = field("Language tag of the page (html lang / og:locale), e.g. 'en-US'.")
    id: str = field("Stable id: first 16 hex digits of sha1(url).", "")
    fetched_at: str = field("When the page was fetched (WARC-Date, UTC ISO 8601).", "")
    provenance: Provenance | None = field("WARC record the article was extracted from.")


@attrs.define
class Comment:
    """One reader comment (pingbacks and trackbacks are not comments)."""

    id: str = field("The site's own comment id (WordPress: N of id='comment-N').", "")
    article_url: str = field("Canonical URL of the article the comment belongs to.", "")
    parent_id: str | None = field("Id of the comment replied to; null for a top-level comment.")
    depth: int = field("Nesting depth: 1 for top level, 2 for a reply, ...", 1)
    position: int = field("1-based order of the comment on its comment page, in display order.", 0)
    comment_page: int = field("Comment page number the comment appears on (1 if unpaginated).", 1)
    author: str | None = field("Commenter display name, normalized from author_raw.")
    author_raw: str | None = field("Commenter name as printed.")
    author_url: str | None = field("Link the commenter gave (absolute URL), if any.")
    published: str | None = field("Comment date: YYYY-MM-DD or UTC YYYY-MM-DDTHH:MM:SSZ.")
    published_raw: str | None = field(
        "Comment date as printed (or its datetime attribute); REST API date_gmt + 'Z' when "
        "sources names 'published'.")
    text: str = field("Comment text, paragraphs separated by blank lines.", "")
    sources: dict[str, str] = field(
        "Where values the page did not show came from: field -> 'rest_api' (author covers "
        "author_raw, published covers published_raw, parent_id covers depth). Empty: all from "
        "the page. Provenance stays the page's; the REST answer is archived in the same WARCs.",
        factory=dict)
    disagreements: list[str] = field(
        "Fields whose page value the REST API contradicts (author beyond typography, published "
        "by more than a minute, parent_id); the page's value is kept.", factory=list)
    article_id: str = field("id of the article record.", "")
    fetched_at: str = field("When the page was fetched (WARC-Date, UTC ISO 8601).", "")
    provenance: Provenance | None = field("WARC record the comment was extracted from.")


@attrs.define
class PageLinks:
    """Links a page offers to the crawl: comment pages. Not a record; spiders read it."""

    comment_pages: dict[int, str] = field(
        "The other comment pages linked from this one: page number -> absolute URL.", factory=dict
    )
    this_page: int | None = field(
        "This page's comment page number as the page states it; None when it does not say."
    )


@attrs.define
class ArticlePage:
    """Everything one article page yields: the article, its comments on this page, more links."""

    article: Article
    comments: list[Comment] = attrs.field(factory=list)
    links: PageLinks = attrs.field(factory=PageLinks)
    comment_page: int = 1
    post_id: int | None = None
    """The site's own post id (WordPress), for cross-checks with its REST API; None if unknown."""
    api_root: str | None = None
    """The REST API root the page names (WordPress `<link rel="https://api.w.org/">`), or None."""
