"""A private `redis-server` for tests (Debian package `redis-server`): its own loopback port,
config and data folder, stopped by pid. Never a shared or system instance.

Without the package the tests that need it skip with one line saying what to install, and fail
instead under CI=true (`.ci/run` brings the package in through the WordPress fixture's `up.sh`).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

MISSING = "redis-server is not installed: apt-get install redis-server (Debian package)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """One redis-server process with append-only persistence in `folder`, fsynced after every
    write by default (`appendfsync always`: a test that kills Redis loses nothing it was told)."""

    def __init__(self, folder: Path, port: int | None = None, appendfsync: str = "always") -> None:
        self.folder, self.port, self.appendfsync = folder, port or free_port(), appendfsync
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            if os.environ.get("CI") == "true":
                pytest.fail(MISSING)
            pytest.skip(MISSING)
        self.folder.mkdir(parents=True, exist_ok=True)
        config = self.folder / "redis.conf"
        config.write_text(f"port {self.port}\nbind 127.0.0.1\nprotected-mode yes\ndir {self.folder}\n"
                          f"appendonly yes\nappendfsync {self.appendfsync}\nsave \"\"\ndaemonize no\n"
                          f"logfile {self.folder / 'redis.log'}\n", "utf-8")
        self.process = subprocess.Popen([binary, str(config)], stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        # Its own pid in the answer: on a port taken meanwhile, another test's server would answer.
        while not self._answers(f"process_id:{self.process.pid}\r\n".encode()):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start; see {self.folder / 'redis.log'}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)  # saves the append-only file, then exits
            self.process.wait(timeout=20)
        self.process = None

    def _answers(self, expected: bytes) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"INFO server\r\n")
                answer = b""
                while expected not in answer and len(answer) < 65536:
                    chunk = sock.recv(4096)
                    if not chunk:
                        break
                    answer += chunk
                return expected in answer
        except OSError:
            return False


@contextmanager
def redis_server(folder: Path, appendfsync: str = "always") -> Iterator[RedisServer]:
    server = RedisServer(folder, appendfsync=appendfsync)
    server.start()
    try:
        yield server
    finally:
        server.stop()
