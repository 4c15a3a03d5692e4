"""`longform demo`: serve the bundled recording and crawl it (spiders/demo.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from spiders.cli.args import port, writable_folder


def add(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser(
        "demo", help="serve the bundled recording of a real WordPress site on 127.0.0.1 and crawl it")
    demo.add_argument("--out", type=Path, default=Path("data"),
                      help="data folder; the demo writes to OUT/demo/ (default: ./data)")
    demo.add_argument("--serve", action="store_true",
                      help="after the crawl, keep the recorded site up (its URL is printed) until Ctrl-C, "
                      "to practise probe, crawl and serve on")
    demo.add_argument("--port", type=port, metavar="N",
                      help="serve the recording on port N (0: a free one); default 8079, or a free "
                      "port when that one is taken")
    demo.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from spiders.demo import run_demo

    return run_demo(writable_folder(args.out), keep_serving=args.serve, port=args.port)
