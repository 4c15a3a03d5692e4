"""`longform export --format parquet` over a real crawl of the recorded demo site, loaded the way the
README's "Load it" section says (its code blocks are run as written): real types in pandas and
duckdb, string ids, UTC timestamps, day-only dates, and the JSONL recipe giving string ids too."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.archiveiterator import ArchiveIterator

from pipelines.arrow_schema import arrow_schema, pseudonymized_comment_arrow_schema
from scrapers.items import Article, Comment

ROOT = Path(__file__).resolve().parents[2]
LONGFORM = [sys.executable, "-m", "spiders.cli"]
Record = dict[str, Any]
DAY_ONLY = "2019-05-09"


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*LONGFORM, *map(str, args)], capture_output=True, text=True,
                          timeout=180, cwd=cwd)


def _jsonl(path: Path) -> list[Record]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def _nulls_as_none(column: pd.Series) -> list[Any]:
    return [None if pd.isna(value) else value for value in column]


def _moment(text: str) -> pd.Timestamp:
    return pd.Timestamp(datetime.fromisoformat(text).astimezone(UTC))


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real crawl of the recorded demo site, with the first article's `modified` made day-only
    (as the chain writes it when a page gives only the day: the recording has no such page)."""
    out = tmp_path_factory.mktemp("typed")
    result = _run("demo", "--out", out / "data")
    assert result.returncode == 0, result.stdout + result.stderr[-4000:]
    site = out / "data" / "demo"
    articles = _jsonl(site / "articles.jsonl")
    articles[0] = {**articles[0], "modified": DAY_ONLY, "modified_raw": "May 9, 2019"}
    (site / "articles.jsonl").write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), "utf-8")
    return out


@pytest.fixture(scope="module")
def share(crawled: Path) -> Path:
    """`longform export demo --out share --format parquet` (and the JSONL export beside it), run
    where the README's snippets expect `share/`."""
    for fmt in ("parquet", "jsonl"):
        result = _run("export", "demo", "--data", "data", "--out", "share", "--format", fmt, cwd=crawled)
        assert result.returncode == 0, result.stderr
        assert f"as articles.{fmt}, comments.{fmt}" in result.stdout
    return crawled / "share"


