"""Argument types and folder checks shared by the verbs: each turns bad input into one clear line."""

from __future__ import annotations

import argparse
import tempfile
from datetime import date
from pathlib import Path

from archive.replay_url import DEFAULT_BASE
from spiders.errors import UsageError


def positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number, e.g. 50")
    return int(text)


def port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0-65535), e.g. 8080")
    return int(text)


def iso_date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as 2024-01-31") from None


def http_base(text: str) -> str:
    if not text.startswith(("http://", "https://")):
        raise argparse.ArgumentTypeError(f"{text!r} is not an http(s) URL, e.g. {DEFAULT_BASE}")
    return text.rstrip("/")


def writable_folder(path: Path) -> Path:
    """`path`, created if needed; UsageError when nothing can be written there."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as error:
        raise UsageError(
            f"cannot write to {path}: {error.strerror}; choose another --out folder"
        ) from None
    return path
