"""Decoding an HTML body when its declared charset may lie.

w3lib decodes as a browser does (BOM, then the Content-Type header, then <meta>), which is right for
honest pages. Two lies are common on old sites and undo a page's every accent:

- The header names a single-byte charset (Apache's `AddDefaultCharset ISO-8859-1`) over a page
  written in UTF-8: `é` becomes `Ã©`. Text in a single-byte charset is almost never valid UTF-8 once
  it holds a non-ASCII byte, so bytes that decode as UTF-8 are UTF-8.
- The header or <meta> says UTF-8 over windows-1252 (or other) bytes: every accent becomes U+FFFD.
  When broken UTF-8 sequences outnumber good ones (a few broken ones are an excerpt cut
  mid-character: they stay U+FFFD), bs4's UnicodeDammit picks the first of the other declared
  charsets, chardet's guess, UTF-8 and windows-1252 that decodes without an error (windows-1252
  over a guess that yields C1 controls).

Measured on the pages under tests/data (bench/charset_bench.py, docs/design-notes.md).
"""

from __future__ import annotations

import codecs
import re

from w3lib.encoding import html_to_unicode, read_bom

_WIDE = ("utf-8", "utf-16", "utf-32")  # w3lib names: 'utf-8', 'utf-16-le', ...
_C1_CONTROLS = re.compile("[\x80-\x9f]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


def decode_html(content_type: str | None, body: bytes) -> tuple[str, str]:
    """(encoding used, text) of an HTML body whose Content-Type header is `content_type`."""
    encoding, text = html_to_unicode(content_type, body)
    if read_bom(body)[0] is not None:
        return encoding, text  # a byte order mark does not lie
    if not encoding.startswith(_WIDE) and not body.isascii() and _decodes(body, "utf-8"):
        return "utf-8", body.decode("utf-8")
    if encoding != "utf-8" or _decodes(body, "utf-8") or _mostly_utf8(text):
        return encoding, text  # a few broken sequences (an excerpt cut mid-character) stay U+FFFD
    from bs4.dammit import UnicodeDammit  # only for a page that lies: bs4 + chardet load in ~0.3 s

    dammit = UnicodeDammit(body, is_html=True, exclude_encodings=["utf-8"])
    if dammit.unicode_markup is None or dammit.original_encoding is None:
        return encoding, text
    if _C1_CONTROLS.search(dammit.unicode_markup) and _decodes(body, "cp1252"):
        # chardet's ISO-8859-x guess turned windows-1252's quotes and dashes into C1 controls,
        # which no real text holds (WHATWG reads every ISO-8859-1 label as windows-1252 too).
        return "cp1252", body.decode("cp1252")
    return codecs.lookup(dammit.original_encoding).name, dammit.unicode_markup


def _mostly_utf8(text: str) -> bool:
    """At least as many characters decoded from UTF-8 sequences as broken ones in `text` (decoded
    with errors='replace'): UTF-8 with a few bad bytes. Windows-1252 text is almost never valid
    UTF-8 where it holds an accent, so its broken sequences far outnumber the good ones."""
    broken = text.count("\ufffd")
    return len(_NON_ASCII.findall(text)) - broken >= broken


def _decodes(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True
