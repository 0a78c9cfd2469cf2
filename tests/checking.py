"""One Markdown answer file checked in-process against a problem file, for the checker's tests.

Each problem file is solved once per test process: the tests that use this helper differ in the
answers, not in the problems.
"""

from __future__ import annotations

from pathlib import Path

from symderive.check.answers import read_answers
from symderive.check.attribution import attribute
from symderive.check.checker import check_answers
from symderive.check.report import CheckReport
from symderive.problemfile import load_problem_file
from symderive.solve import SolutionSet, solve_problem_set

_SOLVED: dict[str, SolutionSet] = {}
"""Solutions by the problem file's text, not its path: tests that write the same problem into
their own temporary folders share one solution (whose locations name the first folder)."""


def _solved(problem_file: Path) -> SolutionSet:
    text = problem_file.read_text(encoding="utf-8")
    if text not in _SOLVED:
        _SOLVED[text] = solve_problem_set(load_problem_file(problem_file))
    return _SOLVED[text]


def check_file(problem_file: Path, answer_file: Path) -> CheckReport:
    """``answer_file`` read, attributed and checked against ``problem_file``."""
    solutions = _solved(problem_file)
    return check_answers(solutions, attribute(read_answers(answer_file), solutions.problem_set))


def check_markdown(problem_file: Path, markdown: str, folder: Path) -> CheckReport:
    """``markdown`` written to ``folder/answers.md`` and checked against ``problem_file``."""
    answer_file = folder / "answers.md"
    answer_file.write_text(markdown, encoding="utf-8")
    return check_file(problem_file, answer_file)
