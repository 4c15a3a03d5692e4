"""`longform sites`: the bundled site profiles, one per line."""

from __future__ import annotations

import argparse

from spiders.errors import EXIT_OK


def add(commands: argparse._SubParsersAction) -> None:
    sites = commands.add_parser("sites", help="list the bundled site profiles")
    sites.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from spiders import sites

    for name in sites.bundled_names():
        profile = sites.resolve(name)
        print(f"{name}\t{profile.base_url}\t{profile.platform}\t{profile.timezone}")
    return EXIT_OK
