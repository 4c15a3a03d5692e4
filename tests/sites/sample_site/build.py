"""Expands the compact data of `content_data` into the `Site` model, deterministically.

Comment ids are given site-wide in time order over the complete site, and `as_of` only filters,
so a comment keeps its id whether the site is built complete or as it stood at some moment.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from . import content_data as data
from .model import Article, Author, Comment, Site, Term
from .prose import body_blocks
from .threads import Draft, draft_comments

ZONE = ZoneInfo(data.TIMEZONE)


def local_time(text: str) -> datetime:
    """A 'YYYY-MM-DD HH:MM' wall-clock string read in the site's zone."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=ZONE)


@lru_cache(maxsize=16)  # one entry per as_of moment a test asks for
def build_site(as_of: datetime | None = None) -> Site:
    """The sample site, complete or as it stood at `as_of` (aware datetime). Deterministic."""
    authors = {a.slug: _author(a) for a in data.AUTHORS}
    terms = _terms()
    ids = _comment_ids()
    articles: list[Article] = []
    for index, spec in enumerate(data.ARTICLES):
        published = local_time(spec.published)
        if as_of is None or published <= as_of:
            previous = data.ARTICLES[index - 1] if index else None
            articles.append(_article(spec, index, previous, authors, terms, ids, as_of))
    articles.sort(key=lambda a: a.published, reverse=True)
    used = {t for a in articles for t in a.categories + a.tags}
    return Site(
        title=data.SITE_TITLE,
        tagline=data.SITE_TAGLINE,
        articles=tuple(articles),
        authors=tuple(a for a in authors.values() if any(a in p.authors for p in articles)),
        categories=tuple(t for t in terms.values() if t in used and t.taxonomy == "category"),
        tags=tuple(t for t in terms.values() if t in used and t.taxonomy == "post_tag"),
    )


def _author(spec: data.AuthorSpec) -> Author:
    bio = f"{spec.name} is an editor of {data.SITE_TITLE}{spec.bio_tail}."
    return Author(spec.user_id, spec.slug, spec.name, bio)


def _terms() -> dict[tuple[str, str], Term]:
    """Every term keyed by (taxonomy, name); ids in order of first use, as WordPress would."""
    terms: dict[tuple[str, str], Term] = {}
    for spec in data.ARTICLES:
        named = [("category", n) for n in spec.categories] + [("post_tag", n) for n in spec.tags]
        for key in named:
            if key not in terms:
                terms[key] = Term(key[0], 3 + len(terms), key[1], slugify(key[1]))
    return terms


def _comment_ids() -> dict[tuple[int, str], int]:
    """Site-wide comment ids in time order over the complete site, so `as_of` keeps them stable."""
    drafts = [d for s in data.ARTICLES for d in draft_comments(s, local_time(s.published))]
    drafts.sort(key=lambda d: (d.when, d.post_id, d.path))
    ids: dict[tuple[int, str], int] = {}
    next_id = data.FIRST_COMMENT_ID
    for number, draft in enumerate(drafts):
        ids[(draft.post_id, draft.path)] = next_id
        # Gaps, like ids taken by spam and trashed comments on a real site.
        next_id += 3 if number % 5 == 4 else 1
    return ids


def _article(
    spec: data.ArticleSpec,
    index: int,
    previous: data.ArticleSpec | None,
    authors: dict[str, Author],
    terms: dict[tuple[str, str], Term],
    ids: dict[tuple[int, str], int],
    as_of: datetime | None,
) -> Article:
    published = local_time(spec.published)
    modified = local_time(spec.modified) if spec.modified else published
    if as_of is not None and modified > as_of:
        modified = published
    update = f"{modified:%B} {modified.day}, {modified.year}" if modified != published else ""
    drafts = [
        d for d in draft_comments(spec, published) if as_of is None or d.when <= as_of
    ]
    return Article(
        id=spec.post_id,
        slug=spec.slug,
        title=spec.title,
        authors=tuple(authors[slug] for slug in spec.authors),
        published=published,
        modified=modified,
        categories=tuple(terms[("category", n)] for n in spec.categories),
        tags=tuple(terms[("post_tag", n)] for n in spec.tags),
        blocks=body_blocks(spec, index, previous, update),
        comments=_arrange(drafts, ids),
        comments_open=spec.comments_open,
    )


def _arrange(drafts: list[Draft], ids: dict[tuple[int, str], int]) -> tuple[Comment, ...]:
    """Threads in WordPress display order: oldest top-level first, each followed by its replies.

    Pages hold COMMENTS_PER_PAGE top-level entries (pings count, as in wp_list_comments).
    """
    children: dict[str | None, list[Draft]] = defaultdict(list)
    for draft in sorted(drafts, key=lambda d: ids[(d.post_id, d.path)]):
        children[draft.parent_path].append(draft)
    placed: list[Comment] = []
    positions: dict[int, int] = defaultdict(int)

    def place(draft: Draft, page: int) -> None:
        key = (draft.post_id, draft.path)
        parent = draft.parent_path
        if draft.kind == "comment":
            positions[page] += 1
        placed.append(Comment(
            id=ids[key],
            post_id=draft.post_id,
            parent_id=ids[(draft.post_id, parent)] if parent else None,
            depth=draft.depth,
            kind=draft.kind,
            author=draft.author,
            author_url=draft.author_url,
            user_slug=draft.user_slug,
            published=draft.when,
            content=draft.content,
            page=page,
            position=positions[page] if draft.kind == "comment" else 0,
        ))
        for child in children[draft.path]:
            place(child, page)

    for number, top in enumerate(children[None]):
        place(top, number // data.COMMENTS_PER_PAGE + 1)
    return tuple(placed)


def slugify(name: str) -> str:
    """WordPress-like slug: accents dropped, apostrophes removed, other runs become '-'.

    >>> slugify("Côte d’Ivoire"), slugify("Sahel & Maghreb"), slugify("Mélanie Ødegård")
    ('cote-divoire', 'sahel-maghreb', 'melanie-odegard')
    """
    folded = name.translate(_FOLD)
    ascii_name = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in ascii_name.replace("'", "").lower())
    return "-".join(words.split())


_FOLD = str.maketrans({"’": "", "Ø": "O", "ø": "o", "Ł": "L", "ł": "l", "ß": "ss"})
