"""`python -m spiders.cli` runs the `longform` command."""

import sys

from spiders.cli import main

# Guarded: importing this module (pydoc, a doctest collector, `import spiders.cli.__main__`) must not
# run a crawl and exit. Spawned workers do not re-run it either way: multiprocessing never re-imports
# a `__main__` module in its children.
if __name__ == "__main__":
    sys.exit(main())
