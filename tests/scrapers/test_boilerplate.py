"""Boilerplate inside the article container: plugin boxes go, the article's own text stays."""

from __future__ import annotations

from lxml.html import HtmlElement, fragment_fromstring

from scrapers.boilerplate import cleaned
from scrapers.html_text import element_text


def _body(html: str) -> HtmlElement:
    return fragment_fromstring(f"<div class='entry-content'>{html}</div>")


def test_plugin_boxes_go_and_their_neighbours_keep_their_text() -> None:
    body = _body("<p>First paragraph.</p>"
                 "<div class='sharedaddy sd-sharing-enabled'><h3>Share this:</h3></div>tail after share"
                 "<div id='jp-relatedposts'>Related: another story</div>"
                 "<div class='saboxplugin-wrap'>About the author: Jane writes.</div>"
                 "<script>track()</script><form>Subscribe</form>"
                 "<p>Last paragraph.</p>")
    assert element_text(cleaned(body)) == "First paragraph.\n\ntail after share\n\nLast paragraph."


def test_markers_are_specific_enough_to_keep_headings_and_shared_stories() -> None:
    body = _body("<h2 class='heading'>A heading</h2><div class='shared-story'>Kept text.</div>")
    assert element_text(cleaned(body)) == "A heading\n\nKept text."


def test_a_profile_xpath_written_for_the_page_applies_inside_the_body() -> None:
    body = _body("<p>Story.</p><p class='job-ad'>We are hiring!</p>")
    assert element_text(cleaned(body, ["//p[@class='job-ad']"])) == "Story."


def test_the_pages_own_tree_is_left_untouched() -> None:
    body = _body("<p>Story.</p><aside>Sidebar</aside>")
    cleaned(body)
    assert element_text(body) == "Story.\n\nSidebar"
