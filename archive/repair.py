"""Repair the tail a killed crawl left on a WARC file: cut it back to the last whole exchange.

The writer puts each record into the file in one write, so a SIGKILL or power loss can leave at
most a torn last gzip member, or a response (or revisit) whose request record never followed.
Both are cut off; every earlier record stays byte for byte. The state database only names records
of exchanges written whole (it is told after both records), so nothing it points at is lost.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from archive.gzip_members import Damage, Member, iter_members

logger = logging.getLogger(__name__)

_ANSWERS = (b"response", b"revisit")


def repair_tail(path: Path) -> int:
    """Truncate `path` after its last whole exchange; the number of bytes cut (0 when clean)."""
    with open(path, "rb") as stream:
        last: tuple[int, int, bytes] | None = None  # offset, length, WARC-Type of the last member
        for item in iter_members(stream):
            if isinstance(item, Damage):
                break  # a damaged member mid-file is verify's to report; the tail ends here
            last = (item.offset, item.length, _record_type(item))
        size = stream.seek(0, os.SEEK_END)
    end = last[0] + last[1] if last else 0
    if last and last[2] in _ANSWERS:  # its request record never followed
        end = last[0]
    if end >= size:
        return 0
    with open(path, "rb+") as stream:
        stream.truncate(end)
        os.fsync(stream.fileno())
    logger.warning("Cut %d bytes of an interrupted write from the end of %s", size - end, path)
    return size - end


def repair_folder(folder: Path, since: float, pattern: str = "*.warc.gz") -> int:
    """Repair every WARC in `folder` modified at or after `since` (epoch seconds); bytes cut.
    `pattern`: only the files a Redis worker wrote itself (others are being written to)."""
    if not folder.is_dir():
        return 0
    return sum(repair_tail(path) for path in sorted(folder.glob(pattern))
               if path.stat().st_mtime >= since)


def _record_type(member: Member) -> bytes:
    head = member.data[:2048]
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"warc-type:"):
            return line.split(b":", 1)[1].strip()
        if not line:
            break
    return b""
