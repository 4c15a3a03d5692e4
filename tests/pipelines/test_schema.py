"""The published JSON Schema matches the item classes and accepts real records."""

from __future__ import annotations

import json

import attrs
import jsonschema
import pytest

from pipelines.schema import RECORD_TYPES, SCHEMA_DIR, all_schemas, schema_for
from scrapers.items import Article, Comment, Provenance


@pytest.mark.parametrize("name", sorted(RECORD_TYPES))
def test_committed_schema_is_generated_from_the_item_classes(name: str) -> None:
    committed = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8"))
    assert committed == schema_for(RECORD_TYPES[name]), "run: python -m pipelines.schema"


@pytest.mark.parametrize("name", sorted(all_schemas()))
def test_every_generated_schema_is_committed(name: str) -> None:
    committed = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8"))
    assert committed == all_schemas()[name], "run: python -m pipelines.schema"


def test_every_field_is_described_and_required() -> None:
    for cls in (Article, Comment, Provenance):
        for field in attrs.fields(cls):
            assert field.metadata.get("description"), f"{cls.__name__}.{field.name}"


def test_schema_accepts_a_record_and_rejects_a_wrong_type() -> None:
    schema = schema_for(Comment)
    record = attrs.asdict(Comment(id="12", article_url="http://x/", provenance=Provenance()))
    jsonschema.validate(record, schema)
    record["depth"] = "2"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema)
