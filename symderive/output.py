"""Writing output files atomically: a reader never sees a half-written file, and an interrupted
run leaves the previous file in place. Every file symderive writes goes through here (solutions,
check reports, grades, feedback in every format, the grading cache)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from symderive.errors import UsageError


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8, line ends as written; bytes as they are) to a
    temporary file beside ``path``, then rename it over ``path``."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"cannot write {path}: the folder {directory} does not exist")
    data = content.encode("utf-8") if isinstance(content, str) else content
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