def _load_it_blocks(language: str) -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("### Load it", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{language}\n(.*?)```", section, re.DOTALL)


def _run_readme_python(cwd: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    [block] = _load_it_blocks("python")
    monkeypatch.chdir(cwd)
    names: dict[str, Any] = {}
    exec(block, names)  # the README's code, as a reader pastes it
    return names


def _as_read(path: Path) -> pa.Schema:
    """The file's schema; a map's entries struct renamed back (Parquet names it after the column)."""
    fields = []
    for field in pq.read_schema(path):
        if pa.types.is_map(field.type):
            field = field.with_type(pa.map_(field.type.key_field, field.type.item_field))
        fields.append(field)
    return pa.schema(fields)


def test_parquet_files_carry_the_published_arrow_schema(share: Path) -> None:
    assert _as_read(share / "articles.parquet").equals(arrow_schema(Article), check_metadata=True)
    assert _as_read(share / "comments.parquet").equals(arrow_schema(Comment), check_metadata=True)


def test_pandas_reads_real_types_from_parquet(share: Path) -> None:
    articles = pd.read_parquet(share / "articles.parquet")
    comments = pd.read_parquet(share / "comments.parquet")
    for frame, columns in ((articles, ("published", "modified", "fetched_at")),
                           (comments, ("published", "fetched_at"))):
        for column in columns:
            assert isinstance(frame[column].dtype, pd.DatetimeTZDtype), column
            assert str(frame[column].dt.tz) == "UTC", column
    for frame, columns in ((articles, ("id",)), (comments, ("id", "parent_id", "article_id"))):
        for column in columns:
            assert pd.api.types.is_string_dtype(frame[column]), column
            assert all(isinstance(v, str) for v in frame[column].dropna()), column
    assert pd.api.types.is_integer_dtype(comments["depth"])
    assert pd.api.types.is_integer_dtype(articles["word_count"])


def test_parquet_values_are_the_jsonl_values(share: Path) -> None:
    """Typing changes no value: each id, list, timestamp and provenance field equals the JSONL's."""
    articles = pd.read_parquet(share / "articles.parquet")
    comments = pd.read_parquet(share / "comments.parquet")
    json_articles, json_comments = _jsonl(share / "articles.jsonl"), _jsonl(share / "comments.jsonl")
    assert list(articles["id"]) == [a["id"] for a in json_articles]
    assert list(comments["id"]) == [c["id"] for c in json_comments]
    assert _nulls_as_none(comments["parent_id"]) == [c["parent_id"] for c in json_comments]
    assert sum(c["parent_id"] is not None for c in json_comments) > 0  # replies are there to check
    for row, record in zip(articles.itertuples(), json_articles, strict=True):
        assert list(row.authors) == record["authors"] and list(row.tags) == record["tags"]
        assert row.fetched_at == _moment(record["fetched_at"])
        assert row.provenance["warc_offset"] == record["provenance"]["warc_offset"]
        assert row.provenance["warc_date"] == _moment(record["provenance"]["warc_date"])
        if record["published"] and len(record["published"]) > 10:
            assert row.published == _moment(record["published"])
            assert row.published_precision == "second"


def test_a_day_only_date_is_midnight_utc_with_day_precision(share: Path) -> None:
    articles = pd.read_parquet(share / "articles.parquet")
    first = articles.iloc[0]
    assert first["modified"] == pd.Timestamp(DAY_ONLY, tz="UTC")
    assert first["modified_precision"] == "day"
    assert first["modified_raw"] == "May 9, 2019"
    assert set(articles["modified_precision"].iloc[1:]) == {"second"}


def test_duckdb_reads_real_types_and_joins_on_string_ids(share: Path) -> None:
    con = duckdb.connect()
    types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE "
                             f"SELECT * FROM '{share / 'comments.parquet'}')").fetchall())
    assert types["id"] == types["parent_id"] == types["article_id"] == "VARCHAR"
    assert types["published"] == types["fetched_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["disagreements"] == "VARCHAR[]"
    assert types["sources"] == "MAP(VARCHAR, VARCHAR)"
    assert types["provenance"].startswith("STRUCT(warc_file VARCHAR, warc_offset BIGINT")
    article_types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE "
                                     f"SELECT * FROM '{share / 'articles.parquet'}')").fetchall())
    assert article_types["authors"] == article_types["tags"] == "VARCHAR[]"
    assert article_types["modified"] == "TIMESTAMP WITH TIME ZONE"


def test_the_readmes_duckdb_query_runs(share: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [query] = _load_it_blocks("sql")
    monkeypatch.chdir(share.parent)
    rows = duckdb.sql(query).fetchall()
    counts: dict[str, int] = {}
    for comment in _jsonl(share / "comments.jsonl"):
        counts[comment["article_id"]] = counts.get(comment["article_id"], 0) + 1
    titles = {a["id"]: a["title"] for a in _jsonl(share / "articles.jsonl")}
    assert sorted(rows) == sorted((titles[i], n) for i, n in counts.items())


def test_the_readmes_pandas_recipe_gives_string_ids_and_utc_dates(
    share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's pandas block: it ends with the JSONL read by its dtype recipe."""
    names = _run_readme_python(share.parent, monkeypatch)
    comments, records = names["comments"], _jsonl(share / "comments.jsonl")
    assert list(comments["id"]) == [c["id"] for c in records]
    assert all(isinstance(v, str) for v in comments["parent_id"].dropna())
    assert _nulls_as_none(comments["parent_id"]) == [c["parent_id"] for c in records]
    assert isinstance(comments["published"].dtype, pd.DatetimeTZDtype)
    assert list(comments["published"]) == [_moment(c["published"]) for c in records]
    assert isinstance(names["articles"]["published"].dtype, pd.DatetimeTZDtype)


def test_without_the_recipe_pandas_guesses_wrong(share: Path) -> None:
    """Why the README gives a recipe: pandas' defaults turn the string ids into numbers."""
    plain = pd.read_json(share / "comments.jsonl", lines=True)
    assert not pd.api.types.is_string_dtype(plain["id"])


def test_pseudonymized_parquet_has_the_url_hash_and_no_url(crawled: Path) -> None:
    result = _run("export", "demo", "--data", "data", "--out", "pseudo", "--format", "parquet",
                  "--pseudonymize-commenters", cwd=crawled)
    assert result.returncode == 0, result.stderr
    table = pq.read_table(crawled / "pseudo" / "comments.parquet")
    assert _as_read(crawled / "pseudo" / "comments.parquet").equals(
        pseudonymized_comment_arrow_schema(), check_metadata=True)
    comments = table.to_pylist()
    assert all(c["author_url"] is None for c in comments)
    assert any(c["author_url_hash"] for c in comments)
    assert all(c["author"].startswith("commenter-") for c in comments if c["author"])


def test_provenance_in_parquet_still_opens_the_warc_record(share: Path) -> None:
    row = pq.read_table(share / "comments.parquet").slice(0, 1).to_pylist()[0]
    prov = row["provenance"]
    with open(share / prov["warc_file"], "rb") as stream:
        stream.seek(prov["warc_offset"])
        member = stream.read(prov["warc_length"])
    [record] = list(ArchiveIterator(io.BytesIO(member)))
    assert record.rec_headers.get_header("WARC-Record-ID") == prov["warc_record_id"]


def test_a_record_with_an_unreadable_date_is_one_line_and_nothing_written(
    crawled: Path, tmp_path: Path
) -> None:
    site = tmp_path / "data" / "demo"
    shutil.copytree(crawled / "data" / "demo", site)
    with open(site / "comments.jsonl", "a", encoding="utf-8") as stream:
        bad = {**_jsonl(site / "comments.jsonl")[0], "id": "bad", "published": "yesterday"}
        stream.write(json.dumps(bad) + "\n")
    result = _run("export", site, "--out", tmp_path / "out", "--format", "parquet")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "'yesterday' is not an ISO 8601" in result.stderr
    assert list((tmp_path / "out").iterdir()) == []
