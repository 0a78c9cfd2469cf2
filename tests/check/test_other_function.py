"""A derivative named after another known function is never checked as this problem's."""

from __future__ import annotations

from pathlib import Path

import pytest
from checking import check_markdown

from symderive.check.equivalence import Verdict

ACTIVATIONS = Path(__file__).resolve().parents[2] / "problems" / "activations.yaml"
ACCEPTED = {Verdict.PROVED, Verdict.NUMERICALLY_EQUAL}


@pytest.mark.parametrize(
    ("heading", "claim"),
    [
        pytest.param("softplus", r"\tanh'(x) = \sigma(x)", id="tanh-prime-under-softplus"),
        pytest.param(
            "softplus", r"\frac{d\sigma}{dx} = \sigma(x)", id="leibniz-sigma-under-softplus"
        ),
        pytest.param(
            "softplus", r"\operatorname{ReLU}'(x) = \sigma(x)", id="relu-prime-under-softplus"
        ),
        pytest.param(
            "tanh", r"\operatorname{softplus}'(x) = 1 - \tanh(x)^2", id="softplus-under-tanh"
        ),
        pytest.param(
            "silu", r"\sigma'(x) = \sigma(x)(1 + x(1 - \sigma(x)))", id="sigma-under-silu"
        ),
    ],
)
def test_another_functions_derivative_is_not_this_problems(
    heading: str, claim: str, tmp_path: Path
) -> None:
    report = check_markdown(ACTIVATIONS, f"# {heading}\n\n${claim}$\n", tmp_path)
    [result] = report.results
    assert result.verdict is Verdict.UNATTRIBUTED, result.notes


@pytest.mark.parametrize(
    ("heading", "claim"),
    [
        pytest.param("softplus", r"\operatorname{softplus}'(x) = \sigma(x)", id="own-name"),
        pytest.param("softplus", r"f'(x) = \sigma(x)", id="generic-f"),
        pytest.param("tanh", r"\tanh'(x) = 1 - \tanh^2(x)", id="tanh"),
    ],
)
def test_the_problems_own_function_is_still_checked(
    heading: str, claim: str, tmp_path: Path
) -> None:
    report = check_markdown(ACTIVATIONS, f"# {heading}\n\n${claim}$\n", tmp_path)
    [result] = report.results
    assert result.verdict in ACCEPTED, result.notes


@pytest.mark.parametrize(
    ("heading", "claim"),
    [
        pytest.param(
            "leaky-relu",
            r"\operatorname{LeakyReLU}'(x) = \begin{cases} 1 & x > 0 \\ \alpha & x < 0 \end{cases}",
            id="leaky-relu-spelled-otherwise",
        ),
        pytest.param(
            "silu",
            r"\operatorname{swish}'(x) = \sigma(x)(1 + x(1 - \sigma(x)))",
            id="swish-for-silu",
        ),
    ],
)
def test_the_same_function_spelled_otherwise_is_checked(
    heading: str, claim: str, tmp_path: Path
) -> None:
    report = check_markdown(ACTIVATIONS, f"# {heading}\n\n${claim}$\n", tmp_path)
    [result] = report.results
    assert result.verdict in ACCEPTED, result.notes
