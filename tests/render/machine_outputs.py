"""Everything symderive prints for the bundled files, for the machine-independence tests.

``problem_texts`` solves a bundled problem file and prints it in the four formats, as the golden
files hold them. Run as a script,
``python machine_outputs.py FOLDER`` (from the repository root) writes the bundled problem
files whose figures go through BLAS into FOLDER, one file a format, and
``fingerprint.txt``: raw float64 round-off of the collapse instance, which shows whether a BLAS
kernel changed the arithmetic.
"""

from __future__ import annotations

import sys
from pathlib import Path

import sympy

from symderive.derive.collapse_numeric import numeric_instance
from symderive.problemfile import load_problem_file
from symderive.render.document import Document
from symderive.render.json import render_json
from symderive.render.latex import render_latex
from symderive.render.markdown import render_markdown
from symderive.render.solutions import document_of
from symderive.render.terminal import render_terminal
from symderive.solve import solve_problem_set

ROOT = Path(__file__).resolve().parents[2]
PROBLEMS = "problems"
"""Relative to the repository root, the current folder, so outputs name ``problems/q1.yaml``."""
FORMATS = ("terminal.txt", "tex", "md", "json")
"""The golden files' suffixes, one per format."""


def _document_texts(document: Document, stem: str) -> dict[str, str]:
    return {
        f"{stem}.terminal.txt": render_terminal(document, color=False, width=100),
        f"{stem}.tex": render_latex(document, fragment=False),
        f"{stem}.md": render_markdown(document),
    }


def problem_texts(stem: str) -> dict[str, str]:
    """``problems/<stem>.yaml`` solved and printed in every format, named like its goldens."""
    solutions = solve_problem_set(load_problem_file(Path(PROBLEMS) / f"{stem}.yaml"))
    texts = _document_texts(document_of(solutions), stem)
    texts[f"{stem}.json"] = render_json(solutions)
    return texts


def fingerprint() -> str:
    """The collapse instance's raw round-off: equal under two kernels, they did not differ."""
    instance = numeric_instance((4, 8, 8, 2), sympy.Integer(1), 1)
    figures = (
        instance.max_abs_difference,
        instance.max_relative_difference,
        instance.recurrence_difference,
        instance.largest_output,
    )
    return " ".join(repr(figure) for figure in figures)


BLAS = ("q1",)
"""The bundled files whose figures go through BLAS (the collapse check multiplies matrices): the
only ones a BLAS kernel can change. q4's and q5's log, exp and FFT are not BLAS; the in-process
tests move them by an ulp instead."""


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    texts: dict[str, str] = {"fingerprint.txt": fingerprint()}
    for stem in BLAS:
        texts.update(problem_texts(stem))
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
