"""Commenter pseudonyms for sharing a dataset: salted, stable, one-way.

A pseudonym is HMAC-SHA256(salt, kind + NUL + value), its first 16 hex digits behind a prefix:
`commenter-…` for names (`author`, `author_raw`), `url-…` for `author_url`. With the same salt the
same name always gets the same pseudonym, across exports and runs; without the salt nobody can
test a guessed name against it. Only these fields change: a name quoted inside a comment's text
(a reply that starts "@Jane Doe") stays as written.

The salt is a per-site secret kept beside the data (`DIR/<site>/pseudonym-salt`, created on first
use, mode 0600), or any file the user gives.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path
from typing import Any

SALT_FILE = "pseudonym-salt"
MIN_SALT_BYTES = 16
NAME_PREFIX, URL_PREFIX = "commenter-", "url-"
NAME_PATTERN = "^commenter-[0-9a-f]{16}$"
URL_PATTERN = "^url-[0-9a-f]{16}$"


class SaltError(ValueError):
    """The salt file cannot be read or is too short; raised by `read_salt`, shown by the CLI as a
    one-line error (exit status 2)."""


def pseudonym(salt: bytes, kind: str, value: str) -> str:
    """The pseudonym of `value` (a `kind` of "name" or "url") under `salt`.

    The same as `printf 'name\\0Jane Doe' | openssl dgst -sha256 -hmac 0123456789abcdef`:

    >>> pseudonym(b"0123456789abcdef", "name", "Jane Doe")
    'commenter-70e5eecc0b16a77a'
    >>> pseudonym(b"another salt....", "name", "Jane Doe")[:13] == "commenter-70e"
    False
    """
    digest = hmac.new(salt, f"{kind}\0{value}".encode(), hashlib.sha256).hexdigest()[:16]
    return f"{URL_PREFIX if kind == 'url' else NAME_PREFIX}{digest}"


def pseudonymize_comment(record: dict[str, Any], salt: bytes) -> dict[str, Any]:
    """A copy of a comment record with `author`, `author_raw` as name pseudonyms, `author_url`
    null and its pseudonym in `author_url_hash` (null stays null)."""
    out = dict(record)
    for key in ("author", "author_raw"):
        if out.get(key):
            out[key] = pseudonym(salt, "name", out[key])
    url = out.get("author_url")
    # The hash is not a URL any more, so it moves to its own field rather than posing as one.
    out["author_url"] = None
    out["author_url_hash"] = pseudonym(salt, "url", url) if url else None
    return out


def site_salt(site_folder: Path) -> bytes:
    """The salt kept in `site_folder`, created (random, mode 0600) on first use."""
    path = site_folder / SALT_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return read_salt(path)
    with os.fdopen(fd, "w", encoding="ascii") as stream:
        stream.write(secrets.token_hex(32) + "\n")
    return read_salt(path)


def read_salt(path: Path) -> bytes:
    """The salt in `path` (surrounding whitespace dropped); SaltError when unusable."""
    try:
        salt = path.read_bytes().strip()
    except OSError as error:
        raise SaltError(f"cannot read salt file {path}: {error.strerror}; check the path") from None
    if len(salt) < MIN_SALT_BYTES:
        raise SaltError(
            f"salt file {path} holds {len(salt)} bytes, fewer than {MIN_SALT_BYTES}; fill it with "
            f"random bytes, e.g. `python3 -c 'import secrets; print(secrets.token_hex(32))' > {path}`"
        )
    return salt
