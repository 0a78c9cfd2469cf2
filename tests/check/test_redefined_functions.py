"""A known function the answer defines its own way (H(x) = x²) is not read as the known one in
that section's claims; restating a known function (σ(x) = 1/(1 + e^{−x})) changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from checking import check_markdown

from symderive.check.equivalence import Verdict

PROBLEMS = """\
title: known functions redefined
problems:
  - id: step
    kind: activation
    function: relu
  - id: sig
    kind: activation
    function: sigmoid
"""


@pytest.mark.parametrize(
    ("answers", "verdict"),
    [
        pytest.param(
            "## step\n\nLet $H(x) = x^2$.\n\n$\\operatorname{ReLU}'(x) = H(x)$",
            Verdict.UNDECIDED,
            id="H-defined-as-a-square-is-not-the-step",
        ),
        pytest.param(
            "## step\n\n$\\operatorname{ReLU}'(x) = H(x)$\n\nwhere $H(x) = x^2$.",
            Verdict.UNDECIDED,
            id="defined-after-the-claim",
        ),
        pytest.param(
            "## sig\n\nLet $\\sigma(x) = \\tanh(x)$.\n\n$\\sigma'(x) = \\sigma(x)(1 - \\sigma(x))$",
            Verdict.UNDECIDED,
            id="sigma-defined-as-tanh",
        ),
        pytest.param(
            "## sig\n\nRecall $\\sigma(x) = \\frac{e^x}{1 + e^x}$.\n\n"
            "$\\sigma'(x) = \\sigma(x)(1 - \\sigma(x))$",
            Verdict.PROVED,
            id="sigma-restated-in-another-form",
        ),
        pytest.param(
            "## step\n\nRecall $\\operatorname{ReLU}(x) = \\max(0, x)$ and $H(x) = x^2$.\n\n"
            "$\\operatorname{ReLU}'(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x < 0 \\end{cases}$",
            Verdict.PROVED,
            id="a-redefinition-the-value-does-not-use",
        ),
        pytest.param(
            "## notes\n\nLet $H(x) = x^2$.\n\n## step\n\n$\\operatorname{ReLU}'(x) = H(x)$",
            Verdict.PROVED,
            id="another-section-redefines-nothing-here",
        ),
    ],
)
def test_a_known_function_defined_otherwise_is_not_read_as_the_known_one(
    tmp_path: Path, answers: str, verdict: Verdict
) -> None:
    problems = tmp_path / "problems.yaml"
    problems.write_text(PROBLEMS, encoding="utf-8")
    (result,) = check_markdown(problems, answers + "\n", tmp_path).results
    assert result.verdict is verdict, result.notes
    if verdict is Verdict.UNDECIDED:
        assert any("defines a known function its own way" in note for note in result.notes)
