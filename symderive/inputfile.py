"""Reading an untrusted file whole, within a size limit, every failure located at the file.

Problem files, answer files and submissions come from people and may be huge, unreadable or a
device that never ends: each is read through ``read_limited``, which reads at most one byte more
than its limit and points a complaint at the file (or at the first byte too many).
"""

from __future__ import annotations

from pathlib import Path

from symderive.errors import InputError, SourceLocation


def byte_location(data: bytes, offset: int, filename: str) -> SourceLocation:
    """The line and column of byte ``offset`` of ``data`` (bad UTF-8 before it is replaced)."""
    prefix = data[:offset].decode("utf-8", errors="replace")
    line_start = prefix.rfind("\n") + 1
    line_end = data.find(b"\n", offset, offset + 200)
    rest = data[offset : line_end if line_end >= 0 else offset + 200]
    line_text = prefix[line_start:] + rest.decode("utf-8", errors="replace")
    return SourceLocation(filename, prefix.count("\n") + 1, len(prefix) - line_start + 1, line_text)


def too_large(data: bytes, limit: int, filename: str) -> SourceLocation | None:
    """Where a file longer than ``limit`` bytes crosses it (the first byte too many), or None."""
    return byte_location(data, limit, filename) if len(data) > limit else None


def refuse_too_large(data: bytes, limit: int, filename: str, error: type[InputError]) -> None:
    """Raise ``error`` at the first byte beyond ``limit``, if ``data`` has one."""
    beyond = too_large(data, limit, filename)
    if beyond is not None:
        raise error(f"the file is larger than {limit:,} bytes; reading stops here", beyond)


def read_limited(path: str | Path, limit: int, error: type[InputError]) -> bytes:
    """The file's bytes, at most ``limit`` of them: unreadable or larger is ``error``, located."""
    name = str(path)
    try:
        with open(path, "rb") as stream:
            data = stream.read(limit + 1)
    except OSError as failure:
        message = f"cannot read the file: {failure.strerror or failure}"
        raise error(message, SourceLocation(file=name)) from None
    refuse_too_large(data, limit, name, error)
    return data
