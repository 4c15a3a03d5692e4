"""Filling a page's comments from the REST API's copy, and marking where the two disagree."""

from __future__ import annotations

import pytest

from pipelines.chain import RecordChain
from pipelines.crosscheck import cross_check, has_gap, wants_cross_check
from pipelines.rest_store import RestCommentStore, capture_key
from scrapers.items import Article, ArticlePage, Comment
from scrapers.profile import SiteProfile
from scrapers.rest_comments import RestComment

TZ = "America/New_York"
FETCHED = "2026-01-10T12:00:00Z"


def _page_comment(**fields: object) -> Comment:
    values: dict[str, object] = {"id": "8", "article_url": "http://e.org/a", "author_raw": "Tom & Jerry",
                                 "published_raw": "January 4, 2014 at 9:51 pm",
                                 "text": "Hmm.", "fetched_at": FETCHED}
    values.update(fields)
    return Comment(**values)  # type: ignore[arg-type]


def _rest(**fields: object) -> RestComment:
    values: dict[str, object] = {"id": "8", "parent_id": None, "author_raw": "Tom & Jerry",
                                 "author_url": None, "date_gmt": "2014-01-05T02:51:23",
                                 "date": "2014-01-04T21:51:23", "text": "Hmm."}
    values.update(fields)
    return RestComment(**values)  # type: ignore[arg-type]


def _checked(comment: Comment, *rest: RestComment) -> Comment:
    cross_check([comment], {r.id: r for r in rest}, TZ)
    return comment


def test_what_the_page_hides_comes_from_the_api_and_is_marked() -> None:
    comment = _checked(_page_comment(author_raw=None, published_raw=None, text=""),
                       _rest(author_url="https://tj.example/", text="Hmm. The timing."))
    assert (comment.author_raw, comment.author_url, comment.text) == (
        "Tom & Jerry", "https://tj.example/", "Hmm. The timing.")
    assert comment.sources == {"author": "rest_api", "author_url": "rest_api",
                               "published": "rest_api", "text": "rest_api"}
    assert comment.disagreements == []
    # The chain reads the API's time as UTC, whatever the site's zone.
    normalized = RecordChain(lambda name: None).comment(comment, TZ)
    assert normalized is not None and normalized.published == "2014-01-05T02:51:23Z"
    assert normalized.author == "Tom & Jerry"


def test_what_the_page_shows_stays_and_agreement_marks_nothing() -> None:
    comment = _checked(_page_comment(author_url="https://page.example/"),
                       _rest(author_url="https://api.example/", text="other text"))
    assert (comment.author_raw, comment.author_url, comment.text) == (
        "Tom & Jerry", "https://page.example/", "Hmm.")
    assert comment.sources == {} and comment.disagreements == []


@pytest.mark.parametrize("printed, stored", [
    ("Frances O’Brien says:", "Frances O'Brien"),  # wptexturize + the theme's 'says:'
    ("Tom &amp; Jerry", "Tom & Jerry"),
    ("“Ghost” – reader…", '"Ghost" -- reader...'),
    ("  jean  DUPONT ", "Jean Dupont"),
])
def test_typography_is_no_disagreement(printed: str, stored: str) -> None:
    comment = _checked(_page_comment(author_raw=printed), _rest(author_raw=stored))
    assert comment.disagreements == [] and comment.author_raw == printed


def test_another_name_is_a_disagreement_and_the_page_keeps_its_value() -> None:
    comment = _checked(_page_comment(author_raw="Anonymous"), _rest(author_raw="Tom & Jerry"))
    assert comment.disagreements == ["author"] and comment.author_raw == "Anonymous"
    assert comment.sources == {}


@pytest.mark.parametrize("printed, agrees", [
    ("January 4, 2014 at 9:51 pm", True),  # local time, to the minute
    ("2014-01-05T02:51:23+00:00", True),
    ("January 4, 2014", True),  # the day, in the site's zone
    ("3 hours ago", True),  # relative: not judged
    ("no date here", True),  # unreadable: not judged (counted by the chain)
    ("January 4, 2014 at 10:51 pm", False),  # an hour off: a wrong zone, or another comment
    ("January 5, 2014", False),
])
def test_published_disagrees_beyond_a_minute_or_another_day(printed: str, agrees: bool) -> None:
    comment = _checked(_page_comment(published_raw=printed), _rest())
    assert comment.disagreements == ([] if agrees else ["published"])
    assert comment.published_raw == printed


