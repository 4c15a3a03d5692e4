"""The published JSON Schema matches the item classes and accepts real records."""

from __future__ import annotations

import json

import attrs
import jsonschema
import pytest

from pipelines.arrow_schema import all_arrow_schemas, schema_text
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


@pytest.mark.parametrize("name", sorted(all_schemas()))
def test_every_arrow_schema_is_committed(name: str) -> None:
    committed = (SCHEMA_DIR / f"{name}.arrow.txt").read_text("utf-8")
    assert committed == schema_text(all_arrow_schemas()[name]), "run: python -m pipelines.schema"


def test_every_field_is_described_and_required() -> None:
    for cls in (Article, Comment, Provenance):
        for field in attrs.fields(cls):
            assert field.metadata.get("description"), f"{cls.__name__}.{field.name}"


def test_schema_accepts_a_record_and_rejects_a_wrong_type() -> None:
    schema = schema_for(Comment)
    record = attrs.asdict(Comment(id="12", article_url="http://x/", article_id="0123456789abcdef",
                                  provenance=Provenance()))
    jsonschema.validate(record, schema)
    record["depth"] = "2"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema)


@pytest.mark.parametrize("published", ["2024-01-31", "2024-01-31T23:59:59Z", None])
def test_dates_are_the_day_or_the_utc_second(published: str | None) -> None:
    record = attrs.asdict(Comment(id="12", article_url="http://x/", article_id="0123456789abcdef",
                                  published=published, provenance=Provenance()))
    jsonschema.validate(record, schema_for(Comment))


@pytest.mark.parametrize("published", ["2024-01-31T23:59:59+01:00", "31 January 2024", "2024-01-31 23:59"])
def test_a_date_in_another_form_is_refused(published: str) -> None:
    record = attrs.asdict(Comment(id="12", article_url="http://x/", article_id="0123456789abcdef",
                                  published=published, provenance=Provenance()))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema_for(Comment))


def test_ids_are_strings_in_the_schema() -> None:
    """Comment ids look numeric on WordPress; the schema still says string (and null for no parent)."""
    properties = schema_for(Comment)["properties"]
    assert properties["id"]["type"] == "string"
    assert properties["parent_id"]["anyOf"] == [{"type": "string"}, {"type": "null"}]
