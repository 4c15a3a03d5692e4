"""The synthetic site's content: articles with prose and threaded comments, deterministic.

Sizes follow a long-form WordPress site: 700-1,500-word articles, one in four without comments,
a long tail of busy threads paginated 20 top-level threads per page (`comments_per_page`), replies
nested up to depth 4. Text is drawn from a pool of generated sentences (cheap to build for 10k
articles; unlike a repeated template it does not gzip to nothing).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

COMMENTS_PER_PAGE = 20
"""Top-level threads per comment page, as WordPress counts them."""
MAX_DEPTH = 4
_SYLLABLES = ("al", "an", "ar", "ba", "be", "da", "de", "di", "el", "en", "er", "ha", "in", "ka",
              "la", "le", "ma", "mo", "na", "ne", "or", "ra", "re", "ri", "sa", "se", "ta", "te",
              "ti", "to", "ul", "un", "va", "za", "qa", "sh", "kh", "om", "is", "us")
_FIRST = ("Amina", "Bilal", "Clara", "David", "Elena", "Farid", "Grace", "Hamid", "Irene", "Jonas",
          "Karim", "Leila", "Marco", "Nadia", "Omar", "Priya", "Rashid", "Sofia", "Tariq", "Yusuf")
_LAST = ("Haddad", "Okafor", "Lindqvist", "Moreau", "Rahimi", "Novak", "Castillo", "Kowalski",
         "Mensah", "Ibrahim", "Fischer", "Tanaka", "Dubois", "Petrov", "Said", "Walsh")
START = datetime(2012, 1, 3, 9, 0, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Comment:
    """One reader comment: its thread place, page (1 = oldest) and fields."""

    id: int
    parent_id: int | None
    depth: int
    author: str
    author_url: str
    published: datetime
    text: tuple[str, ...]
    page: int


@dataclass(frozen=True, slots=True)
class Article:
    """One post: permalink path (`/YYYY/MM/slug/`), fields and comments in display order."""

    id: int
    slug: str
    title: str
    author: str
    published: datetime
    category: str
    tags: tuple[str, ...]
    paragraphs: tuple[str, ...]
    comments: tuple[Comment, ...]

    @property
    def path(self) -> str:
        return f"/{self.published:%Y/%m}/{self.slug}/"

    @property
    def comment_pages(self) -> int:
        return max((c.page for c in self.comments), default=1)

    def page_path(self, page: int) -> str:
        """Comment page `page`. The permalink shows the last (newest) page, and WordPress links that
        page by the permalink (`default_comments_page` = newest, its default)."""
        return self.path if page == self.comment_pages else f"{self.path}comment-page-{page}/"


def sentence_pool(count: int = 3000, seed: int = 15) -> tuple[str, ...]:
    """Sentences of made-up words: a vocabulary of a few thousand, Zipf-like use."""
    rng = random.Random(seed)
    words = ["".join(rng.choices(_SYLLABLES, k=rng.choice((1, 2, 2, 3, 3, 4)))) for _ in range(4000)]
    common = ("the", "of", "and", "to", "in", "a", "that", "was", "for", "on", "with", "by")
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    pool = []
    for _ in range(count):
        picked = rng.choices(words, weights=weights, k=rng.randint(9, 24))
        for slot in range(1, len(picked), 4):
            picked[slot] = rng.choice(common)
        pool.append(" ".join(picked).capitalize() + rng.choice((".", ".", ".", "?", ";")))
    return tuple(pool)


def build_articles(count: int, pool: tuple[str, ...]) -> list[Article]:
    """`count` articles, oldest first, with site-wide increasing comment ids."""
    articles = []
    next_comment = 1000
    for index in range(count):
        rng = random.Random(index * 7919 + 1)
        article = _article(index, rng, pool, next_comment)
        next_comment += len(article.comments) + rng.randint(0, 3)  # gaps: spam, trash
        articles.append(article)
    return articles


def _article(index: int, rng: random.Random, pool: tuple[str, ...], first_comment: int) -> Article:
    published = START + timedelta(hours=7 * index, minutes=rng.randint(0, 59))
    title_words = rng.choice(pool).rstrip(".?;").split()[: rng.randint(5, 10)]
    title = " ".join(title_words).capitalize()
    slug = "-".join(w.lower() for w in title_words)[:60].strip("-") + f"-{index}"
    paragraphs = tuple(" ".join(rng.choices(pool, k=rng.randint(3, 7)))
                       for _ in range(rng.randint(9, 20)))
    return Article(
        id=10 + index * 3, slug=slug, title=title, author=_name(rng), published=published,
        category=rng.choice(("Analysis", "Reports", "Africa", "Middle East", "Asia", "Europe")),
        tags=tuple(rng.sample(("Sahel", "Iraq", "Syria", "Yemen", "Somalia", "Afghanistan",
                               "Libya", "Mali", "Drones", "Sanctions"), k=rng.randint(1, 4))),
        paragraphs=paragraphs,
        comments=_thread(rng, pool, published, first_comment),
    )


def _thread_size(rng: random.Random) -> int:
    """Top-level comments: none for a quarter of the posts, a long tail of busy threads."""
    roll = rng.random()
    if roll < 0.25:
        return 0
    if roll < 0.75:
        return rng.randint(1, 15)
    if roll < 0.95:
        return rng.randint(16, 45)
    return rng.randint(46, 120)


def _thread(rng: random.Random, pool: tuple[str, ...], published: datetime, first_id: int
            ) -> tuple[Comment, ...]:
    placed: list[Comment] = []
    when = published
    for top in range(_thread_size(rng)):
        page = top // COMMENTS_PER_PAGE + 1
        parent: Comment | None = None
        for _ in range(1 + (rng.randint(0, 3) if rng.random() < 0.4 else 0)):
            when += timedelta(minutes=rng.randint(3, 600))
            comment = Comment(  # replies chain: 1 + at most 3 replies keeps depth <= MAX_DEPTH
                id=first_id + len(placed), parent_id=parent.id if parent else None,
                depth=parent.depth + 1 if parent else 1, author=_name(rng),
                author_url=f"https://blog{rng.randint(1, 999)}.example.org/" if rng.random() < 0.2 else "",
                published=when,
                text=tuple(" ".join(rng.choices(pool, k=rng.randint(1, 4)))
                           for _ in range(rng.randint(1, 3))),
                page=page,
            )
            placed.append(comment)
            parent = comment
    return tuple(placed)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
