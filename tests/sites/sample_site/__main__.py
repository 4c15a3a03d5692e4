"""`python -m tests.sites.sample_site [PORT]`: serve the sample site until Ctrl-C."""

from __future__ import annotations

import sys
import threading

from .server import serve_sample_site


def main(argv: list[str]) -> int:
    """Serve on 127.0.0.1 (port from argv, else a free one) and print the URL."""
    if len(argv) > 1 or (argv and not argv[0].isdigit()):
        print("usage: python -m tests.sites.sample_site [PORT]", file=sys.stderr)
        return 2
    port = int(argv[0]) if argv else 0
    try:
        with serve_sample_site(port=port) as base_url:
            print(f"Sample site at {base_url}/ (Ctrl-C to stop)", flush=True)
            threading.Event().wait()
    except KeyboardInterrupt:
        print("stopped")
    except OSError as error:
        print(f"error: cannot listen on 127.0.0.1:{port}: {error.strerror}; "
              "pick another port or omit it", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
