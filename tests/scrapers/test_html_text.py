"""Plain text as a reader sees it, and removing elements without losing the text that follows."""

from __future__ import annotations

from lxml import etree
from lxml.html import document_fromstring, fragment_fromstring

from scrapers.html_text import element_text, is_element, remove


def test_what_a_reader_never_sees_is_not_text() -> None:
    div = fragment_fromstring("<div>Before<script>var x = 1;</script> after<!-- note --> end"
                              "<style>p{}</style><button>Reply</button><svg><text>icon</text></svg></div>")
    assert element_text(div) == "Before after end"


def test_tables_lists_and_quotes_keep_their_lines_and_paragraphs() -> None:
    div = fragment_fromstring("<div><blockquote><p>Quoted.</p></blockquote>"
                              "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"
                              "<pre>two\n  lines</pre></div>")
    assert element_text(div) == "Quoted.\n\na b\nc\n\ntwo lines"


def test_the_tail_after_an_element_is_not_part_of_it() -> None:
    div = fragment_fromstring("<div><p>inside</p>outside</div>")
    assert element_text(div[0]) == "inside"


def test_remove_keeps_the_text_after_the_element() -> None:
    div = fragment_fromstring("<div>Start <span class='ad'>Ad</span> middle <b>bold</b><i>x</i> end</div>")
    remove(div.find("span"))
    remove(div.find("i"))
    assert element_text(div) == "Start middle bold end"


def test_remove_drops_control_characters_lxml_would_refuse() -> None:
    tree = document_fromstring("<html><body><div><em>x</em>a\x01b</div></body></html>")
    em = tree.find(".//em")
    remove(em)
    assert element_text(tree.find(".//div")) == "ab"
    remove(tree)  # the root has no parent: nothing to do
    assert tree.find(".//div") is not None


def test_only_elements_are_elements() -> None:
    div = fragment_fromstring("<div><!-- c --><p>x</p></div>")
    assert [is_element(node) for node in div] == [False, True]
    assert not is_element(etree.Entity("amp")) and not is_element("text")
