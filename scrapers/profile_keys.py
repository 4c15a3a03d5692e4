"""Checking a profile table's keys and value types before the profile classes are built, so that a
typo says which key, where, and what it could have been (not a Python TypeError about __init__)."""

from __future__ import annotations

import difflib
import math
import re
from typing import Any

import attrs

_KINDS: dict[str, tuple[tuple[type, ...], str]] = {
    "bool": ((bool,), "true or false"),
    "int": ((int,), "a whole number"),
    "float": ((int, float), "a number"),
    "str": ((str,), "a string in quotes"),
    "tuple[str, ...]": ((list, tuple), 'a list of strings, e.g. ["a", "b"]'),
}


class ProfileKeyError(ValueError):
    """A key a profile table does not have, or a value of the wrong type; the message names both
    the key and what is allowed."""


def checked(cls: type, data: dict[str, Any], table: str = "") -> dict[str, Any]:
    """`data` when every key is a field of `cls` with a value of its type; else ProfileKeyError.
    `table` is the TOML table the keys sit in ('' for the top level, else e.g. 'recheck')."""
    fields = {field.name: field for field in attrs.fields(cls)}
    where = f" in [{table}]" if table else ""
    for key, value in data.items():
        field = fields.get(key)
        if field is None:
            close = difflib.get_close_matches(key, fields, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ProfileKeyError(f"unknown key {key!r}{where}{hint}; valid keys{where}: {', '.join(fields)}")
        kind = _KINDS.get(str(field.type)) if field.converter is None else None  # converters say why
        if kind and not _is_kind(value, kind[0]):
            raise ProfileKeyError(f"{key}{where} = {value!r}: give {kind[1]}")
        is_table = getattr(field.default, "factory", None) is not None  # attrs.Factory: a sub-table
        if is_table and not isinstance(value, dict):
            raise ProfileKeyError(f"{key}{where} = {value!r}: give a table, [{_join(table, key)}]")
    return data


def one_of(*values: str) -> Any:
    """An attrs validator: the value is one of `values` (the message lists them)."""

    def check(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
        if value not in values:
            raise ProfileKeyError(f"{attribute.name} = {value!r}: give one of {', '.join(values)}")

    return check


def at_least(minimum: float, table: str = "") -> Any:
    """An attrs validator: a finite number >= `minimum` (a whole one when the field is an int).
    `table` names the TOML table the key sits in, for the message."""

    def check(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
        whole = str(attribute.type) == "int"
        if math.isfinite(value) and value >= minimum and (not whole or value == int(value)):
            return
        kind = "a whole number" if whole else "a number"
        where = f" in [{table}]" if table else ""
        raise ProfileKeyError(f"{attribute.name}{where} = {value!r}: give {kind} of {minimum:g} or more")

    return check


PLAIN_NAME = re.compile(r"[A-Za-z0-9._-]+")
"""What a site name may hold: it becomes a folder name under the data folder."""


def plain_name(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """An attrs validator: `value` is a plain folder name (no '/', not '.' or '..'), so that a
    site's files cannot land outside the data folder."""
    if not PLAIN_NAME.fullmatch(value) or value in (".", ".."):
        raise ProfileKeyError(f"{attribute.name} = {value!r}: give a plain folder name "
                              "(letters, digits, '-', '_', '.'; not '.' or '..')")


def _is_kind(value: Any, types: tuple[type, ...]) -> bool:
    if isinstance(value, bool) and bool not in types:
        return False  # TOML's true is not the number 1
    if isinstance(value, list | tuple):
        return list in types and all(isinstance(item, str) for item in value)
    return isinstance(value, types)


def _join(table: str, key: str) -> str:
    return f"{table}.{key}" if table else key
