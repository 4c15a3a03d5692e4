"""What a dataset puts into its WACZ besides the WARCs: the page list and the JSONL files.

Inside the WACZ the WARCs sit in `archive/` and the datasets in `datasets/<site>-articles.jsonl`,
so each record's `provenance.warc_file` is rewritten to `../archive/<name>`: the one field that
depends on where files are (as in replay), kept valid for anyone who unzips the package.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipelines.dataset import ARTICLES_FILE, COMMENTS_FILE
from pipelines.jsonl import read_jsonl

DATASETS_FOLDER = "datasets"
WACZ_ARCHIVE_FOLDER = "archive"


def article_pages(dataset: Path) -> Iterator[dict[str, Any]]:
    """One pages.jsonl entry per article: the capture (URL and time) its record came from."""
    articles = dataset / ARTICLES_FILE
    if not articles.exists():
        return
    for article in read_jsonl(articles):
        provenance = article.get("provenance") or {}
        if provenance.get("target_uri") and provenance.get("warc_date"):
            yield {"url": provenance["target_uri"], "ts": provenance["warc_date"],
                   "title": article.get("title") or provenance["target_uri"], "id": article["id"]}


def packed_datasets(dataset: Path) -> dict[str, bytes]:
    """{zip path: JSONL bytes} of a dataset folder, provenance pointing into the WACZ's archive/."""
    files: dict[str, bytes] = {}
    for name in (ARTICLES_FILE, COMMENTS_FILE):
        if (dataset / name).exists():
            lines = (_packed_line(record) for record in read_jsonl(dataset / name))
            files[f"{DATASETS_FOLDER}/{dataset.name}-{name}"] = "".join(lines).encode("utf-8")
    return files


def _packed_line(record: dict[str, Any]) -> str:
    provenance = record.get("provenance")
    if provenance and provenance.get("warc_file"):
        name = posixpath.basename(provenance["warc_file"].replace("\\", "/"))
        provenance["warc_file"] = f"../{WACZ_ARCHIVE_FOLDER}/{name}"
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
