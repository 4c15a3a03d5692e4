"""Replay URLs in pywb's scheme: where a capture can be seen in a wayback machine over the archive.

pywb addresses a capture as `{base}/{collection}/{timestamp}{modifier}/{url}` (the Wayback
Machine's scheme with a collection name in front): the 14-digit UTC timestamp of the capture
(WARC-Date to the second; replay picks the capture of `url` closest to it) and an optional
modifier, such as `id_` for the archived payload exactly as served, without pywb's rewriting.

The collection of a dataset is the name of its folder (`DIR/<site>/`, which holds `warc/`), i.e.
the site's name; a pywb serving the archive must publish each dataset under that name.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_BASE = "http://127.0.0.1:8080"  # pywb's own default port
RAW = "id_"  # the modifier for the archived payload, unrewritten


def collection_name(warc_folder: Path) -> str:
    """The collection a folder of WARCs is replayed as: the dataset folder's name (the site).

    >>> collection_name(Path("data/demo/warc"))
    'demo'
    >>> collection_name(Path("/archives/lwj-2024"))
    'lwj-2024'
    """
    folder = warc_folder if warc_folder.name else warc_folder.resolve()  # "." has no name of its own
    return folder.parent.name if folder.name == "warc" else folder.name


def replay_url(base: str, collection: str, timestamp: str, url: str, modifier: str = "") -> str:
    """The replay URL of the capture of `url` at `timestamp` in `collection`.

    The archived URL goes in as it is (query string and all): pywb reads everything after the
    timestamp as the URL, so quoting it would look up a different URL.

    >>> replay_url("http://127.0.0.1:8080/", "demo", "20261125113316", "http://a.example/p?x=1")
    'http://127.0.0.1:8080/demo/20261125113316/http://a.example/p?x=1'
    >>> replay_url("http://127.0.0.1:8080", "demo", "20261125113316", "http://a.example/", "id_")
    'http://127.0.0.1:8080/demo/20261125113316id_/http://a.example/'
    """
    return f"{base.rstrip('/')}/{collection}/{timestamp}{modifier}/{url}"
