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


class PortTaken(RuntimeError):
    """Another process listens on the site's port: serve the site (rebuilt) on another one."""


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
    """Nobody listens on it. As nginx binds: connections of an earlier server waiting out their
    TIME_WAIT do not count (SO_REUSEADDR), a listening socket does."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@contextmanager
def serve(root: Path, port: int, delay_ms: float = 0.0) -> Iterator[str]:
    """Serve `root` on 127.0.0.1:`port` (nginx, or the delaying server when `delay_ms` > 0);
    PortTaken when another process has the port (never a crawl of another run's server)."""
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
        if not port_is_free(port):  # nginx would find out too, after 2.5 s of retrying
            raise PortTaken(f"127.0.0.1:{port} is in use")
        # nginx exits non-zero when it cannot bind (the port taken meanwhile), before it daemonizes.
        started = subprocess.run(["nginx", "-c", str(conf), "-p", tmp, "-e", f"{tmp}/error.log"],
                                 capture_output=True, text=True)
        if started.returncode != 0:
            if "Address already in use" in started.stderr:
                raise PortTaken(f"127.0.0.1:{port} is in use")
            raise RuntimeError(f"nginx did not start: {started.stderr.strip()[-500:]}")
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
    # Bound here and handed over: what answers on the port is this server, never another's.
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            listener.bind(("127.0.0.1", port))
        except OSError as error:
            raise PortTaken(f"127.0.0.1:{port}: {error.strerror}") from None
        listener.listen(1024)
        process = subprocess.Popen([sys.executable, str(script), str(root), f"fd:{listener.fileno()}",
                                    str(delay_ms)], pass_fds=(listener.fileno(),))
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
