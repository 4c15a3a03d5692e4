"""`longform serve DIR`: pywb on loopback over the archive (spiders/serve_command.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from archive.replay_url import DEFAULT_BASE
from spiders.cli.args import port

DEFAULT_PORT = DEFAULT_BASE.rsplit(":", 1)[1]  # so `longform show --replay-url` points here


def add(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser(
        "serve", help="replay the archive in pywb on 127.0.0.1 (needs `make pywb`)",
        description="Start pywb over the WARCs under DIR, one collection per dataset (named after its "
        "folder), indexing them first when needed; serve until Ctrl-C. pywb runs from its own "
        "virtualenv (`make pywb`), found by --wayback, $LONGFORM_WAYBACK, .venv-pywb/bin/wayback "
        "(here or in the checkout) or PATH.",
    )
    serve.add_argument("folder", type=Path, metavar="DIR",
                       help="data folder (DIR) or dataset folder (DIR/<site>/)")
    serve.add_argument("--port", type=port, default=int(DEFAULT_PORT),
                       help=f"port to serve on, 0 for a free one (default: {DEFAULT_PORT}, "
                       f"the base `longform show --replay-url` assumes)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--wayback", type=Path, metavar="PATH", help="pywb's `wayback` executable to run")
    serve.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from spiders.serve_command import serve

    return serve(args.folder, args.host, args.port, args.wayback)
