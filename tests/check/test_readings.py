"""A claim symderive warns could be read two ways is never accepted silently: the verdict says
which reading was graded and whether the other one would be right."""

from __future__ import annotations

from pathlib import Path

import pytest
from checking import check_markdown

from symderive.check.report import ClaimResult

Q3 = Path(__file__).resolve().parents[2] / "problems" / "q3.yaml"


def _checked(tmp_path: Path, claim: str) -> ClaimResult:
    markdown = f"# Q3 (a)\n\n$$\\frac{{\\partial z}}{{\\partial x_3}} = {claim}$$\n"
    (result,) = check_markdown(Q3, markdown, tmp_path).results
    return result


@pytest.mark.parametrize(
    ("claim", "said"),
    [
        ("-36 x_3^2/6 x_3", "right only under the other reading"),
        ("-12 x_3^2/2 x_3^{-1}", "right as written, with the usual precedence; under the other"),
        ("-6 x_3", None),
    ],
    ids=["only-the-other-reading", "only-as-written", "unambiguous"],
)
def test_which_reading_matched_is_said(tmp_path: Path, claim: str, said: str | None) -> None:
    result = _checked(tmp_path, claim)
    assert result.verdict.value == "proved"
    notes = " ".join(result.notes)
    if said is None:
        assert "reading" not in notes
    else:
        assert said in notes


def test_a_step_about_a_defined_intermediate_is_checked_against_its_definition(
    tmp_path: Path,
) -> None:
    """``u = x₁ + 5x₂``, then ``∂u/∂x₂ = 5``: right for u, and not an answer to ∂z/∂x₂."""
    report = check_markdown(
        Q3,
        "# Q3 (a)\n\nLet $u = x_1 + 5x_2$.\n\n"
        "$$\\frac{\\partial u}{\\partial x_2} = 5$$\n\n"
        "$$\\frac{\\partial u}{\\partial x_1} = 2$$\n",
        tmp_path,
    )
    right, wrong = report.results
    assert (right.verdict.value, wrong.verdict.value) == ("proved", "refuted")
    assert right.target is None and wrong.target is None
    assert "which the answer defines as u = x1 + 5*x2" in right.notes[0]
    missing = {(m.problem_id, m.target) for m in report.missing}
    assert missing >= {("q3a", "dz/dx1"), ("q3a", "dz/dx2")}
