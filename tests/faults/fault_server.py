"""A loopback fault server: the sample site, which can stop listening or answer 503, and come back.

A real HTTP server on 127.0.0.1 (the sample site's own handler). `refuse()` closes the listening
socket and every open connection, so connecting fails as against a stopped server; `unavailable()`
answers every request 503 (with Retry-After when asked); `up()` serves the site again on the same
port. `served` logs (monotonic time, mode, path) of every request that reached it.
"""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

from tests.sites.sample_site.build import build_site
from tests.sites.sample_site.server import SampleServer, _Handler

UP, UNAVAILABLE, REFUSING = "up", "503", "refusing"


class _FaultyHandler(_Handler):
    server: _FaultyServer

    def _answer(self, send_body: bool) -> None:
        fault = self.server.fault
        fault.served.append((time.monotonic(), fault.mode, self.path))
        if fault.mode != UNAVAILABLE:
            super()._answer(send_body)
            return
        body = b"<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>\n"
        self.send_response(503)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        if fault.retry_after is not None:
            self.send_header("Retry-After", str(fault.retry_after))
        self.end_headers()
        if send_body:
            self.wfile.write(body)


class _FaultyServer(SampleServer):
    def __init__(self, address: tuple[str, int], fault: FaultServer) -> None:
        self.fault = fault
        super().__init__(address, fault.site)
        self.RequestHandlerClass = _FaultyHandler

    def process_request(self, request: Any, client_address: Any) -> None:
        self.fault.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        self.fault.connections.discard(request)
        super().shutdown_request(request)


class FaultServer:
    """The sample site on 127.0.0.1:PORT; switch its faults with refuse/unavailable/up."""

    def __init__(self) -> None:
        self.site = build_site()
        self.mode = UP
        self.retry_after: int | None = None
        self.served: list[tuple[float, str, str]] = []
        self.connections: set[socket.socket] = set()
        self._server: _FaultyServer | None = None
        self._thread: threading.Thread | None = None
        self.port = 0
        self._listen()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def refuse(self) -> None:
        """Stop listening and cut every connection: connecting is refused until `up()`."""
        self.mode = REFUSING
        self._stop_listening()
        for connection in list(self.connections):
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def unavailable(self, retry_after: int | None = None) -> None:
        """Answer 503 to every request (listening again if refusing)."""
        self.retry_after = retry_after
        self.mode = UNAVAILABLE
        self._listen()

    def up(self) -> None:
        self.mode = UP
        self._listen()

    def close(self) -> None:
        self._stop_listening()

    def _listen(self) -> None:
        if self._server is not None:
            return
        self._server = _FaultyServer(("127.0.0.1", self.port), self)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="fault-server", daemon=True)
        self._thread.start()

    def _stop_listening(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        assert self._thread is not None
        self._thread.join()
        self._server = None

    def __enter__(self) -> FaultServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
