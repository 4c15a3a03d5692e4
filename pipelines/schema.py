"""JSON Schema (draft 2020-12) of the JSONL records, generated from the attrs item classes.

The generated files are committed under `pipelines/schemas/`; a test fails when they drift from
the classes. Regenerate with `python -m pipelines.schema`.
"""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path
from typing import Any

import attrs

from scrapers.items import Article, Comment, Provenance

SCHEMA_DIR = Path(__file__).parent / "schemas"
RECORD_TYPES: dict[str, type] = {"article": Article, "comment": Comment}
_SCALARS = {str: "string", int: "integer", bool: "boolean", float: "number"}


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
        field.name: {**_type_schema(field.type), "description": field.metadata["description"]}
        for field in attrs.fields(cls)
    }
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _type_schema(annotation: Any) -> dict[str, Any]:
    args = typing.get_args(annotation)
    if isinstance(annotation, types.UnionType) and type(None) in args:
        (inner,) = [a for a in args if a is not type(None)]
        return {"anyOf": [_type_schema(inner), {"type": "null"}]}
    if typing.get_origin(annotation) is list:
        return {"type": "array", "items": _type_schema(args[0])}
    if annotation is Provenance:
        return _object_schema(Provenance)
    return {"type": _SCALARS[annotation]}


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    """Write `<type>.schema.json` for every record type; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, cls in RECORD_TYPES.items():
        path = folder / f"{name}.schema.json"
        path.write_text(json.dumps(schema_for(cls), indent=2, ensure_ascii=False) + "\n", "utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write_schemas():
        print(written)