def test_a_flat_theme_gets_parent_and_depth_from_the_api() -> None:
    thread = [_rest(id="1"), _rest(id="2", parent_id="1"), _rest(id="8", parent_id="2")]
    comment = _checked(_page_comment(), *thread)
    assert (comment.parent_id, comment.depth) == ("2", 3)
    assert comment.sources == {"parent_id": "rest_api"}


def test_another_parent_is_a_disagreement() -> None:
    comment = _checked(_page_comment(parent_id="5", depth=2), _rest(parent_id="2"))
    assert comment.disagreements == ["parent_id"] and comment.parent_id == "5"
    top = _checked(_page_comment(parent_id="5", depth=2), _rest())
    assert top.disagreements == ["parent_id"]


def test_a_comment_the_api_does_not_list_is_left_as_the_page_shows_it() -> None:
    comment = _checked(_page_comment(author_raw=None), _rest(id="9"))
    assert comment.author_raw is None and comment.sources == {} and comment.disagreements == []


def _page(*comments: Comment, post_id: int | None = 6) -> ArticlePage:
    return ArticlePage(Article(url="http://e.org/a"), list(comments), post_id=post_id)


def test_gaps_mode_asks_only_for_pages_with_a_comment_missing_a_field() -> None:
    profile = SiteProfile("s", "http://e.org/")
    assert profile.crosscheck == "gaps"
    assert not wants_cross_check(_page(_page_comment()), profile)
    for gap in ({"author_raw": None}, {"published_raw": ""}, {"text": ""}):
        incomplete = _page_comment(**gap)
        assert has_gap(incomplete)
        assert wants_cross_check(_page(_page_comment(id="1"), incomplete), profile)


def test_always_off_no_api_no_post_id_no_comments() -> None:
    complete = _page(_page_comment())
    gap = _page(_page_comment(text=""))
    assert wants_cross_check(complete, SiteProfile("s", "http://e.org/", crosscheck="always"))
    assert not wants_cross_check(gap, SiteProfile("s", "http://e.org/", crosscheck="off"))
    assert not wants_cross_check(gap, SiteProfile("s", "http://e.org/", use_rest_api=False))
    assert not wants_cross_check(_page(_page_comment(text=""), post_id=None),
                                 SiteProfile("s", "http://e.org/"))
    assert not wants_cross_check(_page(), SiteProfile("s", "http://e.org/", crosscheck="always"))
    assert not wants_cross_check(gap, None)  # no profile: no API was asked
    with pytest.raises(ValueError, match="crosscheck"):
        SiteProfile("s", "http://e.org/", crosscheck="sometimes")


def test_store_keeps_answers_per_crawl_and_the_first_copy_of_a_comment() -> None:
    store = RestCommentStore()
    first, second = capture_key("u1", "d1"), capture_key("u2", "d2")
    store.add("crawl-1", 6, first, [_rest(id="8", author_raw="First"), _rest(id="7")])
    store.add("crawl-1", 6, second, [_rest(id="8", author_raw="Later"), _rest(id="9")])
    store.add("crawl-2", 6, capture_key("u3", "d3"), [_rest(id="8", author_raw="Other crawl")])
    store.add("crawl-1", 7, capture_key("u4", "d4"), [])
    got = store.comments("crawl-1", 6)
    assert sorted(got) == ["7", "8", "9"] and got["8"].author_raw == "First"
    assert got["7"] == _rest(id="7")  # every field survives the round trip
    assert store.comments("crawl-2", 6)["8"].author_raw == "Other crawl"
    assert store.comments("crawl-1", 7) == {} and store.comments("crawl-3", 6) == {}
    store.close()


def test_a_revisit_answer_reads_the_capture_it_names() -> None:
    store = RestCommentStore()
    original = capture_key("http://e.org/wp-json/wp/v2/comments?post=6", "2026-01-01T00:00:00Z")
    store.add("crawl-1", 6, original, [_rest(id="8")])
    store.add("crawl-2", 6, original, None)  # crawl 2 got the same bytes: a revisit record
    assert list(store.comments("crawl-2", 6)) == ["8"]
    store.close()
