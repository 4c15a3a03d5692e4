"""Serving the synthetic site on loopback: nginx (Debian's) or a server that delays every answer.

nginx runs from its own config, pid and log files in a temporary folder and is stopped by its pid.
`gzip_static always` sends the stored `.gz` files as they are (`Content-Encoding: gzip`), so
nginx spends no CPU compressing. The delaying server (`procs/delay_server.py`, aiohttp, its own process)
serves the same files after `delay_ms` of injected latency per response: where the network, not
the CPU, is what a crawl waits on.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NGINX_CONF = """
{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  types {{ text/html html; application/xml xml; application/rss+xml rss; text/plain txt; }}
  default_type text/html;
  sendfile on;
  keepalive_requests 100000;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  server {{
    listen 127.0.0.1:{port};
    root {root};
    gzip_static always;
    gzip_vary on;
    location / {{
      # The same rule as sitegen.url_to_file: feeds are index.rss, other folders index.html.
      rewrite ^(.*/feed)/$ $1/index.rss break;
      rewrite ^(.*)/$ $1/index.html break;
    }}
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def in_flight(base: str) -> dict[str, float] | None:
    """The delaying server's in-flight figures since the last call (it then counts afresh); None
    from nginx, which has no such page."""
    try:
        with urllib.request.urlopen(f"{base}/__in_flight__", timeout=10) as answer:
            return dict(json.loads(answer.read()))
    except urllib.error.HTTPError:
        return None


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@contextmanager
def serve(root: Path, port: int, delay_ms: float = 0.0) -> Iterator[str]:
    """Serve `root` on 127.0.0.1:`port` (nginx, or the delaying server when `delay_ms` > 0)."""
    server = _delaying if delay_ms > 0 else _nginx
    with server(root, port, delay_ms) as base:
        yield base


@contextmanager
def _nginx(root: Path, port: int, _delay_ms: float) -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="lfbench-nginx-") as tmp:
        conf = Path(tmp) / "nginx.conf"
        # As root, workers would run as `nobody` and could not read a site under a private folder.
        user = "user root;" if os.geteuid() == 0 else ""
        conf.write_text(NGINX_CONF.format(user=user, tmp=tmp, port=port, root=root))
        subprocess.run(["nginx", "-c", str(conf), "-p", tmp, "-e", f"{tmp}/error.log"],
                       check=True, capture_output=True)
        pid = int(_wait_for_file(Path(tmp) / "nginx.pid").read_text())
        try:
            _wait_for_port(port)
            yield f"http://127.0.0.1:{port}"
        finally:
            os.kill(pid, signal.SIGQUIT)  # graceful stop of master and worker
            _wait_gone(pid)


@contextmanager
def _delaying(root: Path, port: int, delay_ms: float) -> Iterator[str]:
    script = Path(__file__).parent / "procs" / "delay_server.py"
    process = subprocess.Popen([sys.executable, str(script), str(root), str(port), str(delay_ms)])
    try:
        _wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for_file(path: Path, timeout: float = 10.0) -> Path:
    deadline = time.monotonic() + timeout
    while not path.exists() or not path.read_text().strip():
        if time.monotonic() > deadline:
            raise RuntimeError(f"nginx did not write {path}")
        time.sleep(0.02)
    return path


def _wait_for_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.02)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


def _wait_gone(pid: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
