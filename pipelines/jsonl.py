"""Append-only JSONL files that a crash or kill can never leave with a half-written line."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from archive.disk_space import write_all

ARTICLES_FILE = "articles.jsonl"
COMMENTS_FILE = "comments.jsonl"
"""A dataset folder's two files (named here, a light module: the CLI finds datasets without
loading the normalizers)."""


def part_name(name: str, part: str) -> str:
    """The file of one Redis worker's part of a dataset file: 'articles.<part>.jsonl'.

    >>> part_name("articles.jsonl", "host-1"), part_name("articles.jsonl", "")
    ('articles.host-1.jsonl', 'articles.jsonl')
    """
    return f"{name.removesuffix('.jsonl')}.{part}.jsonl" if part else name


def part_files(folder: Path, name: str) -> list[Path]:
    """`name` in `folder` and every worker's part of it, sorted (the whole file first)."""
    parts = sorted(folder.glob(part_name(name, "*")))
    return [path for path in (folder / name, *parts) if path.is_file()]


class JsonlAppender:
    """Appends one JSON object per line; each line reaches the file in a single write().

    The file is created on the first record, so a run that finds nothing leaves no empty files.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        _drop_torn_tail(path)
        self._fd = -1
        self.written = 0

    def write(self, record: dict[str, Any]) -> None:
        """Write `record` as one line (UTF-8, keys in schema order, no ASCII escaping)."""
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        self.write_line(line.encode("utf-8"))

    def write_line(self, line: bytes) -> None:
        """Append one encoded line (newline included) in a single write()."""
        if self._fd < 0:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        # One write; on a full disk the torn line is cut off again and DiskFull raised.
        write_all(self._fd, line, f"a line of {self.path.name}", self.path.parent,
                  append=True)
        self.written += 1

    def size(self) -> int:
        """Bytes in the file now (every line written so far is in it)."""
        return os.fstat(self._fd).st_size if self._fd >= 0 else 0

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Every record of a JSONL file (whole lines only)."""
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            if line.endswith("\n"):
                yield json.loads(line)


def _drop_torn_tail(path: Path) -> None:
    """Cut a final line without its newline (left by a power loss) so appends stay valid."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb+") as stream:
        data = stream.read()
        if not data.endswith(b"\n"):
            stream.truncate(data.rfind(b"\n") + 1)
