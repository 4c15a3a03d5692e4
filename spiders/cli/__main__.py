"""`python -m spiders.cli` runs the `longform` command."""

import sys

from spiders.cli import main

sys.exit(main())
