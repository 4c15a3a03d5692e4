"""Reader comments in every comment markup WordPress and its default themes printed since 2010, on
pages of the real WordPress fixture: comment page 1 of its 166-comment post, trimmed to two threads
(tests/data/wordpress-fixture/markup.*.html; recorded by tests/sites/wordpress/record_markup_pages.py,
see the README there). Expected values are WordPress's own export (ground_truth.php), not extractor
output. The crawl of the live fixture in each markup is
tests/sites/wordpress/test_comment_markup_real_wordpress.py; these run without it.

Raw fields are normalized here as the pipeline does (normalize.comment_author, normalize.date in
the site's zone).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipelines import normalize
from scrapers.http import HttpResponse
from scrapers.items import Comment
from scrapers.wordpress import WordPressArticlePage

PAGES = Path(__file__).resolve().parent.parent / "data" / "wordpress-fixture"
URL = ("http://127.0.0.1:8089/archives/2021/12/analysis-jnims-drone-program-in-the-sahel.php"
       "/comment-page-1")
TZ = "America/New_York"
MARKUPS = {  # page -> how its comments print the date (the ones before html5 print no datetime)
    "markup.twentyten.html": "December 8, 2021 at 6:11 pm",
    "markup.twentyeleven.html": "2021-12-08T18:11:15-05:00",
    "markup.twentytwelve.html": "2021-12-08T18:11:15-05:00",
    "markup.core-xhtml-ol.html": "December 8, 2021 at 6:11 pm",
    "markup.core-xhtml-div-de.html": "8. Dezember 2021 um 18:11",
    "markup.core-html5-ul.html": "2021-12-08T18:11:15-05:00",
    "markup.twentynineteen.html": "2021-12-08T18:11:15-05:00",
    "markup.twentytwenty.html": "2021-12-08T18:11:15-05:00",
    "markup.twentytwentythree-fr.html": "2021-12-08T18:11:15-05:00",
}
# (id, parent, depth, author as WordPress stores it, author URL, UTC minute): ground_truth.php.
# 169 is a staff reply; 174 (pingback) and 176 (trackback) are on the pages and must not come out.
TRUTH = [
    ("166", None, 1, 'Marcus "Doc" Ellery', "https://example.net/anna", "2021-12-08T23:11"),
    ("167", "166", 2, "-", None, "2021-12-09T01:31"),
    ("168", None, 1, "ex-pat in Doha", None, "2021-12-09T02:10"),
    ("169", "168", 2, "Thomas Joscelyn", None, "2021-12-09T03:34"),
    ("172", "169", 3, "Mike R.", None, "2021-12-09T05:33"),
    ("173", "172", 4, "R.B.", None, "2021-12-09T05:59"),
    ("175", "173", 5, "Dr. Amélie Durand", "https://example.org/a-durand", "2021-12-09T07:55"),
    ("180", "169", 3, "Frances O'Brien", "https://example.net/frances", "2021-12-09T10:56"),
    ("186", "180", 4, "Tom & Jerry", None, "2021-12-09T16:23"),
]
# content_raw of two of them (WordPress adds the <p>s and typographic quotes on display).
TEXTS = {
    "166": "Très intéressant, merci. The <em>timing</em> matters more than people think.",
    "186": "Hmm. Correction: it was a Tuesday, not a Monday.\n\nResidents of Ménaka told reporters"
           " that the fighting lasted for more than 11 hours. Satellite imagery reviewed by the"
           " authors shows new fortifications along the approaches to Ménaka. JNIM has been"
           " steadily rebuilding its networks around Timbuktu after losing ground in 2021. Just my"
           " two cents.",
}


def _comments(name: str) -> list[Comment]:
    response = HttpResponse(url=URL, status=200, headers=(("Content-Type", "text/html"),),
                            body=(PAGES / name).read_bytes())
    return WordPressArticlePage(response).to_item().comments


@pytest.mark.parametrize("name", MARKUPS)
def test_every_comment_with_thread_author_date_and_text(name: str) -> None:
    comments = _comments(name)
    got = [(c.id, c.parent_id, c.depth, normalize.comment_author(c.author_raw or ""), c.author_url,
            (normalize.date(c.published_raw or "", tz=TZ) or "")[:16]) for c in comments]
    assert got == TRUTH
    assert [c.position for c in comments] == list(range(1, 10))
    assert all(c.text for c in comments)
    by_id = {c.id: c for c in comments}
    for cid, stored in TEXTS.items():
        assert by_id[cid].text.split("\n\n") == stored.replace("<em>", "").replace("</em>", "").split("\n\n")


@pytest.mark.parametrize("name", MARKUPS)
def test_raw_date_is_what_the_page_prints(name: str) -> None:
    assert _comments(name)[0].published_raw == MARKUPS[name]


def test_nothing_of_the_theme_leaks_into_name_or_text() -> None:
    """'says:', 'said:', 'sagt:', 'on <date>', 'Reply', 'Post author', dates: not in name or text."""
    leak = re.compile(r"\b(says|said|sagt|dit|Reply|Répondre|Antworten|Post author|December|Dezember"
                      r"|décembre)\b")
    for name in MARKUPS:
        for comment in _comments(name):
            assert not leak.search(comment.text), (name, comment.id, comment.text)
            assert not leak.search(normalize.comment_author(comment.author_raw or "") or ""), name


def test_block_theme_prints_the_names_texturized_and_author_keeps_the_stored_form() -> None:
    # Twenty Twenty-Three in French: wptexturize prints “…” as « … » and a lone "-" as "–".
    comments = {c.id: c for c in _comments("markup.twentytwentythree-fr.html")}
    assert comments["166"].author_raw == "Marcus « Doc » Ellery"  # spaces collapsed
    assert comments["167"].author_raw == "–"
    assert comments["180"].author_raw == "Frances O’Brien"
    assert [normalize.comment_author(comments[i].author_raw or "") for i in ("166", "167", "180")] == [
        'Marcus "Doc" Ellery', "-", "Frances O'Brien"]
