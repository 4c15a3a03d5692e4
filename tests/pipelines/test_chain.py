"""The shared chain: ids, de-duplication, normalized twins beside raw values, unparsed counts."""

from __future__ import annotations

from collections import Counter

from pipelines.chain import RecordChain, article_id
from scrapers.items import Article, Comment

URL = "https://www.longwarjournal.org/archives/2014/10/x.php"


def _chain() -> tuple[RecordChain, Counter[str]]:
    counts: Counter[str] = Counter()
    return RecordChain(lambda name: counts.update([name])), counts


def test_article_gets_normalized_twins_and_keeps_the_raw_values() -> None:
    chain, counts = _chain()
    article = chain.article(Article(
        url=URL, byline_raw="By BILL ROGGIO and Caleb Weiss", published_raw="October 16, 2014 at 2:05 pm",
        tags_raw=["Al Qaeda", "al qaeda", " Syria "], categories_raw=["Analysis"], text="a b c",
    ), timezone="America/New_York")
    assert article is not None
    assert article.id == article_id(URL)
    assert article.authors == ["Bill Roggio", "Caleb Weiss"]
    assert article.byline_raw == "By BILL ROGGIO and Caleb Weiss"
    assert article.published == "2014-10-16T18:05:00Z"  # 2:05 pm EDT, read in the site's zone
    assert article.tags == ["Al Qaeda", "Syria"] and article.tags_raw[1] == "al qaeda"
    assert article.categories == ["Analysis"] and article.word_count == 3
    assert not counts


def test_relative_comment_dates_are_read_against_the_fetch_time() -> None:
    chain, _ = _chain()
    comment = chain.comment(Comment(id="7", article_url=URL, author_raw="Jasmin says:",
                                    published_raw="2 hours ago", fetched_at="2024-05-01T12:00:00Z"))
    assert comment is not None
    assert comment.author == "Jasmin" and comment.author_raw == "Jasmin says:"
    assert comment.published == "2024-05-01T10:00:00Z"
    assert comment.article_id == article_id(URL)


def test_a_record_seen_twice_comes_out_once_and_is_counted() -> None:
    chain, counts = _chain()
    assert chain.article(Article(url=URL)) is not None
    assert chain.article(Article(url=URL)) is None
    assert chain.comment(Comment(id="7", article_url=URL)) is not None
    assert chain.comment(Comment(id="7", article_url=URL)) is None
    assert chain.comment(Comment(id="7", article_url=URL + "?other")) is not None  # other article
    assert counts["dedupe/dropped"] == 2


def test_values_that_do_not_parse_become_null_and_are_counted() -> None:
    chain, counts = _chain()
    article = chain.article(Article(url=URL, byline_raw="|", published_raw="Comments closed"))
    comment = chain.comment(Comment(id="1", article_url=URL, author_raw="  ", published_raw="soon"))
    assert article is not None and comment is not None
    assert article.authors == [] and article.published is None and comment.published is None
    assert counts == Counter({"normalize/byline_unparsed": 1, "normalize/published_unparsed": 1,
                              "normalize/comment_published_unparsed": 1,
                              "normalize/comment_author_unparsed": 1})
