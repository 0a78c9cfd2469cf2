"""One test per crash or hang the hostile corpus and the fuzzers found, at the function that failed.

Each was fixed at its root; the corpus case that found it is named in the docstring.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NoReturn

import pytest
import sympy

from symderive.check import collector
from symderive.check.answers import read_answers
from symderive.check.notebook_answers import MAX_JSON_DEPTH, load_notebook
from symderive.check.source import MAX_FILE_BYTES as MAX_ANSWER_BYTES
from symderive.errors import ExpressionError, InputError, ProblemFileError
from symderive.parsing.expression import parse_expression
from symderive.parsing.latex import parse_latex
from symderive.yamlsource import MAX_FILE_BYTES, MAX_NODES, load_yaml_bytes, load_yaml_text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("(2/3)^9999", id="rational-power"),
        pytest.param("2.5^9999", id="decimal-power"),
        pytest.param("(10x)^9999", id="coefficient-power"),
        pytest.param("x + 10^5000", id="power-under-the-old-bound"),
        pytest.param("10^400*10^400*10^400*x", id="product-of-bounded-powers"),
    ],
)
def test_numbers_too_long_to_print_are_refused_by_the_plain_parser(text: str) -> None:
    """diff-rational-power & co: a 4771-digit denominator reached the printers (exit 3)."""
    with pytest.raises(ExpressionError, match="digits") as caught:
        parse_expression(text)
    assert caught.value.location is not None and caught.value.location.column is not None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("\\left(\\frac{2}{3}\\right)^{9999}", id="rational-power"),
        pytest.param("(10 x_1)^{9999}", id="coefficient-power"),
        pytest.param("10^{400} \\cdot 10^{400} \\cdot 10^{400} x_2", id="product"),
    ],
)
def test_numbers_too_long_to_print_are_refused_by_the_latex_parser(text: str) -> None:
    with pytest.raises(ExpressionError, match="digits"):
        parse_latex(text)


def test_an_output_named_like_its_variable_is_located() -> None:
    """problem-field-output-clash: the error had no file, line or column."""
    with pytest.raises(ExpressionError, match="cannot be called 'z'") as caught:
        parse_expression("  z = z + 1")
    assert caught.value.location is not None
    assert (caught.value.location.line, caught.value.location.column) == (1, 3)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[" * 100_000 + "]" * 100_000, id="arrays"),
        pytest.param('{"cells": [], "m": ' + '{"a":' * 5000 + "1" + "}" * 5000 + "}", id="objects"),
    ],
)
def test_deeply_nested_notebook_json_is_located(text: str) -> None:
    """answer-file-notebook-deep-json: json's RecursionError became a traceback (exit 3)."""
    with pytest.raises(InputError, match=f"more than {MAX_JSON_DEPTH} levels") as caught:
        load_notebook(text, "deep.ipynb")
    location = caught.value.location
    assert location is not None and location.line == 1 and location.column is not None
    assert text[location.column - 1] in "[{"


def test_a_notebook_number_too_long_for_python_is_located() -> None:
    """answer-file-notebook-nbformat-huge: json raised ValueError (4300-digit limit), exit 3."""
    text = '{"cells": [],\n "nbformat": ' + "9" * 5000 + "}"
    with pytest.raises(InputError, match="number too long") as caught:
        load_notebook(text, "huge.ipynb")
    assert caught.value.location is not None
    assert (caught.value.location.line, caught.value.location.column) == (2, 14)


