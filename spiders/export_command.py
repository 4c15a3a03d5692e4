"""`longform export SITE|DIR --out DIR2`: the latest version of every record, in one dataset."""

from __future__ import annotations

from pathlib import Path

from pipelines.dataset import ARTICLES_FILE, COMMENTS_FILE
from pipelines.export import (
    RecordFormatError,
    article_key,
    comment_key,
    latest_versions,
    on_or_after,
    read_records,
    write_export,
)
from pipelines.jsonl import part_files
from pipelines.pseudonym import SaltError, pseudonymize_comment, read_salt, site_salt
from spiders import sites
from spiders.errors import EXIT_OK, UsageError


def export(
    source: str, data: Path, out: Path, since: str | None, pseudonymize: bool, salt_file: Path | None,
    fmt: str = "jsonl",
) -> int:
    """Export the dataset of `source` (a dataset folder or a site in `data`) into `out`, as
    `articles.<fmt>` and `comments.<fmt>` (fmt: jsonl or parquet)."""
    folder = dataset_folder(source, data)
    if out.resolve() == folder.resolve():
        raise UsageError(f"--out {out} is the dataset folder itself; export into another folder")
    salt = _salt(folder, salt_file) if pseudonymize else None
    articles = latest_versions(read_records(folder, ARTICLES_FILE), article_key)
    comments = latest_versions(read_records(folder, COMMENTS_FILE), comment_key)
    if since:
        articles, comments = list(on_or_after(articles, since)), list(on_or_after(comments, since))
    if salt is not None:
        comments = [pseudonymize_comment(c, salt) for c in comments]
    out = _created(out).resolve()
    try:
        written = write_export(out, articles, comments, folder, fmt, pseudonymized=salt is not None)
    except RecordFormatError as error:
        raise UsageError(f"cannot export {folder} as {fmt}: {error}; fix or drop that record, "
                         "or export as jsonl") from None
    note = " (commenters pseudonymized)" if salt is not None else ""
    print(f"Exported {written[0]} articles and {written[1]} comments "
          f"from {folder} to {out} as articles.{fmt}, comments.{fmt}{note}")
    return EXIT_OK


def dataset_folder(source: str, data: Path) -> Path:
    """A folder holding articles.jsonl / comments.jsonl: `source` itself, or DATA/<site>."""
    path = Path(source)
    if not path.is_dir():
        path = data / _site_name(source)
        if not path.is_dir():
            raise UsageError(f"no dataset of {source!r} in {data}/; crawl it first "
                             f"(longform crawl {source}) or give its folder (DIR/<site>/)")
    if not any(part_files(path, name) for name in (ARTICLES_FILE, COMMENTS_FILE)):
        raise UsageError(f"{path} holds no {ARTICLES_FILE} or {COMMENTS_FILE}; "
                         "give a dataset folder (DIR/<site>/) or a site name")
    return path


def _site_name(source: str) -> str:
    """The data folder name of a site: a name as is, or a profile's name (file or URL)."""
    if source.startswith(("http://", "https://")) or source.endswith(".toml"):
        try:
            return sites.resolve(source).name
        except sites.ProfileError as error:
            raise UsageError(str(error)) from None
    if "/" in source:
        raise UsageError(f"no such folder: {source}; give a dataset folder (DIR/<site>/) or a site name")
    return source


def _salt(folder: Path, salt_file: Path | None) -> bytes:
    try:
        return read_salt(salt_file) if salt_file else site_salt(folder)
    except SaltError as error:
        raise UsageError(str(error)) from None
    except OSError as error:
        raise UsageError(f"cannot create the salt file in {folder}: {error.strerror}; "
                         "give one with --salt-file") from None


def _created(out: Path) -> Path:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot write to {out}: {error.strerror}; choose another --out folder") from None
    return out
