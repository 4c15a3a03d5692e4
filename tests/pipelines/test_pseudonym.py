"""Commenter pseudonyms: only the name and URL fields change, the salt is kept secret and stable."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from pipelines.pseudonym import (
    NAME_PATTERN,
    SALT_FILE,
    URL_PATTERN,
    SaltError,
    pseudonym,
    pseudonymize_comment,
    read_salt,
    site_salt,
)

SALT = b"0123456789abcdef"


def test_names_and_url_are_replaced_and_nothing_else() -> None:
    comment = {"id": "7", "author": "Jane Doe", "author_raw": "Jane Doe (editor)",
               "author_url": "https://jane.example/", "text": "@Jane Doe agreed", "parent_id": None}
    out = pseudonymize_comment(comment, SALT)
    assert re.match(NAME_PATTERN, out["author"]) and re.match(NAME_PATTERN, out["author_raw"])
    assert out["author"] == pseudonym(SALT, "name", "Jane Doe") != out["author_raw"]
    assert out["author_url"] is None and re.match(URL_PATTERN, out["author_url_hash"])
    assert {k: out[k] for k in ("id", "text", "parent_id")} == {"id": "7", "text": "@Jane Doe agreed",
                                                                "parent_id": None}
    assert comment["author"] == "Jane Doe"  # a copy: the record itself is left as it was


def test_missing_names_stay_missing() -> None:
    out = pseudonymize_comment({"id": "1", "author": None, "author_raw": "", "author_url": None}, SALT)
    fields = (out["author"], out["author_raw"], out["author_url"], out["author_url_hash"])
    assert fields == (None, "", None, None)


def test_a_name_and_a_url_with_the_same_text_get_different_pseudonyms() -> None:
    assert pseudonym(SALT, "name", "x")[-16:] != pseudonym(SALT, "url", "x")[-16:]


def test_the_site_salt_is_made_once_private_and_then_reused(tmp_path: Path) -> None:
    first = site_salt(tmp_path)
    assert len(first) == 64 and stat.S_IMODE((tmp_path / SALT_FILE).stat().st_mode) == 0o600
    assert site_salt(tmp_path) == first


def test_a_short_or_missing_salt_file_is_one_clear_error(tmp_path: Path) -> None:
    short = tmp_path / "short"
    short.write_text("abc\n")
    with pytest.raises(SaltError, match=r"holds 3 bytes, fewer than 16; fill it with random bytes"):
        read_salt(short)
    with pytest.raises(SaltError, match=r"cannot read salt file .*missing: No such file"):
        read_salt(tmp_path / "missing")
    (tmp_path / "good").write_text(f"  {SALT.decode()}\n")
    assert read_salt(tmp_path / "good") == SALT  # surrounding whitespace is not part of the salt
