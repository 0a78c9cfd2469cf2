"""Reading an answer file of any supported kind, chosen by its suffix.

One entry point for the checker and the CLI; each format has its own small reader module.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from symderive.check.claim import Answers
from symderive.check.markdown_answers import read_markdown
from symderive.check.notebook_answers import read_notebook
from symderive.check.tex_answers import read_tex
from symderive.check.yaml_answers import read_yaml_answers
from symderive.errors import InputError, SourceLocation

READERS: dict[str, Callable[[str | Path], Answers]] = {
    ".yaml": read_yaml_answers,
    ".yml": read_yaml_answers,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".ipynb": read_notebook,
    ".tex": read_tex,
}


def read_answers(path: str | Path) -> Answers:
    """Claims, chains and hints from one file; an unknown suffix is an InputError (exit 2)."""
    suffix = Path(path).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        known = ", ".join(READERS)
        shown = f"the suffix {suffix!r}" if suffix else "a file without a suffix"
        raise InputError(
            f"cannot read answers from {shown}; use one of {known}", SourceLocation(file=str(path))
        )
    return reader(path)
