"""Comment threads expanded from an article's compact plan (shape string, pings, specials).

Each top-level thread gets a time after the post, replies come after their parent; ids are given
later, site-wide, in time order (see `content.build_site`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .content_data import COMMENTERS, SHAPES, SNIPPETS, SPECIAL_COMMENTS, ArticleSpec, PingSpec

FIRST_DELAY = timedelta(minutes=35)
REPLY_DELAY = timedelta(minutes=17)
SIBLING_STEP = timedelta(minutes=11)


@dataclass(frozen=True, slots=True)
class Draft:
    """A comment before it has an id: identified by its post and its thread path ("7.0.1")."""

    post_id: int
    path: str
    kind: str
    author: str
    author_url: str
    user_slug: str
    when: datetime
    content: str

    @property
    def parent_path(self) -> str | None:
        """Thread path of the comment replied to, None at top level."""
        return self.path.rsplit(".", 1)[0] if "." in self.path else None

    @property
    def depth(self) -> int:
        """1 for top-level comments and pings, 2 for replies, ..."""
        return self.path.count(".") + 1


def draft_comments(spec: ArticleSpec, published: datetime) -> list[Draft]:
    """Every comment, pingback and trackback the post will ever have, in generation order."""
    gap = timedelta(minutes=spec.gap_minutes)
    drafts: list[Draft] = []
    for index, shape in enumerate(spec.shape):
        times = {str(index): published + FIRST_DELAY + index * gap}
        paths = [str(index)] + [f"{index}.{rel}" for rel in SHAPES[shape]]
        for path in paths:
            parent, _, last = path.rpartition(".")
            if parent:
                times[path] = times[parent] + REPLY_DELAY + SIBLING_STEP * int(last)
            drafts.append(_reader_comment(spec, path, times[path], len(drafts)))
    for number, ping in enumerate(spec.pings):
        when = published + FIRST_DELAY + ping.after * gap + gap / 2
        drafts.append(_ping(spec.post_id, number, ping, when))
    return drafts


def _reader_comment(spec: ArticleSpec, path: str, when: datetime, seq: int) -> Draft:
    special = SPECIAL_COMMENTS.get((spec.post_id, path))
    if special is not None:
        author, url, user_slug, content = special
    else:
        # Strides coprime with the pool sizes, so neighbouring comments differ.
        author, url = COMMENTERS[(spec.post_id + seq * 5) % len(COMMENTERS)]
        content = SNIPPETS[(spec.post_id // 7 + seq * 3) % len(SNIPPETS)]
        user_slug = ""
    return Draft(spec.post_id, path, "comment", author, url, user_slug, when, content)


def _ping(post_id: int, number: int, ping: PingSpec, when: datetime) -> Draft:
    return Draft(post_id, f"p{number}", ping.kind, ping.author, ping.url, "", when, ping.content)
