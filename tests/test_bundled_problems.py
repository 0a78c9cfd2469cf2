"""Every bundled problem file is a test case: it loads, solves with every check passing, and
renders in all four formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from solved import bundled

from symderive.derive.partials import PartialsSolution
from symderive.render.json import render_json
from symderive.render.latex import render_latex
from symderive.render.markdown import render_markdown
from symderive.render.solutions import document_of
from symderive.render.terminal import render_terminal

PROBLEMS = sorted((Path(__file__).resolve().parent.parent / "problems").glob("*.yaml"))


def test_there_are_bundled_problems() -> None:
    assert "q3.yaml" in [path.name for path in PROBLEMS]


@pytest.mark.parametrize("path", PROBLEMS, ids=lambda path: path.name)
def test_bundled_problem_solves_and_renders(path: Path) -> None:
    solutions = bundled(path.stem)
    assert solutions.solutions
    for solution in solutions.solutions:
        if isinstance(solution, PartialsSolution):
            for reading in solution.readings:
                assert len(reading.derivatives) == len(solution.problem.wrt)
                if solution.problem.at is not None and reading.graded:
                    assert reading.evaluation is not None and reading.evaluation.passed
    document = document_of(solutions)
    assert render_terminal(document, color=False)
    assert render_latex(document, fragment=False).rstrip().endswith(r"\end{document}")
    assert render_markdown(document)
    assert json.loads(render_json(solutions))["problems"]
