"""`longform pack DIR --out FILE.wacz`: the WARCs, an index, the article pages and the datasets in
one WACZ file that `wacz validate` accepts and ReplayWeb.page / pywb open."""

from __future__ import annotations

import sys
from pathlib import Path

from archive.reader import NotAWarcError, check_is_warc
from archive.wacz import PackError, build_wacz
from pipelines.pack import article_pages, packed_datasets
from spiders.cli.inputs import datasets_in, warcs_under
from spiders.errors import EXIT_FAILED, EXIT_OK, UsageError


def pack(folder: Path, out: Path) -> int:
    """Package the WARCs and datasets under `folder` into `out`; print what went in."""
    warcs, datasets = _contents(folder)
    _check_out(out)
    pages = [page for dataset in datasets for page in article_pages(dataset)]
    extra: dict[str, bytes] = {}
    for dataset in datasets:
        extra.update(packed_datasets(dataset))
    try:
        unmatched = build_wacz(warcs, out, pages, extra, title=f"longform-archiver: {folder.resolve().name}")
    except PackError as error:
        print(f"longform: {error}", file=sys.stderr)
        return EXIT_FAILED
    for line in unmatched:
        print(f"longform: warning: {line} (no capture with that URL and time in the WARCs)", file=sys.stderr)
    print(f"Packed {len(warcs)} WARC file(s), {len(pages) - len(unmatched)} article pages and "
          f"{len(extra)} dataset file(s): {out} ({out.stat().st_size:,} bytes)")
    return EXIT_OK


def _contents(folder: Path) -> tuple[list[Path], list[Path]]:
    """(WARC files, dataset folders) under `folder`; UsageError when there is nothing to pack."""
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder; give a dataset folder as `longform crawl` writes it")
    warcs = warcs_under(folder)
    if not warcs:
        raise UsageError(f"no .warc.gz files under {folder}; give a dataset folder (DIR or DIR/<site>)")
    names: dict[str, Path] = {}
    for warc in warcs:
        if warc.name in names:  # the WACZ keeps WARCs by name in one archive/ folder
            raise UsageError(f"{warc} and {names[warc.name]} have the same name; pack them separately")
        names[warc.name] = warc
        try:
            check_is_warc(warc)
        except NotAWarcError as error:
            raise UsageError(f"{error}; remove it from {folder} or pack another folder") from None
    datasets = sorted({path.parent for path in datasets_in(folder)})
    return warcs, datasets


def _check_out(out: Path) -> None:
    if out.suffix != ".wacz":
        raise UsageError(f"--out {out}: name the file .wacz (ReplayWeb.page and pywb go by it)")
    if not out.parent.is_dir():
        raise UsageError(f"--out {out}: folder {out.parent} does not exist; create it or choose another")
