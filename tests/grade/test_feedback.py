"""Feedback files: every claim's verdict, counterexample and diagnosis, in Markdown and LaTeX."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from symderive.grade.cache import ClaimCache
from symderive.grade.feedback import feedback_document
from symderive.grade.student import Setup, grade_submission, load_setup
from symderive.grade.submission import Submission
from symderive.render.latex import render_latex
from symderive.render.markdown import render_markdown

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "render"))
from pdflatex import compile_latex  # noqa: E402

PROBLEMS = [
    ROOT / "tests" / "data" / "grade" / "q2.yaml",
    ROOT / "tests" / "data" / "grade" / "q3.yaml",
]


@pytest.fixture(scope="module")
def setup() -> Setup:
    """The problems solved once for every student here, as ``grade`` shares them across a class."""
    return load_setup(PROBLEMS, None)


@pytest.fixture(scope="module")
def bob_feedback(setup: Setup) -> str:
    result = grade_submission(setup, Submission("bob", (ROOT / "tests/data/class/bob.md",)))
    assert ClaimCache(None).get("x") is None
    return render_markdown(feedback_document(result))


def test_markdown_feedback_shows_verdicts_points_and_diagnoses(bob_feedback: str) -> None:
    assert "# Feedback for bob" in bob_feedback
    assert "Score: 27.83 of 45." in bob_feedback
    assert "| refuted |" in bob_feedback and "| proved |" in bob_feedback
    assert "the claim gives" in bob_feedback  # the counterexample
    assert "likely mistake: sign error" in bob_feedback
    assert "partial credit (sign)" in bob_feedback


def test_an_ungraded_submission_gets_its_reason(tmp_path: Path, setup: Setup) -> None:
    broken = tmp_path / "ivan.ipynb"
    broken.write_text("{", encoding="utf-8")
    result = grade_submission(setup, Submission("ivan", (broken,)))
    assert result.status == "error" and result.reason is not None
    text = render_markdown(feedback_document(result))
    assert "could not be graded" in text and "not valid JSON" in text


def test_latex_feedback_compiles(tmp_path: Path, setup: Setup) -> None:
    result = grade_submission(setup, Submission("gus", (ROOT / "tests/data/class/gus.md",)))
    compile_latex(render_latex(feedback_document(result), fragment=False), tmp_path)
