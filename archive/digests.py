"""WARC digest headers (`WARC-Block-Digest`, `WARC-Payload-Digest`): parse and compare them.

A digest is `algorithm:value`. Tools differ in both halves: sha1 in base32 (Heritrix, wget, warcio,
us), sha1 in hex (warcprox), md5 or sha256, base16/32/64, upper or lower case. The value is decoded
by its length for the algorithm's digest size, so an md5 in hex (32 characters) is not mistaken for
base32 (also 32 characters for sha1, which warcio's own check does).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Iterable

ALGORITHMS = {"sha1": "sha1", "sha-1": "sha1", "sha256": "sha256", "sha-256": "sha256", "md5": "md5",
              "sha512": "sha512", "sha-512": "sha512"}
"""Algorithm names as tools write them -> hashlib's name."""


def parse_digest(header: str | None) -> tuple[str, bytes] | None:
    """(hashlib algorithm, raw digest bytes) of a digest header; None when it cannot be read
    (no header, an unknown algorithm, a value that is not the algorithm's size in any encoding).

    >>> parse_digest("sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ")[1].hex()
    'da39a3ee5e6b4b0d3255bfef95601890afd80709'
    >>> parse_digest("md5:d41d8cd98f00b204e9800998ecf8427e")[0]
    'md5'
    >>> parse_digest("sha1:not a digest") is None
    True
    """
    if not header or ":" not in header:
        return None
    name, _, value = header.strip().partition(":")
    algorithm = ALGORITHMS.get(name.strip().lower())
    if algorithm is None:
        return None
    raw = _decode(value.strip(), hashlib.new(algorithm).digest_size)
    return None if raw is None else (algorithm, raw)


def _decode(value: str, size: int) -> bytes | None:
    candidates = []
    if len(value) == 2 * size:
        candidates.append(lambda: bytes.fromhex(value))
    candidates.append(lambda: base64.b32decode(_pad(value.upper(), 8)))
    candidates.append(lambda: base64.b64decode(_pad(value, 4), validate=True))
    candidates.append(lambda: base64.urlsafe_b64decode(_pad(value, 4)))
    for decode in candidates:
        try:
            raw = decode()
        except (ValueError, binascii.Error):
            continue
        if len(raw) == size:
            return raw
    return None


def _pad(value: str, block: int) -> str:
    return value + "=" * (-len(value) % block)


def digest_matches(header: str | None, variants: Iterable[bytes]) -> bool | None:
    """Whether the digest `header` names is that of one of `variants` (the same bytes read in the
    ways tools differ on, e.g. a payload with and without its chunked transfer encoding); None
    when there is no digest to check (absent or unreadable: 'not checkable', not a failure)."""
    parsed = parse_digest(header)
    if parsed is None:
        return None
    algorithm, expected = parsed
    return any(hashlib.new(algorithm, data, usedforsecurity=False).digest() == expected for data in variants)
