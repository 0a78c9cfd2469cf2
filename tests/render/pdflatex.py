"""Compiling LaTeX in tests: skipped with the reason when pdflatex is not installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

PDFLATEX_TIMEOUT = 120


def compile_latex(source: str, directory: Path) -> str:
    """Compile ``source`` as ``directory/out.tex`` with pdflatex and return the log; a failure
    fails the test with the log's error lines."""
    pdflatex = shutil.which("pdflatex")
    if pdflatex is None:
        pytest.skip(
            "pdflatex not found (Debian: apt-get install texlive-latex-base "
            "texlive-latex-recommended)"
        )
    (directory / "out.tex").write_text(source, encoding="utf-8")
    result = subprocess.run(
        [pdflatex, "-interaction=nonstopmode", "-halt-on-error", "out.tex"],
        cwd=directory,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=PDFLATEX_TIMEOUT,
        check=False,
    )
    log = (directory / "out.log").read_text(encoding="utf-8", errors="replace")
    errors = "\n".join(line for line in log.splitlines() if line.startswith("!"))
    assert result.returncode == 0, f"pdflatex failed:\n{errors}\n{result.stdout[-3000:]}"
    assert (directory / "out.pdf").stat().st_size > 0
    return log
