"""Walking the gzip members of a file: whole ones returned, damaged and truncated ones named."""

from __future__ import annotations

import gzip
import io
import random

import pytest

from archive.gzip_members import Damage, Member, UnreadableMember, iter_members, read_member

# Incompressible payloads: a flipped byte inside one cannot be mistaken for the end of the member.
_RANDOM = random.Random(13)
PAYLOADS = [b"first record " + _RANDOM.randbytes(2000), b"second record " + _RANDOM.randbytes(3000),
            b"third " * 50]


def _members() -> tuple[bytes, list[int]]:
    """Three gzip members back to back, as the WARC writer makes them, and their offsets."""
    data, offsets = b"", []
    for payload in PAYLOADS:
        offsets.append(len(data))
        data += gzip.compress(payload, mtime=0)
    return data, offsets


def test_whole_members_come_back_with_their_offsets_and_lengths() -> None:
    data, offsets = _members()
    members = list(iter_members(io.BytesIO(data)))
    assert members == [Member(offsets[0], offsets[1], PAYLOADS[0]),
                       Member(offsets[1], offsets[2] - offsets[1], PAYLOADS[1]),
                       Member(offsets[2], len(data) - offsets[2], PAYLOADS[2])]


def test_a_damaged_member_is_named_and_the_walk_goes_on_at_the_next_one() -> None:
    data, offsets = _members()
    broken = bytearray(data)
    broken[offsets[1] + 1000] ^= 0xFF
    first, damage, third = iter_members(io.BytesIO(bytes(broken)))
    assert isinstance(damage, Damage)
    assert (damage.offset, damage.length, damage.to_end) == (offsets[1], offsets[2] - offsets[1], False)
    assert damage.reason.startswith("gzip member damaged (")
    assert PAYLOADS[1].startswith(damage.partial[:14]) and damage.partial.startswith(b"second record")
    assert first == Member(offsets[0], offsets[1], PAYLOADS[0])
    assert isinstance(third, Member) and third.data == PAYLOADS[2]


def test_a_truncated_last_member_is_damage_to_the_end_with_what_was_readable() -> None:
    data, offsets = _members()
    cut = data[: offsets[1] + 1500]
    first, damage = iter_members(io.BytesIO(cut))
    assert isinstance(first, Member)
    assert damage == Damage(offsets[1], 1500, "gzip member truncated: the file ends 1500 bytes into it",
                            True, damage.partial)
    assert damage.partial and PAYLOADS[1].startswith(damage.partial)


def test_bytes_that_are_no_gzip_are_one_damage_to_the_end() -> None:
    (damage,) = iter_members(io.BytesIO(b"WARC/1.1\r\nnot compressed at all\r\n"))
    assert isinstance(damage, Damage) and damage.to_end and damage.offset == 0 and damage.length == 33
    assert damage.reason == "no gzip member starts here"


def test_garbage_between_members_is_skipped_to_the_next_whole_member() -> None:
    data, offsets = _members()
    junk = b"junk\x1f\x8b\x08 not a member"  # holds the magic bytes: the walk must look past them
    stream = io.BytesIO(data[: offsets[2]] + junk + data[offsets[2]:])
    *_, damage, last = iter_members(stream)
    assert isinstance(damage, Damage) and (damage.offset, damage.length) == (offsets[2], len(junk))
    assert last == Member(offsets[2] + len(junk), len(data) - offsets[2], PAYLOADS[2])


def test_read_member_at_an_offset_that_starts_no_member() -> None:
    data, offsets = _members()
    assert read_member(io.BytesIO(data), offsets[1]).data == PAYLOADS[1]
    with pytest.raises(UnreadableMember, match="no gzip member starts here"):
        read_member(io.BytesIO(data), offsets[1] + 1)
