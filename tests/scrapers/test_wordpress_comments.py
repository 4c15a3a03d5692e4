"""One comment's own markup (`own_content`) and what is read from it, on hand-written core markup.

`own_content` hands back the page's own element when no reply is nested in it (no copy), so
nothing read from it may look past the comment: these pin that down.
"""

from __future__ import annotations

from lxml import etree, html

from scrapers.wordpress_comments import comment_elements, own_content, reader_comments

URL = "https://example.org/2024/01/02/post/"
THREAD = """<html><body><ol class="comment-list">
<li id="comment-1" class="comment depth-1"><article>
  <footer><span class="fn">Ann</span> <time datetime="2024-01-02T10:00:00+00:00">Jan 2</time></footer>
  <div class="comment-content"><p>First words.</p></div>
  </article>
  <ol class="children">
    <li id="comment-2" class="comment depth-2"><article>
      <footer><span class="fn">Ben</span> <time datetime="2024-01-02T11:00:00+00:00">Jan 2</time></footer>
      <div class="comment-content"><p>A reply.</p></div></article></li>
  </ol> after the replies
</li>
<a href="https://elsewhere.example/"><li id="comment-3" class="comment depth-1"><article>
  <footer><span class="fn">Cleo</span> <time datetime="2024-01-03T09:00:00+00:00">Jan 3</time></footer>
  <div class="comment-content"><p>Wrapped in a link by a broken theme.</p></div></article></li></a>
<li id="comment-4" class="comment depth-1"><article>
  <footer><a class="url" href="https://dan.example/"><span class="fn">Dan</span></a>
  <time datetime="2024-01-04T09:00:00+00:00">Jan 4</time></footer>
  <div class="comment-content"><p>Named by a link around the name.</p></div></article></li>
</ol></body></html>"""


def _page() -> tuple[html.HtmlElement, list[tuple[str, html.HtmlElement]]]:
    tree = html.document_fromstring(THREAD)
    return tree, comment_elements(tree)


def test_own_content_leaves_out_replies_keeps_text_after_them_and_leaves_the_page_as_it_was() -> None:
    tree, elements = _page()
    before = etree.tostring(tree)
    ids = {element: comment_id for comment_id, element in elements}
    first = dict(elements)["1"]
    own = own_content(first, ids)
    assert own is not first  # replies nested: a copy without them
    text = own.text_content()
    assert "First words." in text and "after the replies" in text
    assert "A reply." not in text and "Ben" not in text
    leaf = dict(elements)["2"]
    assert own_content(leaf, ids) is leaf  # nothing nested: the page's element, not copied
    assert etree.tostring(tree) == before


def test_author_link_is_looked_for_inside_the_comment_only() -> None:
    # Cleo's comment sits inside a stray link; that link is not her website. Dan's name is
    # wrapped in his own link (Twenty Nineteen's `a.url` around `span.fn`).
    _, elements = _page()
    comments = {c.id: c for c in reader_comments(elements, URL, 1)}
    assert comments["3"].author_raw == "Cleo" and comments["3"].author_url is None
    assert comments["4"].author_url == "https://dan.example/"
    assert [(c.id, c.parent_id, c.depth) for c in comments.values()] == [
        ("1", None, 1), ("2", "1", 2), ("3", None, 1), ("4", None, 1)]
    assert comments["1"].text == "First words." and comments["2"].text == "A reply."
