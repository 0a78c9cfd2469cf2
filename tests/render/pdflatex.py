"""Compiling LaTeX in tests: skipped with the reason when pdflatex is not installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
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


PNG = b"\x89PNG\r\n\x1a\n"


def export_and_compile(problem_file: Path, figures: list[str], directory: Path) -> str:
    """The way a student does it: ``symderive solve FILE --format latex -o STEM.tex`` in a real
    process, then pdflatex. Every named figure must be drawn and included; returns the log."""
    pdflatex = shutil.which("pdflatex")
    if pdflatex is None:
        pytest.skip("pdflatex not found (Debian: apt-get install texlive-latex-base)")
    stem = problem_file.stem
    command = [sys.executable, "-m", "symderive", "solve", str(problem_file)]
    command += ["--format", "latex", "-o", str(directory / f"{stem}.tex")]
    subprocess.run(command, check=True, capture_output=True, timeout=PDFLATEX_TIMEOUT)
    source = (directory / f"{stem}.tex").read_text("utf-8")
    for name in figures:
        assert f"{{{stem}-figures/{name}.png}}" in source
        assert (directory / f"{stem}-figures" / f"{name}.png").read_bytes().startswith(PNG)
    result = subprocess.run(
        [pdflatex, "-interaction=nonstopmode", "-halt-on-error", f"{stem}.tex"],
        cwd=directory,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=PDFLATEX_TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    log = (directory / f"{stem}.log").read_text("utf-8", errors="replace")
    assert log.count(f"{stem}-figures/") >= len(figures) and "Missing character" not in log
    assert (directory / f"{stem}.pdf").stat().st_size > 0
    return log
