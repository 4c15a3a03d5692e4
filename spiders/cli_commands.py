"""What each `longform` subcommand does with its parsed arguments (the parser is spiders/cli.py).

Imports are local: `longform --help` and a mistyped option answer without loading Scrapy.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import attrs

from spiders.errors import EXIT_OK, UsageError


def writable_folder(path: Path) -> Path:
    """`path`, created if needed; UsageError when nothing can be written there."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as error:
        raise UsageError(
            f"cannot write to {path}: {error.strerror}; choose another --out folder"
        ) from None
    return path


def run_sites(args: argparse.Namespace) -> int:
    from spiders import sites

    for name in sites.bundled_names():
        profile = sites.resolve(name)
        print(f"{name}\t{profile.base_url}\t{profile.platform}\t{profile.timezone}")
    return EXIT_OK


def run_crawl(args: argparse.Namespace) -> int:
    from spiders.crawl_command import crawl_site

    return crawl_site(args.site, writable_folder(args.out), args.max_articles, args.since,
                      full=args.full)


def run_demo(args: argparse.Namespace) -> int:
    from spiders.demo import run_demo

    return run_demo(writable_folder(args.out))


def run_replay(args: argparse.Namespace) -> int:
    from spiders.replay_command import replay_warcs

    return replay_warcs(args.warcs, writable_folder(args.out))


def run_verify(args: argparse.Namespace) -> int:
    from spiders.verify_command import verify_paths

    return verify_paths(args.paths)


def run_index(args: argparse.Namespace) -> int:
    from spiders.index_command import index_paths

    return index_paths(args.paths)


def run_show(args: argparse.Namespace) -> int:
    from spiders.show_command import show

    return show(args.target, args.dir, args.body, args.base if args.replay_url else None)


def run_serve(args: argparse.Namespace) -> int:
    from spiders.serve_command import serve

    return serve(args.folder, args.host, args.port, args.wayback)


def run_pack(args: argparse.Namespace) -> int:
    from spiders.pack_command import pack

    return pack(args.folder, args.out)


def run_export(args: argparse.Namespace) -> int:
    from spiders.export_command import export

    if args.salt_file and not args.pseudonymize_commenters:
        raise UsageError("--salt-file is only used with --pseudonymize-commenters; "
                         "add that option or drop --salt-file")
    return export(args.source, args.data, args.out, args.since, args.pseudonymize_commenters,
                  args.salt_file)


def run_rebuild_state(args: argparse.Namespace) -> int:
    from spiders.rebuild_command import rebuild

    return rebuild(args.source, args.data)


def run_extract(args: argparse.Namespace) -> int:
    from pipelines.derive import extract_file, normalized

    profile = _profile_or_none(args.site)
    try:
        body = args.file.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {args.file}: {error.strerror}; check the path") from None
    page = normalized(extract_file(body, args.url, profile), profile)
    print(json.dumps(attrs.asdict(page), ensure_ascii=False, indent=2))
    return EXIT_OK


def _profile_or_none(site: str | None):  # type: ignore[no-untyped-def]
    if not site:
        return None
    from spiders import sites

    try:
        return sites.resolve(site)
    except sites.ProfileError as error:
        raise UsageError(str(error)) from None
