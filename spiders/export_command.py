"""`longform export SITE|DIR --out DIR2`: the latest version of every record, in one dataset."""

from __future__ import annotations

import os
from pathlib import Path

from pipelines.dataset import ARTICLES_FILE, COMMENTS_FILE
from pipelines.export import (
    Record,
    article_key,
    comment_key,
    latest_versions,
    on_or_after,
    read_records,
    rebase_provenance,
    stage_jsonl,
)
from pipelines.pseudonym import SaltError, pseudonymize_comment, read_salt, site_salt
from spiders import sites
from spiders.errors import EXIT_OK, UsageError


def export(
    source: str, data: Path, out: Path, since: str | None, pseudonymize: bool, salt_file: Path | None
) -> int:
    """Export the dataset of `source` (a dataset folder or a site in `data`) into `out`."""
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
    written = _write_both(out, {ARTICLES_FILE: articles, COMMENTS_FILE: comments}, folder)
    note = " (commenters pseudonymized)" if salt is not None else ""
    print(f"Exported {written[ARTICLES_FILE]} articles and {written[COMMENTS_FILE]} comments "
          f"from {folder} to {out}{note}")
    return EXIT_OK


def _write_both(out: Path, files: dict[str, list[Record]], source: Path) -> dict[str, int]:
    """Both files staged before either is renamed: a full disk leaves the old pair, not one new
    file beside an old one."""
    staged: dict[str, tuple[Path, int]] = {}
    try:
        for name, records in files.items():
            staged[name] = stage_jsonl(out / name, (rebase_provenance(r, source, out) for r in records))
    except BaseException:
        for temp, _ in staged.values():
            temp.unlink(missing_ok=True)
        raise
    for name, (temp, _) in staged.items():
        os.replace(temp, out / name)
    return {name: count for name, (_, count) in staged.items()}


def dataset_folder(source: str, data: Path) -> Path:
    """A folder holding articles.jsonl / comments.jsonl: `source` itself, or DATA/<site>."""
    path = Path(source)
    if not path.is_dir():
        path = data / _site_name(source)
        if not path.is_dir():
            raise UsageError(f"no dataset of {source!r} in {data}/; crawl it first "
                             f"(longform crawl {source}) or give its folder (DIR/<site>/)")
    if not any((path / name).is_file() for name in (ARTICLES_FILE, COMMENTS_FILE)):
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
