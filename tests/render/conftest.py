"""Solutions shared by the renderer tests: Q3 as bundled, and a harder inline problem set, each
also as the ``Document`` the terminal, LaTeX and Markdown renderers print."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from solved import bundled

from symderive.derive import simplification
from symderive.problemfile import load_problem_text
from symderive.render.document import Document
from symderive.render.solutions import document_of
from symderive.solve import SolutionSet, solve_problem_set

ROOT = Path(__file__).parents[2]
# The helpers beside these tests (every_block.py, pdflatex.py) are importable, as golden.py is.
sys.path.insert(0, str(Path(__file__).parent))

# Every function the renderers special-case, a long sum, x^x (general power), a max kink, user
# text full of LaTeX and Markdown specials and Unicode, a problem without a point.
LONG = " + ".join(
    (
        "z = sigmoid(w1*x1 + b)",
        "relu(x2 - x1)",
        "softplus(x3)*tanh(x1*x2)",
        "max(x1, x2)",
        "sqrt(x1^2 + x2^2)",
        "x1^x1",
        "x1 + 2*x2 + 3*x3 + 4*x1*x2 + 5*x2*x3 + 6*x1*x3 + 7*x1^2 + 8*x2^2 + 9*x3^2",
    )
)
HARD = r"""
title: "Hard_one: 100% of $5 & #3 {ok} ~ ^ \\ — naïve ∂z/∂x · σ"
points: 7.5
statement: "Underscores_in_text, *stars*, |pipes|, <angles> and `ticks`; café × 2 − 1."
problems:
  - id: h1
    kind: partials
    statement: "Activations: sigmoid, relu, softplus, tanh, max, sqrt and x^x."
    expression: "{LONG}"
    at: {x1: 0.5, x2: 1.5, x3: -1, w1: 2, b: 0.1}
    points: 5
  - id: h2
    kind: partials
    statement: "Shared subexpressions and no point: every adjoint sums its consumers."
    expression: "y = exp(x1*x2) * sin(exp(x1*x2)) + log(1 + exp(x1*x2)) / x2 + abs(x1 - x2)"
    points: 2.5
""".replace("{LONG}", LONG)


@pytest.fixture(scope="session")
def q3() -> SolutionSet:
    """Q3 loaded under its repository path, so golden files name ``problems/q3.yaml``."""
    return bundled("q3")


@pytest.fixture(scope="session")
def hard() -> SolutionSet:
    """Solved with a quarter-second simplification budget: h2's sine makes SymPy's ``simplify``
    run until it is stopped (2 s per derivative otherwise), and these tests are about printing
    what was derived, the "stopped" caveat included, not about how long the search was."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(simplification, "BUDGET_SECONDS", 0.25)
        return solve_problem_set(load_problem_text(HARD, "inline.yaml"))


@pytest.fixture(scope="session")
def q3_document(q3: SolutionSet) -> Document:
    return document_of(q3)


@pytest.fixture(scope="session")
def hard_document(hard: SolutionSet) -> Document:
    return document_of(hard)
