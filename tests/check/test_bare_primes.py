"""A bare prime (``y'``) answers the problem only when y is its function, by name or as the
file defines it; another name's derivative is not checked against the problem's."""

from __future__ import annotations

from pathlib import Path

import pytest
from checking import check_markdown

Q2 = Path(__file__).resolve().parents[2] / "problems" / "q2.yaml"


@pytest.mark.parametrize(
    ("markdown", "verdicts"),
    [
        pytest.param("$y' = y(1-y)$", ["unattributed"], id="an-undefined-name"),
        pytest.param(
            "Let $u = 1 + e^{-x}$. Then $u' = -e^{-x}$.\n\n"
            "$\\sigma'(x) = \\sigma(x)(1-\\sigma(x))$",
            ["unattributed", "proved"],
            id="an-intermediate-then-the-answer",
        ),
        pytest.param(
            "With $y = \\sigma(x)$:\n\n$y' = y(1-y)$", ["proved"], id="defined-as-the-function"
        ),
        pytest.param("With $y = \\sigma(x)$:\n\n$y' = y$", ["refuted"], id="defined-but-wrong"),
    ],
)
def test_a_bare_prime_answers_only_for_the_problems_function(
    markdown: str, verdicts: list[str], tmp_path: Path
) -> None:
    report = check_markdown(Q2, f"# Q2 (a)\n\n{markdown}\n", tmp_path)
    assert [result.verdict.value for result in report.results] == verdicts
