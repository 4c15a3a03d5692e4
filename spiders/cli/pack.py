"""`longform pack DIR --out FILE.wacz`: the archive and datasets in one WACZ (spiders/pack_command.py)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add(commands: argparse._SubParsersAction) -> None:
    pack = commands.add_parser(
        "pack", help="package WARCs, index, article pages and datasets into a WACZ file",
        description="Write a WACZ 1.1.1 (py-wacz) that ReplayWeb.page and pywb open: archive/ (the "
        "WARCs), indexes/, pages/pages.jsonl (one page per article) and datasets/ (the JSONL files).",
    )
    pack.add_argument("folder", type=Path, metavar="DIR", help="dataset folder (DIR/<site>/) or data folder")
    pack.add_argument("--out", type=Path, required=True, metavar="FILE.wacz", help="the WACZ file to write")
    pack.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from spiders.pack_command import pack

    return pack(args.folder, args.out)
