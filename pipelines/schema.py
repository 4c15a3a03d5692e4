"""JSON Schema (draft 2020-12) of the JSONL records, generated from the attrs item classes.

The generated files (and the pseudonymized comment of `longform export`) are committed under
`pipelines/schemas/`, with the Arrow schema of the Parquet export beside them
(pipelines/arrow_schema.py); a test fails when they drift from the classes. Regenerate with
`python -m pipelines.schema`.
"""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path
from typing import Any

import attrs

from pipelines.pseudonym import NAME_PATTERN, URL_PATTERN
from scrapers.items import Article, Comment, Provenance

SCHEMA_DIR = Path(__file__).parent / "schemas"
RECORD_TYPES: dict[str, type] = {"article": Article, "comment": Comment}
PSEUDONYMIZED_COMMENT = "comment.pseudonymized"
_SCALARS = {str: "string", int: "integer", bool: "boolean", float: "number"}

DAY_OR_SECOND = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$"
"""What the chain writes for a date (pipelines/normalize/dates.py): the day, or the UTC second."""
DATE_FIELDS = ("published", "modified")
"""Dates the chain normalizes: YYYY-MM-DD when the page gives only the day, else UTC seconds."""
INSTANT_FIELDS = ("fetched_at", "warc_date")
"""Times taken from WARC-Date: UTC instants in ISO 8601 (fractions of a second where recorded)."""
ARTICLE_ID = r"^[0-9a-f]{16}$"
_PATTERNS = {**dict.fromkeys(DATE_FIELDS, DAY_OR_SECOND), "article_id": ARTICLE_ID}
"""Formats a field's value always has (`id` only on articles: comment ids are the site's own)."""


def schema_for(cls: type) -> dict[str, Any]:
    """The JSON Schema of one record class."""
    schema = _object_schema(cls)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://longform-archiver.invalid/schemas/{cls.__name__.lower()}.schema.json",
        "title": cls.__name__,
        "description": (cls.__doc__ or "").strip(),
        **schema,
    }


def _object_schema(cls: type) -> dict[str, Any]:
    attrs.resolve_types(cls)
    properties = {
        field.name: {**_type_schema(field.type, _pattern(cls, field.name)),
                     "description": field.metadata["description"]}
        for field in attrs.fields(cls)
    }
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _pattern(cls: type, name: str) -> str | None:
    return ARTICLE_ID if (cls is Article and name == "id") else _PATTERNS.get(name)


def _type_schema(annotation: Any, pattern: str | None = None) -> dict[str, Any]:
    args = typing.get_args(annotation)
    if isinstance(annotation, types.UnionType) and type(None) in args:
        (inner,) = [a for a in args if a is not type(None)]
        return {"anyOf": [_type_schema(inner, pattern), {"type": "null"}]}
    if pattern is not None and annotation is str:
        return {"type": "string", "pattern": pattern}
    if typing.get_origin(annotation) is list:
        return {"type": "array", "items": _type_schema(args[0])}
    if typing.get_origin(annotation) is dict:
        return {"type": "object", "additionalProperties": _type_schema(args[1])}
    if annotation is Provenance:
        return _object_schema(Provenance)
    return {"type": _SCALARS[annotation]}


def pseudonymized_comment_schema() -> dict[str, Any]:
    """A comment as `longform export --pseudonymize-commenters` writes it (pipelines/pseudonym.py):
    names are pseudonyms, `author_url` is null and its pseudonym is in `author_url_hash`."""
    schema = schema_for(Comment)
    properties = schema["properties"]
    for key in ("author", "author_raw"):
        properties[key] = {
            "anyOf": [{"type": "string", "pattern": NAME_PATTERN}, {"type": "null"}],
            "description": "Pseudonym of the commenter name (salted HMAC-SHA256 of " + key + ").",
        }
    properties["author_url"] = {"type": "null", "description": "Always null: see author_url_hash."}
    properties["author_url_hash"] = {
        "anyOf": [{"type": "string", "pattern": URL_PATTERN}, {"type": "null"}],
        "description": "Pseudonym of the link the commenter gave, if any (salted HMAC-SHA256).",
    }
    schema["required"] = list(properties)
    schema["$id"] = f"https://longform-archiver.invalid/schemas/{PSEUDONYMIZED_COMMENT}.schema.json"
    schema["title"] = "PseudonymizedComment"
    schema["description"] = (
        "A comment as `longform export --pseudonymize-commenters` writes it (pipelines/pseudonym.py)."
    )
    return schema


def all_schemas() -> dict[str, dict[str, Any]]:
    """File stem -> generated schema, for every generated schema file."""
    schemas = {name: schema_for(cls) for name, cls in RECORD_TYPES.items()}
    schemas[PSEUDONYMIZED_COMMENT] = pseudonymized_comment_schema()
    return schemas


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    """Write `<name>.schema.json` for every generated schema, and `<name>.arrow.txt` for the Arrow
    schema of each (pipelines/arrow_schema.py); the paths written."""
    from pipelines.arrow_schema import all_arrow_schemas, schema_text  # it imports this module

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, schema in all_schemas().items():
        path = folder / f"{name}.schema.json"
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", "utf-8")
        paths.append(path)
    for name, arrow in all_arrow_schemas().items():
        path = folder / f"{name}.arrow.txt"
        path.write_text(schema_text(arrow), "utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write_schemas():
        print(written)
