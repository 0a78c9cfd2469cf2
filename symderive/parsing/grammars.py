"""The Lark parsers of our two grammars, built once per machine rather than once per process.

Building an LALR table from ``latex.lark`` takes most of a second; ``symderive check`` and every
worker of ``grade`` would pay it at start-up. Lark can store the built parser: we keep it in the
user's own cache folder (``$XDG_CACHE_HOME/symderive`` or ``~/.cache/symderive``), never in a
shared temporary folder, because Lark reads it back with pickle. Lark stamps the file with a
hash of the grammar, the options and its own version and rebuilds when they differ; a file that
cannot be read or written is simply not used.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

from lark import Lark


def cache_folder() -> Path | None:
    """The folder for built parsers, created if need be; None when it cannot be."""
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(root) / "symderive"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


@cache
def parser(name: str) -> Lark:
    """The LALR parser of ``symderive/parsing/<name>.lark`` (positions kept for carets)."""
    grammar = resources.files("symderive.parsing").joinpath(f"{name}.lark").read_text("utf-8")
    folder = cache_folder()
    stored: str | bool = str(folder / f"{name}.lark-parser") if folder is not None else False
    return Lark(
        grammar,
        parser="lalr",
        propagate_positions=True,
        maybe_placeholders=False,
        cache=stored,
    )
