"""Fuzzing the page objects with mutations of the nine real WordPress pages (tests/data/real-wordpress):
nodes dropped, duplicated, moved and reordered, attributes stripped, nesting broken (closing tags
lost, stray ones added, the page cut short), re-encoded (declared charset right, wrong or absent)
and bytes flipped. Through `derive_page`, the entry point crawl and replay share, then the chain.
Properties: no exception, no hang, bounded memory, and the records keep their invariants.
Profiles: tests/conftest.py."""

from __future__ import annotations

import copy
import importlib.util
import json
import re
import resource
from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import cache
from pathlib import Path

import attrs
import lxml.html
from hypothesis import example, given, settings
from hypothesis import strategies as st

from archive.writer import RecordLocation
from pipelines.chain import RecordChain
from pipelines.derive import derive_page
from scrapers.http import HttpResponse
from scrapers.items import ArticlePage
from scrapers.profile import SiteProfile, profile_from_dict

Bound = Callable[[], AbstractContextManager[None]]
HERE = Path(__file__).resolve().parent
PAGES = HERE.parent / "data" / "real-wordpress"
PUBLISHED = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?")
ENCODINGS = ["utf-8", "latin-1", "cp1252", "utf-16", "shift_jis", "koi8-r", "iso-8859-7"]
LOCATION = RecordLocation("x.warc.gz", 0, 1, "<urn:uuid:00000000-0000-4000-8000-000000000000>",
                          "", "2024-05-01T12:00:00Z", None)


@cache
def _urls() -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("expected", HERE / "real_wordpress_expected.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: expected["url"] for name, expected in module.EXPECTED.items()}


@cache
def _tree(name: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((PAGES / name).read_bytes())


def _mutate_tree(tree: lxml.html.HtmlElement, ops: list[tuple[str, int, int, str]]) -> None:
    """Structural mutations; element indexes are taken modulo the elements there are now."""
    for op, first, second, text in ops:
        elements = [el for el in tree.iter() if isinstance(el.tag, str) and el.getparent() is not None]
        if not elements:
            return
        el, other = elements[first % len(elements)], elements[second % len(elements)]
        if op == "drop":
            el.drop_tree()
        elif op == "duplicate":
            el.addnext(copy.deepcopy(el))
        elif op == "move" and el not in other.iterancestors() and el is not other:
            other.addprevious(el)  # reorders siblings or moves across the tree
        elif op == "reverse":
            parent = el.getparent()
            children = list(parent)
            for child in children:
                parent.remove(child)
            parent.extend(reversed(children))
        elif op == "strip":
            el.attrib.clear()
        elif op == "text":
            el.text = text


def _break_nesting(html: str, cuts: list[int], stray: list[tuple[int, str]], cut_at: int | None) -> str:
    closing = [m.start() for m in re.finditer(r"</[a-zA-Z]+>", html)]
    for index in sorted({c % len(closing) for c in cuts} if closing else (), reverse=True):
        end = html.index(">", closing[index]) + 1
        html = html[:closing[index]] + html[end:]  # a closing tag lost
    for at, tag in stray:
        at %= len(html) + 1
        html = html[:at] + tag + html[at:]
    if cut_at is not None:
        html = html[: cut_at % (len(html) + 1)]  # the page cut short
    return html


# Text lxml accepts in a tree (no NULs or C0 controls); the byte-level damage below adds those.
xml_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
ops = st.lists(st.tuples(st.sampled_from(["drop", "duplicate", "move", "reverse", "strip", "text"]),
                         st.integers(0, 10**6), st.integers(0, 10**6), xml_text), max_size=8)
strays = st.lists(st.tuples(st.integers(0, 10**7), st.sampled_from(
    ["</div>", "<div>", "</article>", "<ol class='commentlist'>", "</ol>", "<li>", "<!--", "]]>",
     "<time datetime='", "<span class='fn'>", "<script>", "</body></html>", "\x00", "&#0;"])), max_size=5)


@attrs.define(frozen=True)
class Mutation:
    """How to mutate one real page: kept small, so a failing case prints short."""

    name: str
    ops: list[tuple[str, int, int, str]]
    lost_closings: list[int]
    strays: list[tuple[int, str]]
    cut_at: int | None
    encoding: str
    errors: str
    flips: list[tuple[int, int]]
    declared: str

    def response(self) -> HttpResponse:
        tree = copy.deepcopy(_tree(self.name))
        _mutate_tree(tree, self.ops)
        html = lxml.html.tostring(tree, encoding="unicode")
        html = _break_nesting(html, self.lost_closings, self.strays, self.cut_at)
        body = bytearray(html.encode(self.encoding, errors=self.errors))
        for at, value in self.flips:
            if body:
                body[at % len(body)] = value
        content_type = "text/html" + (f"; charset={self.declared}" if self.declared else "")
        return HttpResponse(_urls()[self.name], 200, (("Content-Type", content_type),), bytes(body))


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    encoding = draw(st.sampled_from(ENCODINGS))
    return Mutation(
        name=draw(st.sampled_from(sorted(_urls()))), ops=draw(ops),
        lost_closings=draw(st.lists(st.integers(0, 10**6), max_size=6)), strays=draw(strays),
        cut_at=draw(st.none() | st.integers(0, 10**7)), encoding=encoding,
        errors=draw(st.sampled_from(["replace", "xmlcharrefreplace"])),
        flips=draw(st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)), max_size=4)),
        declared=draw(st.sampled_from([encoding, "utf-8", "", "no-such-charset"])),
    )


def _profile(generic: bool, url: str) -> SiteProfile | None:
    return profile_from_dict({"name": "fuzz", "base_url": url, "platform": "generic"}) if generic else None


def _check(page: ArticlePage | None) -> None:
    """What the records must hold whatever the markup: JSON-able, one article, dates as published."""
    if page is None:
        return
    chain = RecordChain(lambda name: None)
    article = chain.article(page.article, "Europe/Berlin")
    assert article is not None and isinstance(article.url, str) and article.url
    comments = [chain.comment(c, "Europe/Berlin") for c in page.comments]
    for comment in page.comments:
        assert comment.article_url == page.article.url
    for record in [article, *(c for c in comments if c is not None)]:
        json.dumps(attrs.asdict(record), ensure_ascii=False)
        for value in (getattr(record, "published", None), getattr(record, "modified", None)):
            assert value is None or PUBLISHED.fullmatch(value), value


def test_mutated_real_pages_extract_without_errors(time_bound: Bound, fuzz_scale: int) -> None:
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB; C allocations too

    @settings(max_examples=250 * fuzz_scale)
    @given(mutation=mutations(), generic=st.booleans())
    # Found by the long run (docs/reliability.md): a C0 control in comment text; an unclosed IPv6 host.
    @example(mutation=Mutation("franziska-elea.de.vuitton.html", [], [], [], None, "latin-1", "replace",
                               [(79234, 1)], "latin-1"), generic=False)
    @example(mutation=Mutation("basicthinking.de.tweets.html", [("duplicate", 1, 0, "")], [],
                               [(1741, "]]>")], None, "utf-8", "replace", [], "utf-8"), generic=False)
    def case(mutation: Mutation, generic: bool) -> None:
        response = mutation.response()
        with time_bound():
            _check(derive_page(response, LOCATION, _profile(generic, response.url), "fuzz"))

    case()
    # Bounded memory: no case took the process's high-water mark 256 MiB above where it was.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before < 256 * 1024
