"""Deliberately damaged (and harmlessly rewritten) copies of third-party WARCs, for `warc_corpus`.

Each builder takes the base file's bytes and its records (located with warcio in the undamaged
base) and returns the new bytes with the spans it damaged. For a `.warc.gz` the damage is made
inside one record's gzip member (decompressed, changed, compressed again as one member) unless the
damage is to the gzip layer itself; for a `.warc` it is made in the record's bytes.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import attrs
from loopback_pages import PAGES
from warcio.archiveiterator import ArchiveIterator

PLAIN_PAGE = next(path for path, (_, how) in PAGES.items() if how == "plain")
HEAD_END = b"\r\n\r\n"
NUL_TAIL = 8192  # what a crash leaves: the file's size was set, its last blocks never written
IMPOSSIBLE_DATE = b"2024-13-45T25:61:61Z"


@attrs.frozen
class Rec:
    """One record of the base file: its gzip member (or record bytes) and what it is."""

    offset: int
    length: int
    rec_type: str
    uri: str


@attrs.frozen
class Built:
    """A damaged copy's bytes and the (kind, offset, length) of each damaged span."""

    data: bytes
    spans: tuple[tuple[str, int, int], ...]


def records(path: Path) -> list[Rec]:
    """Every record of `path` with the offset and length warcio gives it."""
    found = []
    with open(path, "rb") as stream:
        iterator = ArchiveIterator(stream)
        for record in iterator:
            record.content_stream().read()
            uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<>")
            offset, length = iterator.get_record_offset(), iterator.get_record_length()
            found.append(Rec(offset, length, record.rec_type, uri))
    if not path.name.endswith(".gz"):  # warcio leaves a record's trailer out of its length: keep it in
        ends = [rec.offset for rec in found[1:]] + [path.stat().st_size]
        found = [attrs.evolve(rec, length=end - rec.offset) for rec, end in zip(found, ends, strict=True)]
    return found


def _response(recs: list[Rec], page: str = PLAIN_PAGE) -> Rec:
    return next(r for r in recs if r.rec_type == "response" and r.uri.endswith(page))


def _rewrite(data: bytes, rec: Rec, change: Callable[[bytes], bytes], gz: bool) -> tuple[bytes, int]:
    """`data` with the record `rec` passed through `change`; (new data, the record's new length)."""
    raw = data[rec.offset: rec.offset + rec.length]
    new = gzip.compress(change(gzip.decompress(raw)), mtime=0) if gz else change(raw)
    return data[: rec.offset] + new + data[rec.offset + rec.length:], len(new)


def _damage(kind: str, change: Callable[[bytes], bytes], page: str = PLAIN_PAGE,
            rec_type: str = "response") -> Callable[[bytes, list[Rec], bool], Built]:
    def build(data: bytes, recs: list[Rec], gz: bool) -> Built:
        rec = next(r for r in recs if r.rec_type == rec_type and r.uri.endswith(page))
        new, length = _rewrite(data, rec, change, gz)
        return Built(new, ((kind, rec.offset, length),))
    return build


def _split(record: bytes) -> tuple[bytes, bytes]:
    """(WARC header block with its blank line, the block without the record's trailer)."""
    head = record.index(HEAD_END) + len(HEAD_END)
    return record[:head], record[head:].removesuffix(HEAD_END)


