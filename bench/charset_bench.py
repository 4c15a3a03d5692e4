"""How well three decoders read pages whose declared charset lies: w3lib alone (browser order:
BOM, header, <meta>), bs4's UnicodeDammit alone (the header as a user encoding), and
scrapers/charset.py (w3lib, UTF-8 when the bytes are UTF-8, UnicodeDammit when the declared charset
fails to decode).

Run: .venv/bin/python bench/charset_bench.py

Every real page under tests/data holding non-ASCII text is served five ways: honest header; header
ISO-8859-1 over UTF-8 bytes (Apache's default charset); no header; header UTF-8 over windows-1252
bytes with a truthful <meta>; header and <meta> both UTF-8 over windows-1252 bytes. A page counts
as read when the decoded text equals the text written.
"""

from __future__ import annotations

import gzip
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bs4.dammit import UnicodeDammit  # noqa: E402
from w3lib.encoding import html_body_declared_encoding, html_to_unicode  # noqa: E402

from scrapers.charset import decode_html  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
META = re.compile(rb"<meta[^>]*charset=[\"']?([\w-]+)[^>]*>", re.I)

Decoder = Callable[[str | None, bytes], str]


def _w3lib(content_type: str | None, body: bytes) -> str:
    return html_to_unicode(content_type, body)[1]


def _dammit(content_type: str | None, body: bytes) -> str:
    declared = content_type.split("charset=")[-1] if content_type and "charset=" in content_type else None
    dammit = UnicodeDammit(body, user_encodings=[declared] if declared else [], is_html=True)
    return dammit.unicode_markup or ""


def _ours(content_type: str | None, body: bytes) -> str:
    return decode_html(content_type, body)[1]


DECODERS: dict[str, Decoder] = {"w3lib": _w3lib, "UnicodeDammit": _dammit, "scrapers/charset": _ours}


def _pages() -> list[tuple[str, str]]:
    """(name, text) of every real page with non-ASCII text that is UTF-8 and also fits windows-1252."""
    found = []
    for path in sorted(DATA.rglob("*.htm*")):
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        if (html_body_declared_encoding(raw) or "utf-8").lower() not in ("utf-8", "utf8"):
            continue
        try:
            text = raw.decode("utf-8")
            text.encode("cp1252")
        except (UnicodeDecodeError, UnicodeEncodeError):
            continue  # characters windows-1252 lacks (emoji, CJK): the cp1252 cases could not hold it
        if not text.isascii():
            found.append((str(path.relative_to(DATA)), text))
    return found


def _cases(text: str) -> dict[str, tuple[str | None, bytes, str]]:
    """Case name -> (Content-Type header, body bytes, the text a reader should get)."""
    cp1252 = META.sub(lambda m: m.group(0).replace(m.group(1), b"windows-1252"), text.encode("utf-8"))
    cp1252_text = cp1252.decode("utf-8")
    middle = len(text) // 2
    cut = text[:middle].encode("utf-8") + "—".encode()[:2] + text[middle:].encode("utf-8")
    return {
        "honest": ("text/html; charset=UTF-8", text.encode("utf-8"), text),
        "header latin-1, bytes UTF-8": ("text/html; charset=ISO-8859-1", text.encode("utf-8"), text),
        "no header": (None, text.encode("utf-8"), text),
        "header UTF-8, bytes+meta cp1252": ("text/html; charset=UTF-8", cp1252_text.encode("cp1252"),
                                            cp1252_text),
        "header+meta UTF-8, bytes cp1252": ("text/html; charset=UTF-8", text.encode("cp1252"), text),
        # An excerpt cut mid-character: UTF-8 with a broken sequence, which must stay UTF-8.
        "UTF-8 with a cut character": ("text/html; charset=UTF-8", cut, cut.decode("utf-8", "replace")),
    }


def main() -> None:
    pages = _pages()
    print(f"{len(pages)} real pages with non-ASCII text (tests/data)")
    names = list(_cases("x"))
    print(f"{'case':34}" + "".join(f"{name:>18}" for name in DECODERS))
    for case in names:
        row = []
        for decode in DECODERS.values():
            good = sum(decode(*_cases(text)[case][:2]) == _cases(text)[case][2] for _, text in pages)
            row.append(f"{good}/{len(pages)}")
        print(f"{case:34}" + "".join(f"{cell:>18}" for cell in row))
    bodies = [("text/html; charset=UTF-8", text.encode("utf-8")) for _, text in pages]
    for name, decode in DECODERS.items():
        best = float("inf")
        for _ in range(5):  # the best of five: the machine is shared
            started = time.perf_counter()
            for content_type, body in bodies:
                decode(content_type, body)
            best = min(best, time.perf_counter() - started)
        print(f"{name}: {best / len(bodies) * 1e3:.2f} ms per honest page")


if __name__ == "__main__":
    main()
