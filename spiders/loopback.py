"""What the bundled loopback sites share: a quiet threaded HTTP/1.1 server run in a daemon thread.

The demo's recorded WordPress (recorded_site) and the generated sample site (sample_site) differ
only in how they answer a request.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar

logger = logging.getLogger(__name__)

Server = TypeVar("Server", bound="LoopbackServer")


class LoopbackServer(ThreadingHTTPServer):
    """ThreadingHTTPServer whose worker threads never keep the process alive."""

    daemon_threads = True

    @property
    def origin(self) -> str:
        """'http://127.0.0.1:PORT', the address its pages are served from."""
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients hanging up mid-response are routine for crawlers; anything else is logged."""
        if isinstance(sys.exc_info()[1], OSError):
            return
        logger.exception("%s: error while serving %s", type(self).__name__, client_address)


class QuietHandler(BaseHTTPRequestHandler):
    """HTTP/1.1 with keep-alive, no access log (the demo prints its own progress)."""

    protocol_version = "HTTP/1.1"
    timeout = 15  # idle keep-alive connections end instead of holding a thread forever
    # Headers and body go out in two writes; with Nagle on, the second waits for a delayed ACK.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        """Silent."""


@contextmanager
def running(server: Server, name: str) -> Iterator[Server]:
    """Serve in a daemon thread until the block exits; then the socket is closed."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name=name, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
