"""Parameters the problem gives a value (leaky ReLU's α, ELU's α, swish's β) are fixed when a
claim is checked: the number or the parameter's name is right, another number is not."""

from __future__ import annotations

from pathlib import Path

import pytest
from checking import check_markdown

ACTIVATIONS = Path(__file__).resolve().parents[2] / "problems" / "activations.yaml"


def _verdict(tmp_path: Path, heading: str, claim: str) -> str:
    markdown = f"# {heading}\n\n$$f'(x) = {claim}$$\n"
    (result,) = check_markdown(ACTIVATIONS, markdown, tmp_path).results
    assert result.claim.problem_id == heading
    return result.verdict.value


@pytest.mark.parametrize(
    ("heading", "claim", "verdict"),
    [
        ("leaky-relu", r"\begin{cases} 1 & x > 0 \\ 0.1 & x < 0 \end{cases}", "proved"),
        ("leaky-relu", r"\begin{cases} 1 & x > 0 \\ \alpha & x < 0 \end{cases}", "proved"),
        ("leaky-relu", r"\begin{cases} 1 & x > 0 \\ 0.2 & x < 0 \end{cases}", "refuted"),
        ("elu", r"\begin{cases} 1 & x > 0 \\ 0.5 e^{x} & x \le 0 \end{cases}", "proved"),
        ("elu", r"\begin{cases} 1 & x > 0 \\ e^{x} & x \le 0 \end{cases}", "refuted"),
        ("swish", r"\sigma(2x) + 2x\sigma(2x)(1-\sigma(2x))", "proved"),
        ("swish", r"\sigma(x) + x\sigma(x)(1-\sigma(x))", "refuted"),
    ],
    ids=[
        "leaky-number",
        "leaky-name",
        "leaky-wrong-number",
        "elu-number",
        "elu-alpha-one",
        "swish-number",
        "swish-beta-one",
    ],
)
def test_given_parameter_values_are_fixed(
    tmp_path: Path, heading: str, claim: str, verdict: str
) -> None:
    assert _verdict(tmp_path, heading, claim) == verdict
