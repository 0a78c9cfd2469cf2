"""Round trip: what ``symderive solve`` exports, read back by ``symderive check``, is all correct.

This is the strongest end-to-end test of the checker: hundreds of claims in the notations our
own renderers print (Leibniz, operator form, backprop tables and sweeps, boxed results, cases,
chains with stated assumptions), each of which must come back proved.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from solved import bundled
from typer.testing import CliRunner

from symderive.check.answers import read_answers
from symderive.check.attribution import attribute
from symderive.check.checker import check_answers
from symderive.check.equivalence import Verdict
from symderive.cli import app
from symderive.problemfile import load_problem_file
from symderive.render.latex import render_latex
from symderive.render.markdown import render_markdown
from symderive.render.solutions import document_of
from symderive.solve import SolutionSet

PROBLEMS = Path(__file__).resolve().parent.parent.parent / "problems"
CHECKED_KINDS = {"partials", "activation", "linear-collapse"}
"""The kinds whose solutions state derivatives or proofs that ``check`` reads back."""
ROUND_TRIP = sorted(
    path.name
    for path in PROBLEMS.glob("*.yaml")
    if {problem.kind for problem in load_problem_file(path).problems} & CHECKED_KINDS
)


def _solved(name: str) -> SolutionSet:
    """Each file solved once for both export formats (solving is half of each test's time)."""
    return bundled(Path(name).stem)


def test_every_derivative_problem_file_round_trips() -> None:
    assert {"q1.yaml", "q2.yaml", "q3.yaml", "activations.yaml"} <= set(ROUND_TRIP)


def _exported(name: str, export_format: str, folder: Path) -> Path:
    """The solution printed in ``export_format`` (in this process, from the solved set: no
    pictures are drawn and nothing is solved twice)."""
    document = document_of(_solved(name))
    if export_format == "markdown":
        exported, text = folder / "solution.md", render_markdown(document)
    else:
        exported, text = folder / "solution.tex", render_latex(document, fragment=False)
    exported.write_text(text, encoding="utf-8")
    return exported


def test_the_command_line_export_round_trips(tmp_path: Path) -> None:
    """Once through ``solve -o`` itself, pictures and all: the file a student hands in."""
    exported = tmp_path / "solution.tex"
    result = CliRunner().invoke(
        app, ["solve", str(PROBLEMS / "q3.yaml"), "--format", "latex", "-o", str(exported)]
    )
    assert result.exit_code == 0, result.output
    _assert_all_correct("q3.yaml", exported)


LATEX_ONLY = {"activations.yaml", "neurons.yaml"}
"""The two largest files round-trip through LaTeX only: their Markdown export holds the very same
LaTeX formulas between dollars, and reading Markdown is covered by the other files."""
EXPORTS = [
    (name, export_format)
    for name in ROUND_TRIP
    for export_format in ("markdown", "latex")
    if export_format == "latex" or name not in LATEX_ONLY
]


@pytest.mark.parametrize(("name", "export_format"), EXPORTS, ids=[f"{n}-{f}" for n, f in EXPORTS])
def test_exported_solution_checks_as_correct(name: str, export_format: str, tmp_path: Path) -> None:
    _assert_all_correct(name, _exported(name, export_format, tmp_path))


def _assert_all_correct(name: str, exported: Path) -> None:
    solutions = _solved(name)
    report = check_answers(solutions, attribute(read_answers(exported), solutions.problem_set))
    verdicts = [r.verdict for r in report.results] + [c.verdict for c in report.chains]
    assert verdicts, "the export states no claims"
    wrong = [
        (r.claim.location.line, r.claim.text, r.verdict.value, r.notes)
        for r in report.results
        if r.verdict is not Verdict.PROVED
    ] + [
        (c.chain.location.line, c.verdict.value, c.note)
        for c in report.chains
        if c.verdict is not Verdict.PROVED
    ]
    assert wrong == []
    assert report.missing == ()
    assert report.exit_code == 0
