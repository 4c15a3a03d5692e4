"""A loopback HTTP/1.1 server that answers from a `Recording` (replay.py); 404 for anything else.

The body goes out gzip'd when the client accepts gzip and the recorded response was gzip'd too, so
the wire looks like the recorded one; otherwise as is. Content-Length is always recomputed (the
body was decoded and rewritten). Silent: the demo prints its own progress.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from contextlib import contextmanager

from spiders.loopback import LoopbackServer, QuietHandler, running

from .replay import Recording, Reply

NOT_FOUND = Reply(404, (("Content-Type", "text/html; charset=UTF-8"),),
                  b"<!DOCTYPE html><title>Not Found</title><p>Not in the recording.</p>\n")


@contextmanager
def serve_recording(recording: Recording, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve RECORDING in a daemon thread; yields the base URL, 'http://127.0.0.1:PORT/'.

    `port=0` picks a free port. The server and its socket are closed when the block exits.
    """
    with running(RecordingServer((host, port), recording), "recorded-site") as server:
        yield server.origin + "/"


class RecordingServer(LoopbackServer):
    """The server holds the recording it answers from."""

    def __init__(self, address: tuple[str, int], recording: Recording) -> None:
        super().__init__(address, _Handler)
        self.recording = recording


class _Handler(QuietHandler):
    server: RecordingServer

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        reply = self.server.recording.answer(self.path, self.server.origin) or NOT_FOUND
        body, encoding = _encoded(reply, self.headers.get("Accept-Encoding", ""))
        # send_response_only: the recorded Server and Date headers are replayed, not ours.
        self.send_response_only(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and body:
            self.wfile.write(body)


def _encoded(reply: Reply, accept_encoding: str) -> tuple[bytes, str]:
    """(body as sent, Content-Encoding or ''): gzip only when it was recorded so and is accepted."""
    if reply.recorded_encoding in ("gzip", "x-gzip") and reply.body and _accepts_gzip(accept_encoding):
        return gzip.compress(reply.body, mtime=0), "gzip"
    return reply.body, ""


def _accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding value allows gzip (a `q=0` refuses it).

    >>> _accepts_gzip("gzip, deflate, br"), _accepts_gzip("gzip;q=0, br"), _accepts_gzip("")
    (True, False, False)
    """
    for part in accept_encoding.split(","):
        coding, _, params = part.partition(";")
        refused = params.replace(" ", "").lower() in ("q=0", "q=0.0", "q=0.00", "q=0.000")
        if coding.strip().lower() in ("gzip", "x-gzip", "*") and not refused:
            return True
    return False
