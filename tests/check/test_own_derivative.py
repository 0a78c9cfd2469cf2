"""A value that states the derivative asked for by its own name (σ'(x) = 1·σ'(x)) is not
accepted; the chain rule written with a known function's derivative (σ'(wx + b)·x) is."""

from __future__ import annotations

from pathlib import Path

import pytest

from symderive.check.own_derivative import primed_functions

PROBLEMS = """\
title: derivatives stated by their own name
problems:
  - id: sig
    kind: activation
    function: sigmoid
  - id: bare
    kind: partials
    expression: "y = relu(x)"
    wrt: [x]
  - id: logistic
    kind: partials
    expression: "L = sigmoid(w*x + b)"
    wrt: [w]
"""


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param(r"v\operatorname{ReLU}'(u) x", ["ReLU"], id="named-operator"),
        pytest.param(r"\sigma'(u)(1 - \tanh'\left(v\right))", ["sigma", "tanh"], id="commands"),
        pytest.param("σ′(u) + relu'(v)", ["sigma", "relu"], id="unicode-and-words"),
        pytest.param(r"f(x) + x'", [], id="no-application"),
        pytest.param(r"1\cdot\sigma'\,(u)", ["sigma"], id="as-the-parser-reads-it"),
        pytest.param(r"1 + \boxed{\tanh}'(u)", ["tanh"], id="boxed-as-the-claim-is-read"),
    ],
)
def test_primed_functions_are_found_in_the_text(text: str, names: list[str]) -> None:
    assert primed_functions(text) == names


@pytest.mark.parametrize(
    ("problem", "formula", "verdict"),
    [
        pytest.param("sig", r"\sigma'(x) = 1\cdot\sigma'(x)", "undecided", id="activation-itself"),
        pytest.param("sig", r"\sigma'(x) = σ′(x) + 0", "undecided", id="activation-unicode"),
        pytest.param("sig", r"\sigma'(x) = \sigma(x)(1 - \sigma(x))", "proved", id="written-out"),
        pytest.param("sig", r"\sigma'(x) = 2\sigma'(x)", "undecided", id="wrong-and-circular"),
        # spacing, sizes and boxes the parser reads through: the text's own pattern misses them
        pytest.param("sig", r"\sigma'(x) = 1\cdot\sigma'\,(x)", "undecided", id="thin-space"),
        pytest.param("sig", r"\sigma'(x) = 1\cdot\sigma'\!(x)", "undecided", id="negative-space"),
        pytest.param("sig", r"\sigma'(x) = 1\cdot\sigma'\bigl(x\bigr)", "undecided", id="bigl"),
        pytest.param("sig", r"\sigma'(x) = 1\cdot\sigma\Large'(x)", "undecided", id="size"),
        pytest.param("sig", r"\sigma'(x) = 1\cdot\boxed{\sigma}'(x)", "undecided", id="boxed"),
        pytest.param("sig", r"\sigma'(x) = 1\cdot\boxed{\sigma'}(x)", "undecided", id="boxed-'"),
        pytest.param(
            "bare", r"\frac{dy}{dx} = \operatorname{ReLU}'\,(x) + 0", "undecided", id="relu-spaced"
        ),
        pytest.param(
            "bare", r"\frac{dy}{dx} = 1\cdot\operatorname{ReLU}'(x)", "undecided", id="y=relu(x)"
        ),
        pytest.param(
            "bare", r"\frac{dy}{dx} = \mathbb{1}[x > 0]", "proved", id="y=relu(x)-written-out"
        ),
        pytest.param(
            "logistic",
            r"\frac{\partial L}{\partial w} = \sigma'(wx + b)\,x",
            "proved",
            id="chain-rule",
        ),
    ],
)
def test_the_derivative_asked_for_is_not_its_own_answer(
    problem: str, formula: str, verdict: str, tmp_path: Path
) -> None:
    from checking import check_markdown

    problems = tmp_path / "own.yaml"
    problems.write_text(PROBLEMS, encoding="utf-8")
    (result,) = check_markdown(problems, f"## {problem}\n\n${formula}$\n", tmp_path).results
    assert result.verdict.value == verdict, result
    if verdict == "undecided":
        assert any("itself" in note for note in result.notes)
