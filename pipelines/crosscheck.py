"""Cross-check a page's comments with the REST API's copy: fill what the theme hid, mark conflicts.

The page stays each comment's source and provenance. Where its markup left a field empty, the
REST API's value fills it and `sources` names the field; where both have a value and they
contradict each other, the page's value is kept and `disagreements` names the field. Crawl and
replay both call `cross_check` with the same archived answer, so both give the same records.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping
from datetime import datetime

from pipelines import normalize
from scrapers.items import ArticlePage, Comment
from scrapers.profile import SiteProfile
from scrapers.rest_comments import RestComment

REST_API = "rest_api"
"""The `sources` value of a field filled from `/wp/v2/comments`."""
DATE_TOLERANCE_SECONDS = 60
"""Pages print comment times to the minute; the API to the second."""

# wptexturize and esc_html change how a name prints, not what it is: curly quotes, primes,
# dashes, the ellipsis, the multiplication sign (WordPress stores what the commenter typed).
_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"',
                             "„": '"', "″": '"', "–": "-", "—": "-", "…": "...", "×": "x"})
_DASHES = re.compile(r"-{2,}")
_RELATIVE = re.compile(r"\bago\b|\bvor\b|\bil y a\b|\bhace\b", re.IGNORECASE)


def wants_cross_check(page: ArticlePage, profile: SiteProfile | None) -> bool:
    """Whether the page's comments are to be checked against the REST API: the profile allows
    the API, and its `crosscheck` mode is 'always', or 'gaps' and a comment lacks a field."""
    if profile is None or not profile.use_rest_api or page.post_id is None or not page.comments:
        return False
    if profile.crosscheck == "always":
        return True
    return profile.crosscheck == "gaps" and any(map(has_gap, page.comments))


def has_gap(comment: Comment) -> bool:
    """The page showed no author, no date or no text for this comment."""
    return not comment.author_raw or not comment.published_raw or not comment.text


def cross_check(comments: list[Comment], rest: Mapping[str, RestComment], timezone: str) -> None:
    """Fill and mark `comments` (in place) from the REST API's comments of their post, by id.

    `timezone` is the site's: the page's local times are read in it to compare with date_gmt.
    """
    for comment in comments:
        found = rest.get(comment.id)
        if found is not None:
            _merge(comment, found, rest, timezone)


def _merge(comment: Comment, rest: RestComment, thread: Mapping[str, RestComment], tz: str) -> None:
    if not comment.author_raw and rest.author_raw:
        comment.author_raw = rest.author_raw
        comment.sources["author"] = REST_API
    elif comment.author_raw and rest.author_raw and _name(comment.author_raw) != _name(rest.author_raw):
        comment.disagreements.append("author")
    if not comment.author_url and rest.author_url:
        comment.author_url = rest.author_url
        comment.sources["author_url"] = REST_API
    if not comment.published_raw and rest.date_gmt:
        comment.published_raw = rest.date_gmt + "Z"
        comment.sources["published"] = REST_API
    elif comment.published_raw and rest.date_gmt and not _same_time(comment, rest, tz):
        comment.disagreements.append("published")
    if not comment.text and rest.text:
        comment.text = rest.text
        comment.sources["text"] = REST_API
    if comment.parent_id is None and rest.parent_id is not None:
        # A theme that does not nest replies shows every comment at top level.
        comment.parent_id = rest.parent_id
        comment.depth = _depth(rest, thread)
        comment.sources["parent_id"] = REST_API
    elif rest.parent_id != comment.parent_id:
        comment.disagreements.append("parent_id")


def _name(text: str) -> str:
    """A commenter name as compared: typography folded, `says:` cut, case and spacing ignored.

    >>> _name("Frances O’Brien says:") == _name("Frances O'Brien")
    True
    >>> _name("Tom &amp; Jerry") == _name("Tom & Jerry"), _name("A--B") == _name("A–B")
    (True, True)
    """
    name = normalize.comment_author(html.unescape(text)) or ""
    name = unicodedata.normalize("NFKC", name.translate(_TYPOGRAPHY))
    return " ".join(_DASHES.sub("-", name).casefold().split())


def _same_time(comment: Comment, rest: RestComment, tz: str) -> bool:
    """The page's date and the API's agree: same day for a date-only page, else within a
    minute. Relative dates ('2 hours ago') and dates we cannot read are not judged."""
    raw = comment.published_raw or ""
    page = normalize.date(raw, tz=tz, now=comment.fetched_at or None)
    if page is None or _RELATIVE.search(raw):
        return True
    if len(page) == 10:  # the day only, in the site's zone: the API's local `date` has it
        return page == (rest.date or rest.date_gmt or "")[:10]
    try:
        seen = datetime.fromisoformat(page.replace("Z", "+00:00"))
        stated = datetime.fromisoformat((rest.date_gmt or "") + "+00:00")
    except ValueError:
        return True
    return abs((seen - stated).total_seconds()) <= DATE_TOLERANCE_SECONDS


def _depth(comment: RestComment, thread: Mapping[str, RestComment]) -> int:
    """1 + the number of ancestors the API names (a cycle or a missing parent ends the walk)."""
    depth, seen, parent = 1, {comment.id}, comment.parent_id
    while parent is not None and parent not in seen:
        depth += 1
        seen.add(parent)
        found = thread.get(parent)
        parent = found.parent_id if found is not None else None
    return depth
