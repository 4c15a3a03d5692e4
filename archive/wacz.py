"""Package WARC files into a WACZ 1.1.1 with `wacz create` (py-wacz, Webrecorder's own packager).

py-wacz writes archive/, indexes/ (CDXJ), pages/pages.jsonl and datapackage.json. Files it has no
option for (the JSONL datasets) are added afterwards into a copy of its zip, listed in
datapackage.json with their sha256 like every other resource, and datapackage-digest.json is
recomputed, so `wacz validate` checks them too.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wacz.main import main as wacz_main

from archive.disk_space import DiskFull, is_disk_full

DATAPACKAGE = "datapackage.json"
DATAPACKAGE_DIGEST = "datapackage-digest.json"
PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "Articles"}
_COPY_BUFFER = 1 << 20


class PackError(Exception):
    """Raised by `build_wacz` when py-wacz fails; the message has its last words."""


def build_wacz(
    warcs: Iterable[Path],
    out: Path,
    pages: Iterable[Mapping[str, Any]],
    extra_files: Mapping[str, bytes],
    title: str,
) -> list[str]:
    """Write `out`: the WARCs, their index, `pages` (dicts with url, ts, title) and `extra_files`
    (zip path -> bytes). Built beside `out` and renamed into place, so a failure leaves no file.
    Returns py-wacz's warnings (pages it found no capture for)."""
    try:
        return _build(warcs, out, pages, extra_files, title)
    except OSError as error:  # the temp folder is gone with what it held
        if is_disk_full(error):
            raise DiskFull(out.parent, 0, out.name) from None
        raise


def _build(warcs: Iterable[Path], out: Path, pages: Iterable[Mapping[str, Any]],
           extra_files: Mapping[str, bytes], title: str) -> list[str]:
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=f".{out.name}.") as work:
        folder = Path(work)
        pages_file = folder / "pages.jsonl"
        with open(pages_file, "w", encoding="utf-8") as lines:
            for page in (PAGES_HEADER, *pages):
                lines.write(json.dumps(page, ensure_ascii=False) + "\n")
        plain = folder / "plain.wacz"
        said = io.StringIO()
        arguments = ["create", "-o", str(plain), "-p", str(pages_file), "--title", title]
        with contextlib.redirect_stdout(said):  # py-wacz narrates every step with print()
            status = wacz_main([*arguments, *map(str, warcs)])
        if status:
            raise PackError(f"wacz create failed: {said.getvalue().strip().splitlines()[-1:]}")
        packed = folder / "packed.wacz"
        _add_files(plain, packed, extra_files)
        packed.replace(out)
    return [line for line in said.getvalue().splitlines() if line.startswith("Invalid passed page")]


def _add_files(source: Path, target: Path, extra_files: Mapping[str, bytes]) -> None:
    """Copy the WACZ at `source` with `extra_files` added and its datapackage updated to list them."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        package = json.loads(old.read(DATAPACKAGE))
        for info in old.infolist():
            if info.filename not in (DATAPACKAGE, DATAPACKAGE_DIGEST):
                _copy_entry(old, new, info)
        for name, data in extra_files.items():
            new.writestr(_info(name), data)
            package["resources"].append({
                "name": Path(name).name.lower(), "path": name,
                "hash": "sha256:" + hashlib.sha256(data).hexdigest(), "bytes": len(data),
            })
        package_bytes = json.dumps(package, indent=2).encode("utf-8")
        new.writestr(_info(DATAPACKAGE), package_bytes)
        digest = {"path": DATAPACKAGE, "hash": "sha256:" + hashlib.sha256(package_bytes).hexdigest()}
        new.writestr(_info(DATAPACKAGE_DIGEST), json.dumps(digest, indent=2))


def _copy_entry(old: zipfile.ZipFile, new: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    # Same name, time and compression: WARCs and the gzip'd index stay stored, as the spec wants.
    copy = zipfile.ZipInfo(info.filename, info.date_time)
    copy.compress_type = info.compress_type
    copy.file_size = info.file_size  # lets zipfile pick zip64 up front for files over 2 GiB
    with old.open(info) as reader, new.open(copy, "w") as writer:
        shutil.copyfileobj(reader, writer, _COPY_BUFFER)


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, datetime.now(UTC).timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    return info
