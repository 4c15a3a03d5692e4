"""The `longform` command: crawl, demo, probe, replay, verify, index, show, serve, pack, export, extract,
rebuild-state, sites; one module per verb holding its arguments (`add`) and handler (`run`).

Bad input gets one line on stderr saying what is wrong and how to fix it, and exit status 2.
The verb modules import what does the work inside their handlers, so `longform --help` and a
mistyped option answer without loading Scrapy.
"""

from __future__ import annotations

import argparse
import os
import select
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
    probe,
    rebuild_state,
    replay,
    serve,
    show,
    sites,
    status,
    verify,
)
from spiders.errors import EXIT_FAILED, EXIT_USAGE, UsageError

EXIT_BROKEN_PIPE = 128 + 13
"""What a shell reports for a command killed by SIGPIPE (`yes | head`)."""


def main(argv: Sequence[str] | None = None) -> int:
    try:
        status = _run(argv)
        sys.stdout.flush()  # here, not at exit: a reader that went away is then ours to handle
        return status
    except BrokenPipeError:
        if not _stdout_gone():
            raise  # a pipe of our own (a subprocess's, a socket's) broke: a real error
        return _reader_gone()


def _run(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except UsageError as error:
        print(f"longform: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("longform: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise
    except Exception as error:
        from archive.disk_space import disk_full_line

        line = disk_full_line(error)  # a full disk is one line and exit 1, not a traceback
        if line is None:
            raise
        print(f"longform: error: {line}", file=sys.stderr)
        return EXIT_FAILED


def _stdout_gone() -> bool:
    """stdout is a pipe whose reading end is closed (poll reports an error on the writing end)."""
    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & select.POLLERR for _, events in poller.poll(0))
    except (OSError, ValueError):  # stdout closed or not a real file
        return False


def _reader_gone() -> int:
    """stdout's reader closed it (`longform extract ... | head`): stop quietly, as a Unix tool
    killed by SIGPIPE does, with the status a shell reports for one (128 + 13). stdout now points
    at /dev/null, so Python's last flush at exit has nowhere to fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_BROKEN_PIPE


VERBS = (crawl, status, demo, probe, replay, verify, index, show, serve, pack, export, extract,
         rebuild_state, sites)
"""In the order `longform --help` lists them."""


class _OneLineErrors(argparse.ArgumentParser):
    """argparse, but a usage error is one line (with the --help hint) and exit status 2. Every verb
    says `longform: error:` like the errors the verbs raise themselves; the hint names the verb."""

    def error(self, message: str) -> typing.NoReturn:
        program = self.prog.split()[0]  # a verb's prog is 'longform export'
        self.exit(EXIT_USAGE, f"{program}: error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _OneLineErrors(
        prog="longform",
        description="Archive long-form analysis sites into WARC files and JSONL datasets.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND", parser_class=_OneLineErrors)
    for verb in VERBS:
        verb.add(commands)
    return parser


def _version() -> str:
    """The installed package's version (pyproject.toml), from its metadata."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("longform-archiver")
    except PackageNotFoundError:  # a source tree that was never installed
        return "unknown (not installed)"
