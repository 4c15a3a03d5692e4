"""What a dataset adds to its WACZ: one page per captured article, datasets pointing into the pack."""

from __future__ import annotations

import json
from pathlib import Path

from pipelines.pack import article_pages, packed_datasets


def _write(path: Path, *records: dict[str, object]) -> None:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), "utf-8")


def test_one_page_per_article_with_a_capture_titled_or_named_by_its_url(tmp_path: Path) -> None:
    captured = {"target_uri": "http://127.0.0.1:9/a/", "warc_date": "2026-01-02T03:04:05Z"}
    _write(tmp_path / "articles.jsonl",
           {"id": "a", "title": "A post", "provenance": captured},
           {"id": "b", "title": None, "provenance": {**captured, "target_uri": "http://127.0.0.1:9/b/"}},
           {"id": "c", "title": "Extracted from a saved file", "provenance": None})
    assert list(article_pages(tmp_path)) == [
        {"url": "http://127.0.0.1:9/a/", "ts": "2026-01-02T03:04:05Z", "title": "A post", "id": "a"},
        {"url": "http://127.0.0.1:9/b/", "ts": "2026-01-02T03:04:05Z", "title": "http://127.0.0.1:9/b/",
         "id": "b"},
    ]
    assert list(article_pages(tmp_path / "nothing-here")) == []


def test_datasets_are_named_by_site_and_point_into_the_packs_archive_folder(tmp_path: Path) -> None:
    site = tmp_path / "lwj"
    site.mkdir()
    _write(site / "comments.jsonl",
           {"id": "1", "text": "Zoë", "provenance": {"warc_file": "warc/lwj-1.warc.gz", "warc_offset": 9}},
           {"id": "2", "provenance": {"warc_file": "..\\old\\lwj-0.warc.gz"}},
           {"id": "3", "provenance": None})
    files = packed_datasets(site)
    assert list(files) == ["datasets/lwj-comments.jsonl"]  # no articles file: none invented
    lines = [json.loads(line) for line in files["datasets/lwj-comments.jsonl"].decode("utf-8").splitlines()]
    assert lines[0] == {"id": "1", "text": "Zoë",
                        "provenance": {"warc_file": "../archive/lwj-1.warc.gz", "warc_offset": 9}}
    assert lines[1]["provenance"]["warc_file"] == "../archive/lwj-0.warc.gz"  # a Windows path too
    assert lines[2] == {"id": "3", "provenance": None}
