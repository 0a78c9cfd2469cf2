"""The LaTeX format: golden Q3, escaping, and documents that really compile with pdflatex."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from golden import check_golden

from symderive.render.latex import escape, render_latex, typewriter
from symderive.solve import SolutionSet

PDFLATEX_TIMEOUT = 120
OVERFULL_LIMIT_PT = 15.0
"""A line may stick out of the text block by a few points, never by a visible amount."""


def test_q3_matches_golden(q3: SolutionSet, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "q3.tex", render_latex(q3, fragment=False))


def test_q3_fragment_matches_golden(q3: SolutionSet, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "q3.fragment.tex", render_latex(q3, fragment=True))


@pytest.mark.parametrize("name", ["q3", "hard"])
def test_fragment_is_the_document_body(name: str, request: pytest.FixtureRequest) -> None:
    solutions = request.getfixturevalue(name)
    document = render_latex(solutions, fragment=False)
    fragment = render_latex(solutions, fragment=True)
    assert r"\documentclass" not in fragment and r"\begin{document}" not in fragment
    body = fragment.split("\n", 1)[1]
    assert body in document
    assert document.isascii() and fragment.isascii()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a_b", r"a\_b"),
        ("50% & #1 $x$", r"50\% \& \#1 \$x\$"),
        ("{~^\\}", r"\{\~{}\^{}\textbackslash{}\}"),
        ("∂z/∂x · σ − 1", r"$\partial$z/$\partial$x $\cdot$ $\sigma$ - 1"),
        ("naïve café", r"na\"{i}ve caf\'{e}"),
        ("α and Ω", r"$\alpha$ and $\Omega$"),
        ("😀", "[U+1F600]"),
    ],
    ids=[
        "underscore",
        "specials",
        "braces-tilde-caret-backslash",
        "math-unicode",
        "accents",
        "greek",
        "other-unicode",
    ],
)
def test_escape(text: str, expected: str) -> None:
    assert escape(text) == expected


def test_typewriter_keeps_spacing_for_carets() -> None:
    assert typewriter("  x^2_a") == r"\texttt{\mbox{}~~x{\char94}2{\char95}a}"


def test_warning_other_reading_and_boxed_results(q3: SolutionSet) -> None:
    text = render_latex(q3, fragment=True)
    assert r"\textbf{Warning} \texttt{\mbox{}problems/q3.yaml:21:44}" in text
    assert r"\subsubsection*{Reading other reading --- not graded}" in text
    assert r"\boxed{\frac{\partial z}{\partial x_{3}} = - 6 x_{3}}" in text
    assert r"with $u = x_{3}^{2}$" in text


def test_long_results_are_split_over_lines(hard: SolutionSet) -> None:
    text = render_latex(hard, fragment=True)
    assert r"\begin{align*}" in text
    assert r"\frac{\partial z}{\partial x_{1}} &= " in text
    assert r"&\quad " in text


def _compile(source: str, directory: Path) -> str:
    """Compile with pdflatex; return the log. Fails the test with the log's errors."""
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


@pytest.mark.slow
@pytest.mark.parametrize("name", ["q3", "hard"])
def test_document_compiles_and_fits_the_page(
    name: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    log = _compile(render_latex(request.getfixturevalue(name), fragment=False), tmp_path)
    overfull = [float(size) for size in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", log)]
    assert all(size <= OVERFULL_LIMIT_PT for size in overfull), overfull
    assert "Missing character" not in log


@pytest.mark.slow
def test_fragment_compiles_in_a_homework_document(q3: SolutionSet, tmp_path: Path) -> None:
    fragment = render_latex(q3, fragment=True)
    homework = (
        "\\documentclass{article}\n\\usepackage{amsmath,amssymb,longtable}\n"
        f"\\begin{{document}}\nMy homework.\n{fragment}\\end{{document}}\n"
    )
    _compile(homework, tmp_path)
