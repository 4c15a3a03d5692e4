"""The `longform` command: crawl, demo, replay, verify, index, show, serve, pack, export, extract,
rebuild-state, sites; one module per verb holding its arguments (`add`) and handler (`run`).

Bad input gets one line on stderr saying what is wrong and how to fix it, and exit status 2.
The verb modules import what does the work inside their handlers, so `longform --help` and a
mistyped option answer without loading Scrapy.
"""

from __future__ import annotations

import argparse
import sys
import typing
from collections.abc import Sequence

from spiders.cli import (
    crawl,
    demo,
    export,
    extract,
    index,
    pack,
    rebuild_state,
    replay,
    serve,
    show,
    sites,
    verify,
)
from spiders.errors import EXIT_FAILED, EXIT_USAGE, UsageError


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except UsageError as error:
        print(f"longform: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("longform: interrupted", file=sys.stderr)
        return 130
    except Exception as error:
        from archive.disk_space import disk_full_line

        line = disk_full_line(error)  # a full disk is one line and exit 1, not a traceback
        if line is None:
            raise
        print(f"longform: error: {line}", file=sys.stderr)
        return EXIT_FAILED


VERBS = (crawl, demo, replay, verify, index, show, serve, pack, export, extract, rebuild_state, sites)
"""In the order `longform --help` lists them."""


class _OneLineErrors(argparse.ArgumentParser):
    """argparse, but a usage error is one line (with the --help hint) and exit status 2."""

    def error(self, message: str) -> typing.NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _OneLineErrors(
        prog="longform",
        description="Archive long-form analysis sites into WARC files and JSONL datasets.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND", parser_class=_OneLineErrors)
    for verb in VERBS:
        verb.add(commands)
    return parser
