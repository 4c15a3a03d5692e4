"""Arrow schema of the records (`longform export --format parquet`), generated from the attrs item
classes like the JSON Schema (pipelines/schema.py), with real types where JSON has only strings.

- Dates (`published`, `modified`) and WARC times (`fetched_at`, `provenance.warc_date`) are
  `timestamp[us, tz=UTC]`. A date the page gives only as a day (`YYYY-MM-DD` in the JSONL) becomes
  00:00 UTC of that day, and its twin `<field>_precision` says 'day' (else 'second'; null when
  the date is null): the day stays the site's calendar day in every zone-naive reading, and no
  time is invented. Midnight in the site's zone would move east-of-UTC days to the day before.
- Ids stay strings; lists are `list<string>`, `sources` a `map<string, string>`, `provenance` a
  struct. Each field carries its description as field metadata (`description`).

The text form of each schema is committed beside the JSON Schemas (`<name>.arrow.txt`); a test
fails when it drifts. Regenerate both with `python -m pipelines.schema`.
"""

from __future__ import annotations

import types
import typing
from typing import Any

import attrs
import pyarrow as pa

from pipelines.schema import DATE_FIELDS, INSTANT_FIELDS, PSEUDONYMIZED_COMMENT, RECORD_TYPES
from scrapers.items import Comment, Provenance

TIMESTAMP = pa.timestamp("us", tz="UTC")
PRECISION_SUFFIX = "_precision"
DAY, SECOND = "day", "second"
_SCALARS: dict[Any, pa.DataType] = {str: pa.string(), int: pa.int64(), bool: pa.bool_(),
                                    float: pa.float64()}


def arrow_schema(cls: type) -> pa.Schema:
    """The Arrow schema of one record class: its fields in order, each date followed by its
    precision."""
    return pa.schema(_fields(cls))


def _fields(cls: type) -> list[pa.Field]:
    attrs.resolve_types(cls)
    fields = []
    for field in attrs.fields(cls):
        fields.append(_field(field.name, field.type, field.metadata["description"]))
        if field.name in DATE_FIELDS:
            fields.append(pa.field(
                field.name + PRECISION_SUFFIX, pa.string(), nullable=True,
                metadata={"description": f"'{DAY}' when the page gave only the day of {field.name} "
                          f"(it is then 00:00 UTC of that day), else '{SECOND}'; null with it."}))
    return fields


def _field(name: str, annotation: Any, description: str) -> pa.Field:
    args = typing.get_args(annotation)
    nullable = isinstance(annotation, types.UnionType) and type(None) in args
    if nullable:
        (annotation,) = [a for a in args if a is not type(None)]
    return pa.field(name, _type(name, annotation), nullable=nullable,
                    metadata={"description": description})


def _type(name: str, annotation: Any) -> pa.DataType:
    args = typing.get_args(annotation)
    if name in DATE_FIELDS or name in INSTANT_FIELDS:
        return TIMESTAMP
    if typing.get_origin(annotation) is list:  # Parquet's own name for a list's items: reads back equal
        return pa.list_(pa.field("element", _type("", args[0])))
    if typing.get_origin(annotation) is dict:
        return pa.map_(_type("", args[0]), _type("", args[1]))
    if annotation is Provenance:
        return pa.struct(_fields(Provenance))
    return _SCALARS[annotation]


def pseudonymized_comment_arrow_schema() -> pa.Schema:
    """A comment as `--pseudonymize-commenters` writes it: `author_url_hash` after `author_url`."""
    schema = arrow_schema(Comment)
    at = schema.get_field_index("author_url") + 1
    return schema.insert(at, pa.field(
        "author_url_hash", pa.string(), nullable=True,
        metadata={"description": "Pseudonym of the link the commenter gave, if any "
                  "(salted HMAC-SHA256); author_url is then null."}))


def all_arrow_schemas() -> dict[str, pa.Schema]:
    """File stem -> Arrow schema, for every record file `longform export` writes."""
    schemas = {name: arrow_schema(cls) for name, cls in RECORD_TYPES.items()}
    schemas[PSEUDONYMIZED_COMMENT] = pseudonymized_comment_arrow_schema()
    return schemas


def schema_text(schema: pa.Schema) -> str:
    """The committed text form: one line per field, a struct's fields indented below it
    (descriptions are in the JSON Schema and in each Parquet file's field metadata)."""
    return "".join(_field_lines(list(schema), ""))


def _field_lines(fields: list[pa.Field], indent: str) -> list[str]:
    lines = []
    for field in fields:
        kind = "struct" if pa.types.is_struct(field.type) else str(field.type)
        lines.append(f"{indent}{field.name}: {kind}{'' if field.nullable else ' not null'}\n")
        if pa.types.is_struct(field.type):
            lines += _field_lines(list(field.type), indent + "  ")
    return lines