def _cut_short(record: bytes) -> bytes:
    head, block = _split(record)
    return head + block[: len(block) * 6 // 10]  # Content-Length still counts the whole block


def _flip_body(record: bytes) -> bytes:
    head, block = _split(record)
    body = bytearray(block)
    start = block.index(HEAD_END) + len(HEAD_END)
    for at in (start + (len(block) - start) * n // 4 for n in (1, 2, 3)):
        body[at] = body[at] ^ 0x20 if chr(body[at]).isalpha() else ord("#")
    return head + bytes(body) + HEAD_END


def _header(name: bytes, value: bytes) -> Callable[[bytes], bytes]:
    def change(record: bytes) -> bytes:
        head, rest = record.split(HEAD_END, 1)
        pattern = re.compile(rb"^(" + name + rb":[ \t]*)[^\r\n]*", re.IGNORECASE | re.MULTILINE)
        new, count = pattern.subn(lambda m: m.group(1) + value, head)
        assert count == 1, f"no {name!r} header to change"
        return new + HEAD_END + rest
    return change


def _other_digest() -> bytes:
    return b"sha1:" + base64.b32encode(hashlib.sha1(b"not this block", usedforsecurity=False).digest())


def gzip_member_damaged(data: bytes, recs: list[Rec], gz: bool) -> Built:
    """Bytes flipped in the middle of one record's compressed data (bad sector, bad copy)."""
    rec = _response(recs)
    middle = rec.offset + rec.length // 2
    flipped = bytes(b ^ 0x5A for b in data[middle: middle + 24])
    span = ("gzip-member-damaged", rec.offset, rec.length)
    return Built(data[:middle] + flipped + data[middle + 24:], (span,))


def gzip_member_cut(data: bytes, recs: list[Rec], gz: bool) -> Built:
    """The file ends in the middle of a record's gzip member (a copy or a crawl stopped there)."""
    rec = _response(recs)
    cut = rec.offset + rec.length // 2
    return Built(data[:cut], (("gzip-member-truncated", rec.offset, cut - rec.offset),))


def nul_padded_tail(data: bytes, recs: list[Rec], gz: bool) -> Built:
    """Every record whole, then NUL bytes: what a crash leaves where the file's size was set first."""
    return Built(data + b"\0" * NUL_TAIL, (("nul-padding", len(data), NUL_TAIL),))


def wrong_digests(data: bytes, recs: list[Rec], gz: bool) -> Built:
    """One response with a wrong WARC-Payload-Digest, another with a wrong WARC-Block-Digest."""
    payload, block = _response(recs), _response(recs, "/")
    first, second = sorted((payload, block), key=lambda r: r.offset)
    change = {payload: _header(b"WARC-Payload-Digest", _other_digest()),
              block: _header(b"WARC-Block-Digest", _other_digest())}
    kind = {payload: "payload-digest-mismatch", block: "block-digest-mismatch"}
    new, second_length = _rewrite(data, second, change[second], gz)  # the later one first: offsets hold
    new, first_length = _rewrite(new, first, change[first], gz)
    moved = first_length - first.length
    return Built(new, ((kind[first], first.offset, first_length),
                       (kind[second], second.offset + moved, second_length)))


def lowercase_headers(record: bytes) -> bytes:
    """WARC header names in lower case (they are case-insensitive): not damage."""
    head, rest = record.split(HEAD_END, 1)
    lines = head.split(b"\r\n")
    lowered = [lines[0]] + [re.sub(rb"^[^:]+", lambda m: m.group(0).lower(), line) for line in lines[1:]]
    return b"\r\n".join(lowered) + HEAD_END + rest


def md5_hex_digests(record: bytes) -> bytes:
    """Digests as md5 in hex, a form warcio checks too: not damage. The payload digest is rewritten
    only where the bytes it covers are found (the body after the HTTP headers)."""
    head, block = _split(record)
    named = head.lower()
    if b"warc-block-digest" in named:
        md5 = b"md5:" + hashlib.md5(block, usedforsecurity=False).hexdigest().encode()
        record = _header(b"WARC-Block-Digest", md5)(record)
    if HEAD_END in block and b"warc-payload-digest" in named:
        payload = block.split(HEAD_END, 1)[1]
        sha1 = b"sha1:" + base64.b32encode(hashlib.sha1(payload, usedforsecurity=False).digest())
        if sha1.lower() in named:
            md5 = b"md5:" + hashlib.md5(payload, usedforsecurity=False).hexdigest().encode()
            record = _header(b"WARC-Payload-Digest", md5)(record)
    return record


def rewrite_all(change: Callable[[bytes], bytes]) -> Callable[[bytes, list[Rec], bool], Built]:
    """A builder applying `change` to every record (harmless rewrites: no spans)."""
    def build(data: bytes, recs: list[Rec], gz: bool) -> Built:
        for rec in reversed(recs):
            data, _ = _rewrite(data, rec, change, gz)
        return Built(data, ())
    return build


BUILDERS: dict[str, Callable[[bytes, list[Rec], bool], Built]] = {
    "gzip_member_damaged": gzip_member_damaged,
    "gzip_member_cut": gzip_member_cut,
    "nul_padded_tail": nul_padded_tail,
    "record_cut_short": _damage("record-cut-short", _cut_short),
    "body_byte_flips": _damage("digest-mismatch", _flip_body),
    "wrong_digests": wrong_digests,
    "impossible_warc_date": _damage("bad-warc-date", _header(b"WARC-Date", IMPOSSIBLE_DATE)),
    "corrupted_revisit": _damage("block-digest-mismatch", lambda r: r.replace(b"text/html", b"text/htmx", 1),
                                 page="", rec_type="revisit"),
    "lowercase_headers": rewrite_all(lowercase_headers),
    "md5_hex_digests": rewrite_all(md5_hex_digests),
}
"""Manifest `built_by` -> builder."""


def build(name: str, base: Path, out: Path) -> tuple[tuple[str, int, int], ...]:
    """Write the copy of `base` that builder `name` makes to `out`; its damaged spans."""
    built = BUILDERS[name](base.read_bytes(), records(base), base.name.endswith(".gz"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(built.data)
    return built.spans
