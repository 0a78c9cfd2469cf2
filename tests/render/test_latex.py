"""The LaTeX format: golden Q3, escaping, and documents that really compile with pdflatex."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from golden import check_golden
from pdflatex import compile_latex

from symderive.render.document import Document
from symderive.render.latex import escape, render_latex, typewriter

OVERFULL_LIMIT_PT = 15.0
"""A line may stick out of the text block by a few points, never by a visible amount."""


def test_q3_matches_golden(q3_document: Document, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "q3.tex", render_latex(q3_document, fragment=False))


def test_q3_fragment_matches_golden(q3_document: Document, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "q3.fragment.tex", render_latex(q3_document, fragment=True))


@pytest.mark.parametrize("name", ["q3_document", "hard_document"])
def test_fragment_is_the_document_body(name: str, request: pytest.FixtureRequest) -> None:
    document = request.getfixturevalue(name)
    standalone = render_latex(document, fragment=False)
    fragment = render_latex(document, fragment=True)
    assert r"\documentclass" not in fragment and r"\begin{document}" not in fragment
    body = fragment.split("\n", 1)[1]
    assert body in standalone
    assert standalone.isascii() and fragment.isascii()


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
        ("x₁₀ = 2³", "x$_{1}$$_{0}$ = 2$^{3}$"),
        ("bell\x07 zero\u200bwidth", "bell[U+0007] zero[U+200B]width"),
    ],
    ids=[
        "underscore",
        "specials",
        "braces-tilde-caret-backslash",
        "math-unicode",
        "accents",
        "greek",
        "other-unicode",
        "subscripts-superscripts",
        "control-characters",
    ],
)
def test_escape(text: str, expected: str) -> None:
    assert escape(text) == expected


def test_typewriter_keeps_spacing_for_carets() -> None:
    assert typewriter("  x^2_a") == r"\texttt{\mbox{}~~x{\char94}2{\char95}a}"


def test_warning_other_reading_and_boxed_results(q3_document: Document) -> None:
    text = render_latex(q3_document, fragment=True)
    assert r"\textbf{Warning} \texttt{\mbox{}problems/q3.yaml:21:44}" in text
    assert r"\subsubsection*{Reading: other reading --- not graded}" in text
    assert r"\boxed{\frac{\partial z}{\partial x_{3}} = - 6 x_{3}}" in text
    assert r"with $u = x_{3}^{2}$" in text


def test_long_results_are_split_over_lines(hard_document: Document) -> None:
    text = render_latex(hard_document, fragment=True)
    assert r"\begin{align*}" in text
    assert r"\frac{\partial z}{\partial x_{1}} &= " in text
    assert r"&\quad " in text


@pytest.mark.slow
@pytest.mark.parametrize("name", ["q3_document", "hard_document"])
def test_document_compiles_and_fits_the_page(
    name: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    log = compile_latex(render_latex(request.getfixturevalue(name), fragment=False), tmp_path)
    overfull = [float(size) for size in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", log)]
    assert all(size <= OVERFULL_LIMIT_PT for size in overfull), overfull
    assert "Missing character" not in log


@pytest.mark.slow
def test_fragment_compiles_in_a_homework_document(q3_document: Document, tmp_path: Path) -> None:
    fragment = render_latex(q3_document, fragment=True)
    homework = (
        "\\documentclass{article}\n\\usepackage{amsmath,amssymb,longtable}\n"
        f"\\begin{{document}}\nMy homework.\n{fragment}\\end{{document}}\n"
    )
    compile_latex(homework, tmp_path)
