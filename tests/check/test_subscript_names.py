"""Derivatives named by a subscript (``z_{x_1}``) become claims only where a problem names that
result and has that variable; other subscripted names stay definitions."""

from __future__ import annotations

from pathlib import Path

import pytest
from checking import check_markdown

Q3 = Path(__file__).resolve().parents[2] / "problems" / "q3.yaml"


@pytest.mark.parametrize(
    ("formula", "target", "verdict"),
    [
        pytest.param("z_{x_1} = x_2 - 4", "dz/dx1", "proved", id="nested-subscript-right"),
        pytest.param("z_{x_1} = x_2 + 4", "dz/dx1", "refuted", id="nested-subscript-wrong"),
        pytest.param("z_{x2} = x_1", "dz/dx2", "proved", id="braced-right"),
        pytest.param("z_{x4} = x_4", "dz/dx4", "refuted", id="braced-wrong"),
    ],
)
def test_a_subscript_naming_a_variable_is_a_derivative(
    formula: str, target: str, verdict: str, tmp_path: Path
) -> None:
    (result,) = check_markdown(Q3, f"# Q3b\n\n${formula}$\n", tmp_path).results
    assert result.verdict.value == verdict
    assert result.target is not None and (result.target.problem_id, result.target.name) == (
        "q3b",
        target,
    )


@pytest.mark.parametrize(
    "formula",
    [
        pytest.param("u_1 = x_1 + 5", id="numbered-intermediate"),
        pytest.param("s_i = x_1", id="index"),
        pytest.param("w_{x_1} = 3", id="another-name's-subscript"),
        pytest.param("z_{x_9} = 3", id="not-a-variable-of-the-problem"),
    ],
)
def test_other_subscripted_names_stay_definitions(formula: str, tmp_path: Path) -> None:
    report = check_markdown(Q3, f"# Q3b\n\n${formula}$\n", tmp_path)
    assert report.results == ()
