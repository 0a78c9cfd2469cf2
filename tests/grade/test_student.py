"""One submission graded end to end: the softmax Jacobian's part (issue 12, item 6) is complete
only with every entry or one closed form equal to the whole matrix."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from symderive.grade.scoring import PartScore
from symderive.grade.student import GRADED, Setup, grade_submission, load_setup
from symderive.grade.submission import Submission

ROOT = Path(__file__).resolve().parents[2]
Q2 = ROOT / "tests" / "data" / "grade" / "q2.yaml"  # credit: {sign: 0.5}


@cache
def _setup() -> Setup:
    return load_setup([Q2], None)


def _jacobian_part(tmp_path: Path, answer: str) -> PartScore:
    path = tmp_path / "student.md"
    path.write_text(f"# Q2\n\n## Q2 (c)\n\n{answer}\n", encoding="utf-8")
    result = grade_submission(_setup(), Submission("student", (path,)))
    assert result.status == GRADED and result.score is not None
    return next(part for part in result.score.questions[0].parts if part.problem == "q2c")


@pytest.mark.parametrize(
    ("answer", "earned", "status"),
    [
        pytest.param(r"$$J = \operatorname{diag}(s) - s s^T$$", 5, "accepted", id="closed-form"),
        pytest.param(
            r"$$\frac{\partial s_1}{\partial z_1} = s_1(1 - s_1)$$", 0,
            "incomplete: 1 of 9 entries", id="one-entry-only",
        ),
        pytest.param(
            r"$$J = s s^T - \operatorname{diag}(s)$$", 2.5, "partial credit (sign)",
            id="closed-form-with-the-sign-credited",
        ),
        pytest.param(
            r"$$J = \operatorname{diag}(s)$$", 0, "refuted (diagonal-only)", id="diag-alone"
        ),
        pytest.param(
            r"$$J = \operatorname{diag}(s) - s^T s$$", 0, "undecided", id="row-vector-only"
        ),
    ],
)  # fmt: skip
def test_the_jacobian_part(tmp_path: Path, answer: str, earned: float, status: str) -> None:
    part = _jacobian_part(tmp_path, answer)
    assert (float(part.earned), part.status) == (earned, status)


def test_a_closed_form_beside_a_wrong_entry_contradicts_itself(tmp_path: Path) -> None:
    """The whole matrix right, and entry (1, 2) again, wrong: two answers to that entry."""
    answer = (
        "$$J = \\operatorname{diag}(s) - s s^T$$\n\n"
        "$$\\frac{\\partial s_1}{\\partial z_2} = s_1 s_2$$"
    )
    part = _jacobian_part(tmp_path, answer)
    assert (part.earned, part.status) == (0, "contradictory answers")


def test_right_entries_beside_a_wrong_closed_form_contradict_it(tmp_path: Path) -> None:
    answer = (
        "$$\\frac{\\partial s_i}{\\partial z_j} = s_i(\\delta_{ij} - s_j)$$\n\n"
        "$$J = \\operatorname{diag}(s)$$"
    )
    part = _jacobian_part(tmp_path, answer)
    assert (part.earned, part.status) == (0, "contradictory answers")
