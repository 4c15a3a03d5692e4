"""`longform serve DIR [--port N] [--host H] [--wayback PATH]`: pywb on loopback over the archive.

Each folder of WARCs under DIR becomes a pywb collection named after its dataset folder (the site),
indexed first when its `index.cdxj` is missing or older than a WARC. Prints the base URL, each
collection and one article's replay URL, then serves until Ctrl-C or SIGTERM and stops pywb.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from archive.index import find_record, index_is_current
from archive.pywb_config import Collection, config_yaml
from archive.replay_url import DEFAULT_BASE, replay_url
from pipelines.dataset import ARTICLES_FILE
from spiders import wayback
from spiders.errors import EXIT_FAILED, EXIT_OK, UsageError
from spiders.index_command import index_paths, warc_folders
from spiders.stopping import Stopped, sigterm_stops


def serve(folder: Path, host: str, port: int, wayback_path: Path | None) -> int:
    """Serve the WARCs under `folder` with pywb until interrupted; exit status."""
    collections = _collections(folder)
    executable = wayback.find_wayback(wayback_path)
    port = wayback.pick_port(host, port)  # bad input is reported before anything is written
    for collection in collections:
        if not index_is_current(collection.warc_folder) and index_paths([collection.warc_folder]) != EXIT_OK:
            return EXIT_FAILED  # index_paths said why
    base = f"http://{host}:{port}"
    with tempfile.TemporaryDirectory(prefix="longform-pywb-") as scratch, sigterm_stops():
        config = Path(scratch) / "config.yaml"
        config.write_text(config_yaml(collections), encoding="utf-8")
        log = Path(scratch) / "wayback.log"
        process = wayback.start(executable, config, host, port, log)
        try:
            wayback.wait_ready(process, base, log)
            _print_welcome(base, folder, collections)
            status = process.wait()
            print(f"longform: pywb exited by itself with status {status}: {wayback.last_line(log)}",
                  file=sys.stderr)
            return EXIT_FAILED
        except (KeyboardInterrupt, Stopped):
            print("Stopping pywb.", flush=True)
            return EXIT_OK
        except wayback.WaybackError as error:
            print(f"longform: {error}", file=sys.stderr)
            return EXIT_FAILED
        finally:
            wayback.stop(process)


def _collections(folder: Path) -> list[Collection]:
    """One collection per WARC folder under `folder`; UsageError for a bad folder or a name clash."""
    if not folder.is_dir():
        what = "a file, not a folder" if folder.exists() else "no such folder"
        raise UsageError(f"{folder}: {what}; give a data folder (DIR) or a dataset folder (DIR/<site>/)")
    collections = [Collection.of(warc_folder) for warc_folder in warc_folders([folder])]
    names: dict[str, Path] = {}
    for collection in collections:
        if collection.name in names:
            raise UsageError(f"{names[collection.name]} and {collection.warc_folder} would both be "
                             f"collection {collection.name!r}; serve one of their dataset folders at a time")
        names[collection.name] = collection.warc_folder
    return collections


def _print_welcome(base: str, folder: Path, collections: list[Collection]) -> None:
    print(f"pywb is serving {len(collections)} collection(s) at {base}/", flush=True)
    for collection in collections:
        with open(collection.index, encoding="utf-8") as lines:
            captures = sum(1 for _ in lines)
        print(f"  {collection.name}: {captures} captures in {collection.warc_folder}", flush=True)
        example = _example_url(base, collection)
        print(f"    e.g. {example or base + '/' + collection.name + '/'}", flush=True)
    hint = "" if base == DEFAULT_BASE else f" --base {base}"
    dataset = collections[0].warc_folder.parent
    print(f"Replay URLs of JSONL records: longform show --replay-url - --dir {dataset}{hint} "
          f"< {dataset / ARTICLES_FILE}", flush=True)
    print("Ctrl-C stops pywb.", flush=True)


def _example_url(base: str, collection: Collection) -> str | None:
    """The replay URL of the first article of the collection's dataset, if it has one."""
    articles = collection.warc_folder.parent / ARTICLES_FILE
    try:
        with open(articles, encoding="utf-8") as lines:
            record_id = str(json.loads(next(lines))["provenance"]["warc_record_id"])
    except (OSError, StopIteration, ValueError, KeyError, TypeError):
        return None
    capture = find_record([collection.index], record_id)
    if capture is None:
        return None
    return replay_url(base, collection.name, capture.timestamp, capture.url)
