"""`longform export`: the latest version of every record, --since, pseudonymized commenters,
schema-valid output, atomic writes, and one-line errors for bad input."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from warcio.archiveiterator import ArchiveIterator

from pipelines.export import stage_jsonl
from pipelines.schema import SCHEMA_DIR

LONGFORM = [sys.executable, "-m", "spiders.cli"]
Record = dict[str, Any]


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*LONGFORM, *map(str, args)], capture_output=True, text=True,
                          timeout=120, cwd=cwd)


def _jsonl(path: Path) -> list[Record]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def _append(path: Path, *records: Record) -> None:
    with open(path, "a", encoding="utf-8") as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def _schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export-demo")
    result = _run("demo", "--out", out)
    assert result.returncode == 0, result.stdout + result.stderr[-4000:]
    return out / "demo"


@pytest.fixture()
def site(demo: Path, tmp_path: Path) -> Path:
    """A copy of the demo dataset (as DATA/demo/) that a test may change."""
    copy = tmp_path / "data" / "demo"
    shutil.copytree(demo, copy)
    return copy


def test_export_keeps_the_latest_version_of_each_record(site: Path, tmp_path: Path) -> None:
    articles, comments = _jsonl(site / "articles.jsonl"), _jsonl(site / "comments.jsonl")
    edited = {**articles[0], "title": "Edited title", "fetched_at": "2099-01-01T00:00:00Z"}
    stale = {**articles[1], "title": "Older version", "fetched_at": "2000-01-01T00:00:00Z"}
    tie = {**comments[5], "text": "Same fetch time, later line"}
    _append(site / "articles.jsonl", edited, stale)
    _append(site / "comments.jsonl", tie)

    result = _run("export", site, "--out", tmp_path / "export")
    assert result.returncode == 0, result.stderr
    out_articles = _jsonl(tmp_path / "export" / "articles.jsonl")
    out_comments = _jsonl(tmp_path / "export" / "comments.jsonl")
    assert [a["id"] for a in out_articles] == [a["id"] for a in articles]  # once each, first-seen order
    assert out_articles[0]["title"] == "Edited title"
    assert out_articles[1]["title"] == articles[1]["title"]
    assert len(out_comments) == len(comments)
    assert out_comments[5]["text"] == "Same fetch time, later line"
    for record in out_articles:
        jsonschema.validate(record, _schema("article"))
    for record in out_comments:
        jsonschema.validate(record, _schema("comment"))
    assert f"Exported {len(articles)} articles and {len(comments)} comments" in result.stdout


def test_exported_provenance_still_opens_the_warc_record(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere" / "export"
    assert _run("export", site, "--out", out).returncode == 0
    record = _jsonl(out / "comments.jsonl")[-1]
    provenance = record["provenance"]
    with open(out / provenance["warc_file"], "rb") as warc:
        warc.seek(provenance["warc_offset"])
        member = warc.read(provenance["warc_length"])
    archived = next(iter(ArchiveIterator(io.BytesIO(member))))
    assert archived.rec_headers.get_header("WARC-Record-ID") == provenance["warc_record_id"]


def test_since_filters_articles_by_published_and_comments_by_their_own_date(
    site: Path, tmp_path: Path
) -> None:
    every_article, every_comment = _jsonl(site / "articles.jsonl"), _jsonl(site / "comments.jsonl")
    # The cut-off: the day of a comment posted after its article's day, so the comment is kept
    # while its article is not.
    published = {a["id"]: a["published"][:10] for a in every_article}
    late = next(c for c in every_comment if c["published"][:10] > published[c["article_id"]])
    since = late["published"][:10]
    result = _run("export", "demo", "--data", site.parent, "--out", tmp_path / "x", "--since", since)
    assert result.returncode == 0, result.stderr
    articles = _jsonl(tmp_path / "x" / "articles.jsonl")
    comments = _jsonl(tmp_path / "x" / "comments.jsonl")
    assert {a["id"] for a in articles} == {
        a["id"] for a in every_article if a["published"] and a["published"] >= since
    }
    assert {c["id"] for c in comments} == {
        c["id"] for c in every_comment if c["published"] and c["published"] >= since
    }
    assert late["id"] in {c["id"] for c in comments}
    assert late["article_id"] not in {a["id"] for a in articles}
    assert 0 < len(articles) < len(every_article) and 0 < len(comments) < len(every_comment)


def _expected_pseudonym(salt: bytes, kind: str, value: str) -> str:
    """The documented formula, computed here with the standard library."""
    digest = hmac.new(salt, kind.encode() + b"\0" + value.encode("utf-8"), hashlib.sha256).hexdigest()
    return ("url-" if kind == "url" else "commenter-") + digest[:16]


def _pseudonymized(site: Path, out: Path, *extra: str | Path) -> list[Record]:
    result = _run("export", site, "--out", out, "--pseudonymize-commenters", *extra)
    assert result.returncode == 0, result.stderr
    assert "commenters pseudonymized" in result.stdout
    return _jsonl(out / "comments.jsonl")


def test_pseudonyms_are_salted_stable_and_leave_the_text_alone(site: Path, tmp_path: Path) -> None:
    originals = _jsonl(site / "comments.jsonl")
    first = _pseudonymized(site, tmp_path / "one")
    salt_file = site / "pseudonym-salt"
    assert salt_file.stat().st_mode & 0o777 == 0o600
    salt = salt_file.read_bytes().strip()
    assert _pseudonymized(site, tmp_path / "two") == first  # same salt, same pseudonyms
    assert salt_file.read_bytes().strip() == salt  # created once

    schema = _schema("comment.pseudonymized")
    for original, shared in zip(originals, first, strict=True):
        jsonschema.validate(shared, schema)
        assert shared["author"] == _expected_pseudonym(salt, "name", original["author"])
        assert shared["author_raw"] == _expected_pseudonym(salt, "name", original["author_raw"])
        assert shared["author_url"] is None
        expected_url = original["author_url"] and _expected_pseudonym(salt, "url", original["author_url"])
        assert shared["author_url_hash"] == (expected_url or None)
        assert shared["text"] == original["text"]
        assert {k: v for k, v in shared.items() if not k.startswith("author")} == {
            k: v for k, v in original.items() if not k.startswith("author")
        } | {"provenance": shared["provenance"]}
    # One pseudonym per distinct name: counting comments per commenter still works.
    assert len({c["author"] for c in first}) == len({c["author"] for c in originals})

    other_salt = tmp_path / "salt"
    other_salt.write_text("a different secret salt\n")
    other = _pseudonymized(site, tmp_path / "three", "--salt-file", other_salt)
    expected = _expected_pseudonym(b"a different secret salt", "name", originals[0]["author"])
    assert other[0]["author"] == expected
    assert other[0]["author"] != first[0]["author"]


def test_a_failed_write_leaves_the_previous_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "articles.jsonl"
    target.write_text('{"id": "old"}\n')

    def records() -> Iterator[Record]:
        yield {"id": "new"}
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        stage_jsonl(target, records())  # the staged file is renamed over the target only when whole
    assert target.read_text() == '{"id": "old"}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["articles.jsonl"]


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    return line


def _short_salt(tmp_path: Path) -> Path:
    path = tmp_path / "short-salt"
    path.write_text("abc\n")
    return path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nosuchsite"], "no dataset of 'nosuchsite' in"),
        (["{tmp}/missing/folder"], "no such folder"),
        (["{tmp}"], "holds no articles.jsonl or comments.jsonl"),
        (["{site}", "--since", "yesterday"], "write it as 2024-01-31"),
        (["{site}", "--pseudonymize-commenters", "--salt-file", "{tmp}/nope"], "cannot read salt file"),
        (["{site}", "--pseudonymize-commenters", "--salt-file", "{short}"], "fewer than 16"),
        (["{site}", "--salt-file", "{short}"], "only used with --pseudonymize-commenters"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    site: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    values = {"tmp": tmp_path, "site": site, "short": _short_salt(tmp_path)}
    out = tmp_path / "export"
    result = _run("export", *(a.format(**values) for a in args), "--out", out, cwd=tmp_path)
    assert message in _one_line_error(result)
    assert not out.exists()


def test_out_must_not_be_the_dataset_itself(site: Path) -> None:
    before = (site / "articles.jsonl").read_bytes()
    assert "is the dataset folder itself" in _one_line_error(_run("export", site, "--out", site))
    assert (site / "articles.jsonl").read_bytes() == before
