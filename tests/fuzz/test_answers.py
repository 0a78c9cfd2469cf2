"""Fuzzing the answer readers and the checker: read_answers → attribute → check_answers.

Random and structured answer files in all four formats, checked against one solved problem set.
Property: a report, or a located InputError from the reader; never another exception, and no
file hangs the checker (the equivalence budgets bound each claim).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import sympy
from hypothesis import example, given
from hypothesis import strategies as st
from profiles import fuzz_settings, hang_alarm
from strategies import expressions
from vocabulary import formula_text, latex_soup, plain_soup

from symderive.check.answers import read_answers
from symderive.check.attribution import attribute
from symderive.check.checker import check_answers
from symderive.errors import InputError
from symderive.problemfile import load_problem_text
from symderive.solve import SolutionSet, solve_problem_set

PROBLEM = """problems:
  - id: q3a
    kind: partials
    expression: "z = x1 + 5*x2 - 3*x3^2"
  - id: q3b
    kind: partials
    expression: "z = x1*(x2-4) + exp(x3^2) / 5*x4^2"
"""
SUFFIXES = [".yaml", ".md", ".tex", ".ipynb"]


@cache
def _solutions() -> SolutionSet:
    return solve_problem_set(load_problem_text(PROBLEM, "problem.yaml"))


def _checks_or_is_located(path: Path) -> None:
    solutions = _solutions()
    with hang_alarm():
        try:
            answers = read_answers(path)
        except InputError as error:
            assert error.location is not None and error.location.file is not None
            assert str(path) in error.location.file
            return
        report = check_answers(solutions, attribute(answers, solutions.problem_set))
    assert report.exit_code in (0, 1)


@fuzz_settings(100)
@given(text=st.text(max_size=300), suffix=st.sampled_from(SUFFIXES))
@example(text="[" * 5000, suffix=".ipynb")  # regression: RecursionError in json
@example(text='{"cells": [], "nbformat": ' + "9" * 5000 + "}", suffix=".ipynb")  # ValueError
def test_random_text(tmp_path: Path, text: str, suffix: str) -> None:
    path = tmp_path / f"answers{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _checks_or_is_located(path)


@fuzz_settings(100)
@given(data=st.binary(max_size=300), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"answers{suffix}"
    path.write_bytes(data)
    _checks_or_is_located(path)


claims = st.tuples(
    st.sampled_from(["q3a", "q3b", "q9", ""]),
    st.sampled_from(["x_1", "x_2", "x_3", "x_4", "y"]),
    st.one_of(formula_text, expressions.map(sympy.latex)),
)


def _write(path: Path, items: list[tuple[str, str, str]]) -> None:
    """The same claims as each format writes them."""
    suffix = path.suffix
    if suffix == ".yaml":
        grouped: dict[str, dict[str, str]] = {}
        for problem, variable, value in items:
            grouped.setdefault(problem or "q3a", {})[f"dz/d{variable}"] = value
        text = "".join(
            f"{json.dumps(problem)}:\n"
            + "".join(
                f"  {json.dumps(key)}: {json.dumps(value)}\n" for key, value in answers.items()
            )
            for problem, answers in grouped.items()
        )
    else:
        body = "".join(
            (f"## {problem}\n\n" if problem else "")
            + f"$$\\frac{{\\partial z}}{{\\partial {variable}}} = {value}$$\n\n"
            for problem, variable, value in items
        )
        if suffix == ".tex":
            text = body.replace("## ", "\\section{").replace("\n\n$$", "}\n$$")
        elif suffix == ".ipynb":
            cell = {"cell_type": "markdown", "id": "a", "metadata": {}, "source": body}
            text = json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
        else:
            text = body
    path.write_text(text, encoding="utf-8", errors="surrogatepass")


@fuzz_settings(100)
@given(items=st.lists(claims, max_size=5), suffix=st.sampled_from(SUFFIXES))
@example(items=[("q3a", "x_3", "(10 x_3)^{9999}")], suffix=".md")
@example(items=[("q3a", "x_1", "__import__('os').system('true')")], suffix=".yaml")
@example(items=[("q3a", "x_1", "x" * 30_000)], suffix=".md")  # regression: took 9 s
def test_structured_claims(tmp_path: Path, items: list[tuple[str, str, str]], suffix: str) -> None:
    path = tmp_path / f"answers{suffix}"
    _write(path, items)
    _checks_or_is_located(path)


@fuzz_settings(100)
@given(pieces=st.lists(st.one_of(plain_soup, latex_soup), max_size=6))
def test_yaml_steps(tmp_path: Path, pieces: list[str]) -> None:
    """A chain of random steps under ``steps:``, checked link by link."""
    path = tmp_path / "answers.yaml"
    steps = "".join(f"    - {json.dumps(piece)}\n" for piece in pieces)
    path.write_text(
        "q3a:\n  steps:\n" + (steps or "    []\n"), encoding="utf-8", errors="surrogatepass"
    )
    _checks_or_is_located(path)
