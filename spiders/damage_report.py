"""Damage in WARC files, as `replay`, `index` and `show` report it: one line on stderr per damaged
span (file, offset, length, what is wrong), then a summary; the command exits 1 when there was any."""

from __future__ import annotations

import sys

from archive.warc_scan import Damage

MAX_LINES = 200  # past this, only counted: a file that is all damage should not flood the terminal


class DamageReport:
    """Collects damaged spans as a command meets them and prints each at once."""

    def __init__(self) -> None:
        self.spans = 0
        self.files: set[str] = set()

    def add(self, damage: Damage) -> None:
        """Report one damaged span."""
        self.spans += 1
        self.files.add(damage.file)
        if self.spans <= MAX_LINES:
            print(f"longform: damage: {damage}", file=sys.stderr)

    def close(self) -> bool:
        """Print the summary; whether there was damage."""
        if self.spans:
            hidden = f" ({self.spans - MAX_LINES} not shown)" if self.spans > MAX_LINES else ""
            print(f"longform: {self.spans} damaged span(s) in {len(self.files)} WARC file(s){hidden}; "
                  "the records around them were read; `longform verify` checks the files in full",
                  file=sys.stderr)
        return bool(self.spans)