def test_a_problem_file_over_the_limit_is_located_where_it_crosses_it() -> None:
    """problem-file-file-100mb: the error named the file only, with no line or column."""
    line = b"title: padding\n"
    data = line * (MAX_FILE_BYTES // len(line) + 10)
    with pytest.raises(ProblemFileError, match="larger than") as caught:
        load_yaml_bytes(data, "big.yaml")
    location = caught.value.location
    assert location is not None
    assert location.line == MAX_FILE_BYTES // len(line) + 1
    assert location.column == MAX_FILE_BYTES % len(line) + 1


def test_an_answer_file_over_the_limit_is_located(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(b"$x$\n" * (MAX_ANSWER_BYTES // 4 + 1))
    with pytest.raises(InputError, match="larger than") as caught:
        read_answers(path)
    assert caught.value.location is not None and caught.value.location.line is not None


def test_quotes_in_a_yaml_answer_make_it_unparsed_not_skipped(tmp_path: Path) -> None:
    """answer-yaml-open-write: two quotes made the answer look like a rule (f' g'): it was
    skipped, and the student's answer reported missing instead of unreadable."""
    path = tmp_path / "answers.yaml"
    path.write_text("q:\n  dz/dx1: \"open('/tmp/x', 'w')\"\n", encoding="utf-8")
    answers = read_answers(path)
    assert len(answers.claims) == 1
    assert answers.claims[0].error is not None
    assert answers.claims[0].error.location is not None
    assert answers.claims[0].error.location.line == 2


def test_a_formula_of_a_million_characters_is_refused_before_it_is_split(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """answer-markdown-length-1e6: splitting it into sides and rows took 9 s. The length is now
    refused first: the splitters must never see the formula."""

    def never(*arguments: object) -> NoReturn:
        raise AssertionError("a formula over the length limit reached the splitters")

    for splitter in ("clean", "rows", "claim_pieces", "parse_sides"):
        monkeypatch.setattr(collector, splitter, never)
    path = tmp_path / "answers.md"
    path.write_text("$$\\frac{dz}{dx_1} = " + "x+" * 333_333 + "x$$\n", encoding="utf-8")
    answers = read_answers(path)
    [claim] = answers.claims
    assert claim.error is not None and "longer than" in claim.error.message


def test_a_file_of_many_values_is_refused_before_composing_it_all() -> None:
    """problem-convolution-image-huge: 40,000 values took 2 s; 100,000 were allowed. Composing
    now stops at the value that crosses the limit: the broken YAML after it is never read."""
    text = "a: [" + ", ".join(["0"] * (MAX_NODES + 10)) + ", {]: ]\n"
    with pytest.raises(ProblemFileError, match="values") as caught:
        load_yaml_text(text, "many.yaml")
    location = caught.value.location
    assert location is not None and location.line == 1
    # the mapping, its key and the list are three values: the crossing one is list item
    # MAX_NODES - 2, each item "0, " three characters after "a: ["
    assert location.column == len("a: [") + 1 + 3 * (MAX_NODES - 3)


def test_the_notebook_regressions_pass_through_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "deep.ipynb"
    path.write_text(json.dumps({"cells": []})[:-1] + ', "x": ' + "[" * 3000 + "]" * 3000 + "}")
    with pytest.raises(InputError, match="levels deep"):
        read_answers(path)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("{" + "\x0b" * 20 + "x", id="vertical-tabs"),
        pytest.param("\x0c" * 13 + "}", id="form-feeds"),
        pytest.param(
            "\t{{" + "\x0b" * 20 + "{777777777{\x7f=========$&ND====(", id="atheris-input"
        ),
    ],
)
def test_control_characters_that_split_takes_for_spaces_are_located(text: str) -> None:
    """Found by atheris: twelve \\v after the error made the message's word list empty
    (IndexError in latex._describe, exit 3)."""
    with pytest.raises(ExpressionError, match="unexpected") as caught:
        parse_latex(text)
    assert caught.value.location is not None and caught.value.location.column is not None


def test_one_file_of_hard_derivatives_shares_one_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """(x1+x2+x3+x4)^600 spends 2 s simplifying each derivative: 9 s, 63 s for 50 variables
    (of ^9999), without end for a file of many such problems. A file's budgets now share one.

    Here simplifying never ends and each derivative's own budget is an hour: only the file's
    shared budget can let the solve finish (without it, the per-test timeout fails the test).
    """
    from symderive import solve
    from symderive.derive import simplification
    from symderive.problemfile import load_problem_text
    from symderive.render.markdown import render_markdown
    from symderive.render.solutions import document_of

    def endless(expression: sympy.Expr) -> list[sympy.Expr]:
        while True:
            pass

    monkeypatch.setattr(solve, "SOLVE_BUDGET_SECONDS", 0.5)
    monkeypatch.setattr(simplification, "BUDGET_SECONDS", 3600.0)
    monkeypatch.setattr(simplification, "_algebraic_forms", endless)
    problems = load_problem_text(
        'problems:\n  - id: q\n    kind: partials\n    expression: "(x1+x2+x3+x4)^600"\n', "p.yaml"
    )
    solutions = solve.solve_problem_set(problems)
    assert len(solutions.solutions) == 1
    shown = render_markdown(document_of(solutions))
    assert "skipped: the file's shared time budget is spent" in shown


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("(x1 + 10^990)^5*x2", id="sum-with-a-big-number"),
        pytest.param("(x1 + 2)^10000", id="binomial-coefficients"),
        pytest.param("((x1 + 10)^100)^50", id="nested-powers"),
        pytest.param("(x1 + 10)^3000*(x1 + 10)^3000", id="product-of-powers"),
    ],
)
def test_sums_whose_expansion_has_numbers_too_long_to_print_are_refused(text: str) -> None:
    """problem-expression-expanded-big-sum: (x1 + 10^990)^5 passed the number bounds, and
    simplifying its derivative expanded it to 4,951-digit coefficients: str() raised (exit 3)."""
    with pytest.raises(ExpressionError, match="multiplied out"):
        parse_expression(text)
