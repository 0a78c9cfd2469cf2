"""Expensive set-up run once per test session, whichever test process asks first.

Under pytest-xdist each worker builds its own module-scoped fixtures, so a fixture shared by
tests that land on both workers runs twice. Here the first worker to ask runs it, under a lock
in the session's shared temporary folder, and writes its result as JSON; the others wait for
the lock and read it. Without xdist it is an ordinary cached run.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


def once_per_session(
    factory: pytest.TempPathFactory, name: str, compute: Callable[[Path], Any]
) -> tuple[Path, Any]:
    """(the folder ``compute`` wrote in, what it returned), computed once for the session."""
    base = factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared / name
    result_file = folder / "result.json"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not result_file.exists():
            folder.mkdir(exist_ok=True)
            result = compute(folder)
            result_file.write_text(json.dumps(result), encoding="utf-8")
    return folder, json.loads(result_file.read_text(encoding="utf-8"))
