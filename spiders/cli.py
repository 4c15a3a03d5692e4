"""The `longform` command: crawl, demo, replay, verify, index, show, serve, pack, export, extract,
rebuild-state, sites.

Bad input gets one line on stderr saying what is wrong and how to fix it, and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
import typing
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from archive.replay_url import DEFAULT_BASE
from spiders import cli_commands
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
    _add_crawl(commands)
    _add_demo(commands)
    _add_replay(commands)
    _add_verify(commands)
    _add_index(commands)
    _add_show(commands)
    _add_serve(commands)
    _add_pack(commands)
    _add_export(commands)
    _add_extract(commands)
    _add_rebuild_state(commands)
    sites = commands.add_parser("sites", help="list the bundled site profiles")
    sites.set_defaults(handler=cli_commands.run_sites)
    return parser


def _add_crawl(commands: argparse._SubParsersAction) -> None:
    crawl = commands.add_parser("crawl", help="crawl a site into WARC + JSONL")
    crawl.add_argument("site", help="bundled profile name (see `longform sites`), "
                       "a profile .toml file, or a WordPress site URL")
    crawl.add_argument("--out", type=Path, default=Path("data"),
                       help="data folder; the site writes to OUT/<site>/ (default: ./data)")
    crawl.add_argument("--max-articles", type=_positive_int, metavar="N",
                       help="stop discovering after N article pages")
    crawl.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD",
                       help="only articles published on or after this date")
    crawl.add_argument("--full", action="store_true",
                       help="fetch every article and comment page again, as if there were no state "
                       "(default: incremental once OUT/<site>/state.sqlite exists)")
    crawl.set_defaults(handler=cli_commands.run_crawl)


def _add_demo(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser(
        "demo", help="serve the bundled recording of a real WordPress site on 127.0.0.1 and crawl it")
    demo.add_argument("--out", type=Path, default=Path("data"),
                      help="data folder; the demo writes to OUT/demo/ (default: ./data)")
    demo.set_defaults(handler=cli_commands.run_demo)


def _add_replay(commands: argparse._SubParsersAction) -> None:
    replay = commands.add_parser(
        "replay", help="re-derive the JSONL dataset from WARC files",
        description="Re-derive articles.jsonl and comments.jsonl from WARC files alone and print the "
        "field coverage of the records; exit 1 when a field is filled less often than its threshold "
        "(the site profile's [coverage]), as a crawl does.",
    )
    replay.add_argument("warcs", nargs="+", type=Path, metavar="WARC",
                        help="WARC files, or folders holding *.warc.gz")
    replay.add_argument("--out", type=Path, required=True, help="folder for the JSONL files")
    replay.set_defaults(handler=cli_commands.run_replay)


def _add_verify(commands: argparse._SubParsersAction) -> None:
    verify = commands.add_parser(
        "verify", help="check WARC digests and records, and that every JSONL record points into them",
        description="Check every WARC record (gzip member intact, Content-Length, block and payload "
        "digests, a request for every response) and, for a dataset folder, that every JSONL record's "
        "provenance opens its WARC record. One line per problem; exit 0 only when all is clean.",
    )
    verify.add_argument("paths", nargs="+", type=Path, metavar="DIR|WARC",
                        help="dataset folders (DIR/<site>/ or DIR), WARC files or JSONL files")
    verify.set_defaults(handler=cli_commands.run_verify)


def _add_index(commands: argparse._SubParsersAction) -> None:
    index = commands.add_parser(
        "index", help="write CDXJ indexes (cdxj-indexer, as pywb uses) beside the WARC files",
        description="Write index.cdxj in each folder of WARC files, covering every WARC in it.",
    )
    index.add_argument("paths", nargs="+", type=Path, metavar="DIR|WARC",
                       help="data or dataset folders, or WARC files (their folder is indexed)")
    index.set_defaults(handler=cli_commands.run_index)


def _add_show(commands: argparse._SubParsersAction) -> None:
    show = commands.add_parser(
        "show", help="print an archived HTTP response by record id, or list the captures of a URL",
        description="Look up the CDXJ indexes under --dir (run `longform index` first).",
    )
    show.add_argument("target", metavar="RECORD_ID|URL|-",
                      help="a WARC-Record-ID (<urn:uuid:...>, as in a record's provenance), a URL, "
                      "or - to read JSONL records (lines of articles.jsonl, comments.jsonl) from stdin")
    show.add_argument("--dir", type=Path, default=Path("data"),
                      help="folder holding the indexed WARCs (default: ./data)")
    what = show.add_mutually_exclusive_group()
    what.add_argument("--body", action="store_true",
                      help="print only the body (Content-Encoding undone), e.g. to save the page")
    what.add_argument("--replay-url", action="store_true",
                      help="print the pywb replay URL of each record or capture instead "
                      "(BASE/COLLECTION/TIMESTAMP/URL; the collection is the dataset folder's name)")
    show.add_argument("--base", type=_http_base, default=DEFAULT_BASE, metavar="URL",
                      help=f"the pywb the replay URLs point at (default: {DEFAULT_BASE})")
    show.set_defaults(handler=cli_commands.run_show)


def _add_serve(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser(
        "serve", help="replay the archive in pywb on 127.0.0.1 (needs `make pywb`)",
        description="Start pywb over the WARCs under DIR, one collection per dataset (named after its "
        "folder), indexing them first when needed; serve until Ctrl-C. pywb runs from its own "
        "virtualenv (`make pywb`), found by --wayback, $LONGFORM_WAYBACK, .venv-pywb/bin/wayback "
        "(here or in the checkout) or PATH.",
    )
    serve.add_argument("folder", type=Path, metavar="DIR",
                       help="data folder (DIR) or dataset folder (DIR/<site>/)")
    serve.add_argument("--port", type=_port, default=int(DEFAULT_BASE.rsplit(":", 1)[1]),
                       help=f"port to serve on, 0 for a free one (default: {DEFAULT_BASE.rsplit(':', 1)[1]}, "
                       f"the base `longform show --replay-url` assumes)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--wayback", type=Path, metavar="PATH", help="pywb's `wayback` executable to run")
    serve.set_defaults(handler=cli_commands.run_serve)


def _add_pack(commands: argparse._SubParsersAction) -> None:
    pack = commands.add_parser(
        "pack", help="package WARCs, index, article pages and datasets into a WACZ file",
        description="Write a WACZ 1.1.1 (py-wacz) that ReplayWeb.page and pywb open: archive/ (the "
        "WARCs), indexes/, pages/pages.jsonl (one page per article) and datasets/ (the JSONL files).",
    )
    pack.add_argument("folder", type=Path, metavar="DIR", help="dataset folder (DIR/<site>/) or data folder")
    pack.add_argument("--out", type=Path, required=True, metavar="FILE.wacz", help="the WACZ file to write")
    pack.set_defaults(handler=cli_commands.run_pack)


def _add_export(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export", help="write a consolidated dataset: the latest version of every article and comment",
        description="Runs append changed records to the JSONL files; export keeps the latest version "
        "of each (by fetched_at) in DIR2/articles.jsonl and DIR2/comments.jsonl.",
    )
    export.add_argument("source", metavar="SITE|DIR",
                        help="a site name (its dataset is DATA/<site>/) or a dataset folder")
    export.add_argument("--out", type=Path, required=True, metavar="DIR2", help="folder to write to")
    export.add_argument("--data", type=Path, default=Path("data"),
                        help="data folder a SITE is looked up in (default: ./data)")
    export.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD",
                        help="only articles published, and comments posted, on or after this UTC day")
    export.add_argument("--pseudonymize-commenters", action="store_true",
                        help="replace commenter names and URLs with salted stable hashes")
    export.add_argument("--salt-file", type=Path, metavar="F",
                        help="salt for the pseudonyms (default: DATA/<site>/pseudonym-salt, "
                        "created on first use)")
    export.set_defaults(handler=cli_commands.run_export)


def _add_extract(commands: argparse._SubParsersAction) -> None:
    extract = commands.add_parser("extract", help="one saved HTML page to JSON on stdout")
    extract.add_argument("file", type=Path, help="saved HTML page")
    extract.add_argument("--url", required=True, help="the URL the page was fetched from")
    extract.add_argument("--site", help="profile to apply (name, .toml file); default: detect")
    extract.set_defaults(handler=cli_commands.run_extract)


def _add_rebuild_state(commands: argparse._SubParsersAction) -> None:
    rebuild = commands.add_parser(
        "rebuild-state", help="rebuild a damaged or lost state.sqlite from the site's WARC and JSONL files",
        description="Rebuild DIR/<site>/state.sqlite (captures and validators, the article and comment-page "
        "schedule, the record ledger, the runs) from the WARC files and JSONL files, into a new file "
        "swapped in when complete; the old file is kept as state.sqlite.damaged-<timestamp>.",
    )
    rebuild.add_argument("source", metavar="SITE|DIR",
                         help="the site folder (DIR/<site>/) or a site name (its folder is DATA/<site>/)")
    rebuild.add_argument("--data", type=Path, default=Path("data"),
                         help="data folder a SITE is looked up in (default: ./data)")
    rebuild.set_defaults(handler=cli_commands.run_rebuild_state)


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number, e.g. 50")
    return int(text)


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0-65535), e.g. 8080")
    return int(text)


def _iso_date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as 2024-01-31") from None


def _http_base(text: str) -> str:
    if not text.startswith(("http://", "https://")):
        raise argparse.ArgumentTypeError(f"{text!r} is not an http(s) URL, e.g. {DEFAULT_BASE}")
    return text.rstrip("/")


if __name__ == "__main__":
    sys.exit(main())
