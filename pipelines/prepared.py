"""Records ready to append: what a dataset writer needs of a record, made anywhere (pure).

A `PreparedRecord` is a normalized record reduced to its kind, key, content hash and JSONL line
(bytes, `warc_file` already relative to the dataset folder). It is a small tuple of str and bytes:
cheap to pickle, so extraction and normalization can run in worker processes while the process
that owns the files only de-duplicates, checks the ledger and appends (`pipelines.dataset`).

One encoding serves both the line and the content hash: each field's value is encoded once, and
the line (fields in schema order) and the hashed text (`pipelines.ledger.content_hash`: volatile
fields left out, keys sorted) are joined from the same pieces. Both stay byte-identical to
`json.dumps` of `attrs.asdict(record)` (tests/pipelines/test_prepared.py checks it).
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache, lru_cache
from typing import Any, NamedTuple

import attrs

from pipelines.chain import RecordChain
from pipelines.ledger import ADDED_LATER, VOLATILE
from scrapers.items import Article, ArticlePage, Comment, Provenance

ARTICLES = "articles"
COMMENTS = "comments"

_quote = json.encoder.encode_basestring  # type: ignore[attr-defined]  # C; what dumps uses
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_dumps_sorted = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode


class PreparedRecord(NamedTuple):
    """One normalized record as a writer appends it."""

    kind: str
    """'articles' or 'comments': the file it goes to."""
    key: str
    """'article:<id>' or 'comment:<article_id>:<id>' (`pipelines.ledger.record_key`)."""
    content_hash: str
    """`pipelines.ledger.content_hash` of the record."""
    line: bytes
    """The JSONL line, UTF-8, newline included."""
    crawl_id: str
    """The crawl the record was captured in (de-duplication is per crawl)."""
    counts: tuple[str, ...] = ()
    """Stats the normalizers counted (`normalize/<field>_unparsed`): counted when the record is
    written, not when a duplicate is dropped, as the chain counts them."""


class _NeverSeen:
    """A key set that holds nothing: de-duplication is the writer's (it sees the whole crawl)."""

    def __contains__(self, key: object) -> bool:
        return False

    def add(self, key: str) -> None:
        pass

    def clear(self) -> None:
        pass


_NEVER_SEEN = _NeverSeen()


def prepare_page(page: ArticlePage, timezone: str, folder: str,
                 with_comments: bool = True) -> list[PreparedRecord]:
    """The page's article (and comments, unless `with_comments` is False: they wait for a cross
    check) normalized through the chain and encoded. Normalizes the page's items in place."""
    records = [prepare(page.article, timezone, folder)]
    if with_comments:
        records.extend(prepare(comment, timezone, folder) for comment in page.comments)
    return records


def prepare(item: Article | Comment, timezone: str, folder: str) -> PreparedRecord:
    """`item` through the chain's identity and normalizers (in place), then encoded."""
    counts: list[str] = []
    chain = RecordChain(counts.append, _NEVER_SEEN)
    if isinstance(item, Article):
        chain.article(item, timezone)
    else:
        chain.comment(item, timezone)
    return encode(item, folder, tuple(counts))


def encode(item: Article | Comment, folder: str, counts: tuple[str, ...] = ()) -> PreparedRecord:
    """A normalized `item` as its kind, key, content hash and JSONL line."""
    cls: type = type(item)
    names, hashed = _layout(cls)
    pieces: dict[str, str] = {}
    sorted_dicts: dict[str, str] = {}
    for name in names:
        value = getattr(item, name)
        if name == "provenance":
            pieces[name] = _provenance(value, folder)
            continue
        pieces[name] = _value(value)
        if value.__class__ is dict and len(value) > 1:
            sorted_dicts[name] = _dumps_sorted(value)  # content_hash sorts nested keys too
    line = "{" + ",".join([f'"{name}":{pieces[name]}' for name in names]) + "}\n"
    kept = [f'"{name}":{sorted_dicts.get(name) or pieces[name]}' for name in hashed
            if name not in ADDED_LATER or getattr(item, name)]
    digest = hashlib.sha1(("{" + ",".join(kept) + "}").encode("utf-8"),
                          usedforsecurity=False).hexdigest()
    provenance = item.provenance
    crawl_id = provenance.crawl_id if provenance is not None else ""
    if cls is Article:
        return PreparedRecord(ARTICLES, f"article:{item.id}", digest, line.encode("utf-8"),
                              crawl_id, counts)
    assert isinstance(item, Comment)
    return PreparedRecord(COMMENTS, f"comment:{item.article_id}:{item.id}", digest,
                          line.encode("utf-8"), crawl_id, counts)


@cache
def _layout(cls: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The class's field names in schema order, and those hashed, sorted (as sort_keys does)."""
    names = tuple(field.name for field in attrs.fields(cls))
    return names, tuple(sorted(name for name in names if name not in VOLATILE))


def _value(value: Any) -> str:
    """`value` as json.dumps writes it, fast for the types records hold."""
    cls = value.__class__
    if cls is str:
        return str(_quote(value))
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if cls is int:
        return int.__repr__(value)
    if cls is list and all(element.__class__ is str for element in value):
        return "[" + ",".join([_quote(element) for element in value]) + "]"
    return _dumps(value)  # dicts, anything else: the json module itself


def _provenance(provenance: Provenance | None, folder: str) -> str:
    if provenance is None:
        return "null"
    parts = []
    for name in _layout(Provenance)[0]:
        value = getattr(provenance, name)
        if name == "warc_file" and value:
            # Relative to the JSONL folder, so a dataset moved with its WARCs stays valid.
            value = _relative(value, folder)
        parts.append(f'"{name}":{_value(value)}')
    return "{" + ",".join(parts) + "}"


@lru_cache(maxsize=64)
def _relative(path: str, folder: str) -> str:
    # Cached: a crawl writes to a handful of WARC files, and relpath costs a few microseconds.
    return os.path.relpath(path, folder)
