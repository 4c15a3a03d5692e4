"""The compiled-XPath helpers the page objects' tables are written with."""

from __future__ import annotations

from lxml import html

from scrapers.xpath import class_token, select

PAGE = html.document_fromstring("""<html class="entry"><body>
<div id="a" class="entry"></div>
<div id="b" class="post  entry&#10;hentry"></div>
<div id="c" class="entry-content"></div>
<div id="d" class="myentry"></div>
<div id="e"></div>
<div id="f" class="x"><p id="g" class="y entry"></p></div>
</body></html>""")


def test_class_token_matches_whole_tokens_only_in_document_order() -> None:
    # Theme CSS classes: 'entry' must not match 'entry-content' or 'myentry'; any whitespace
    # separates tokens. The attribute form counts the context element itself, as '//*' does.
    found = select(PAGE, f"//@class{class_token('entry')}/..")
    assert [el.get("id") or el.tag for el in found] == ["html", "a", "b", "g"]


def test_descendant_form_leaves_out_the_scope_element_like_dot_slash_slash() -> None:
    # Scoped tables read `descendant::*/@class[...]/..`: the scope's own class does not count,
    # just as with `.//*[...]`.
    scope = PAGE.get_element_by_id("g")
    assert select(scope, f"descendant::*/@class{class_token('entry')}/..") == []
    assert select(PAGE, f"descendant::*/@class{class_token('entry')}/..") == select(
        PAGE, ".//*[contains(concat(' ', normalize-space(@class), ' '), ' entry ')]")


def test_select_returns_what_element_xpath_returns() -> None:
    # Attribute values and numbers as well as elements: call sites did not change shape.
    assert select(PAGE, "//div/@id") == PAGE.xpath("//div/@id") == ["a", "b", "c", "d", "e", "f"]
    assert select(PAGE, "count(//div)") == 6.0
