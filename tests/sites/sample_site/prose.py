"""Article bodies built from templates, and the plain text a reader sees in a fragment.

Bodies are lists of HTML blocks as WordPress stores them in `post_content` (already run through
wpautop): paragraphs, headings, a blockquote and a list, with site-relative links that the renderer
makes absolute.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

from .content_data import ArticleSpec

_HEADINGS = (
    "What the evidence shows",
    "Why it matters",
    "Background",
    "The view from {place}",
    "Sources and method",
)
_INTRO = (
    "{Subject} has been active around {place} for months, and the pattern of its operations says "
    "a good deal about where the conflict is heading. This report draws on statements, videos and "
    "local reporting collected by our analysts over several weeks."
)
_ALLY = (
    "Working alongside {other}, {subject} has taken part in operations that neither could have "
    "mounted alone. The cooperation is pragmatic rather than ideological, but it is not new: "
    "similar arrangements were documented in earlier rounds of fighting, and they tend to outlast "
    "the battles that produced them."
)
_DETAIL = (
    "Local sources describe a division of labour. One side supplies heavy weapons and trained "
    "crews; the other brings fighters who know the terrain and the roads around {place}. Material "
    "released by both sides shows the same vehicles and, in at least one case, the same field "
    "commanders."
)
_QUOTE = (
    "“We fight beside whoever fights the enemy in front of us,” one commander told a regional "
    "outlet. “Questions about flags can wait until the shooting stops.”"
)
_VETTING = (
    "That attitude worries officials who have tried to vet partners in {place}. Vetting assumes "
    "that groups keep stable alliances; the record suggests they rarely do, and that weapons and "
    "money move between them faster than any reporting can track."
)
_SOURCES = "The assessment rests on three kinds of sources:"
_SOURCE_ITEMS = (
    "statements published by {subject};",
    "videos and photographs released by {other};",
    "interviews with residents of {place}.",
)
_SILENCE = (
    "Researchers who follow {other} closely note that its public statements rarely mention "
    "{subject} by name – a silence that says as much as any communiqué."
)
_CLOSE = (
    "None of this is settled. The situation around {place} changes week by week, and we will "
    "update this assessment as new material appears."
)
_UPDATE = (
    "<strong>Update, {date}:</strong> This article was revised to add reporting from the last "
    "48 hours and to correct the timeline in the second section."
)


def body_blocks(
    spec: ArticleSpec, index: int, previous: ArticleSpec | None, update_date: str = ""
) -> tuple[str, ...]:
    """The post's HTML blocks; `index` varies the headings, `previous` adds a related link."""
    words = {
        "subject": escape(spec.subject, quote=False),
        "Subject": escape(spec.subject[:1].upper() + spec.subject[1:], quote=False),
        "other": escape(spec.other, quote=False),
        "place": escape(spec.place, quote=False),
    }
    heading_a = _HEADINGS[index % len(_HEADINGS)].format(**words)
    heading_b = _HEADINGS[(index + 2) % len(_HEADINGS)].format(**words)
    items = "".join(f"<li>{item.format(**words)}</li>" for item in _SOURCE_ITEMS)
    blocks = [
        f"<p>{_INTRO.format(**words)}</p>",
        f"<p>{_ALLY.format(**words)}</p>",
        f"<h2>{heading_a}</h2>",
        f"<p>{_DETAIL.format(**words)}</p>",
        f"<blockquote><p>{_QUOTE}</p></blockquote>",
        f"<p>{_VETTING.format(**words)}</p>",
        f"<h2>{heading_b}</h2>",
        f"<p>{_SOURCES}</p>",
        f"<ul>{items}</ul>",
        f"<p>{_SILENCE.format(**words)}</p>",
        f"<p>{_CLOSE.format(**words)}</p>",
    ]
    if previous is not None:
        link = f'<a href="{permalink_path(previous)}">{escape(previous.title, quote=False)}</a>'
        blocks.insert(6, f"<p>For background, see our earlier report, {link}.</p>")
    if update_date:
        blocks.insert(0, f"<p>{_UPDATE.format(date=update_date)}</p>")
    return tuple(blocks)


def permalink_path(spec: ArticleSpec) -> str:
    """Permalink path of a post: /archives/YYYY/MM/slug.php (the model site's structure)."""
    year, month = spec.published[:4], spec.published[5:7]
    return f"/archives/{year}/{month}/{spec.slug}.php"


def wpautop(raw: str) -> str:
    """Comment content as WordPress prints it: blank lines make paragraphs, newlines <br />."""
    paragraphs = [part.strip("\n") for part in raw.split("\n\n") if part.strip()]
    return "\n".join("<p>" + p.replace("\n", "<br />\n") + "</p>" for p in paragraphs)


def plain_text(fragment: str) -> str:
    """Text a reader sees in an HTML fragment: blocks split by blank lines, <br>/<li> by newlines.

    >>> plain_text("<p>a &amp; <em>b</em><br />\\nc</p><ul><li>d</li><li>e</li></ul>")
    'a & b\\nc\\n\\nd\\ne'
    """
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    blocks = ["\n".join(line.strip() for line in b.split("\n")) for b in parser.blocks]
    return "\n\n".join(b.strip() for b in blocks if b.strip())


class _TextParser(HTMLParser):
    """Collects text per block element; the ground truth is derived with it, not from pages."""

    _BLOCKS = frozenset({"p", "h2", "h3", "ul", "ol", "blockquote", "div"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = [""]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BLOCKS:
            self.blocks.append("")
        elif tag == "br" or (tag == "li" and self.blocks[-1]):
            self.blocks[-1] += "\n"

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BLOCKS:
            self.blocks.append("")

    def handle_data(self, data: str) -> None:
        # Source newlines after <br /> are layout, not text: <br> already made the line break.
        self.blocks[-1] += data.replace("\n", "")
