"""Grading one submission: read, attribute, check (through the cache), score.

``Setup`` is everything the class shares, built once in the parent before the workers fork
(problem files loaded and solved once, not once per student). ``grade_submission`` runs in a
worker and returns a ``StudentResult``: plain, picklable data, so a worker's answer crosses the
process boundary without SymPy objects.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from symderive.check.attribution import attribute
from symderive.check.checker import prepare
from symderive.errors import ProblemFileError, SymderiveError
from symderive.grade.cache import ClaimCache, problems_digest
from symderive.grade.outcome import Checked, check_submission
from symderive.grade.points import Scheme, question_of
from symderive.grade.scoring import Score, score
from symderive.grade.submission import Submission, read_submission
from symderive.inputfile import read_limited
from symderive.problem import ProblemSet
from symderive.problemfile import load_problem_file, load_problem_files
from symderive.solve import SolutionSet, solve_problem_set
from symderive.yamlsource import MAX_FILE_BYTES

GRADED = "graded"
ERROR = "error"
WARM_UP = "# Warm-up\n\n$\\frac{\\partial z}{\\partial x_1} = 1$\n\n`dz/dx1 = 1`\n"


@dataclass(frozen=True)
class Setup:
    """The problems, solved once, the points scheme, and where the cache lives (or None)."""

    problem_set: ProblemSet
    solutions: SolutionSet
    scheme: Scheme
    digest: str
    cache_folder: Path | None


@dataclass(frozen=True)
class StudentResult:
    """One submission's result: ``status`` is ``graded`` or ``error`` (with ``reason``)."""

    name: str
    paths: tuple[str, ...]
    status: str
    reason: str | None = None
    score: Score | None = None
    checked: Checked | None = None
    seconds: float = field(default=0.0, compare=False)


def load_setup(problem_paths: list[Path], cache_folder: Path | None) -> Setup:
    """Load and solve the problem files, and read their points (errors are located)."""
    problem_set = load_problem_files(problem_paths)
    solutions = solve_problem_set(problem_set)
    questions = []
    for path in problem_paths:
        own = load_problem_file(path)
        ids = {problem.id for problem in own.problems}
        own_solutions = SolutionSet(
            own, tuple(s for s in solutions.solutions if s.problem.id in ids)
        )
        questions.append(question_of(path, own, own_solutions))
    texts = [_problem_text(path) for path in problem_paths]
    return Setup(
        problem_set, solutions, Scheme(tuple(questions)), problems_digest(texts), cache_folder
    )


def _problem_text(path: Path) -> str:
    """A problem file's text for the cache's digest, newlines read as text mode reads them (so
    the digests, and the cache entries they key, stay as they were)."""
    data = read_limited(path, MAX_FILE_BYTES, ProblemFileError)
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def warm_up(setup: Setup) -> None:
    """Build the parsers and compile every target once in the parent, so that every forked
    worker inherits them instead of building them again (a large share of a small submission's
    time)."""
    prepare(setup.solutions)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "warm-up.md"
        path.write_text(WARM_UP, encoding="utf-8")
        with contextlib.suppress(SymderiveError):
            attribute(read_submission(Submission("warm-up", (path,))), setup.problem_set)


def failed(submission: Submission, reason: str, seconds: float = 0.0) -> StudentResult:
    """A submission that could not be graded, and why."""
    paths = tuple(str(path) for path in submission.paths)
    return StudentResult(submission.name, paths, ERROR, reason, seconds=seconds)


def grade_submission(setup: Setup, submission: Submission) -> StudentResult:
    """Read, attribute, check and score one submission; bad input is an ``error`` result."""
    started = time.perf_counter()
    try:
        answers = attribute(read_submission(submission), setup.problem_set)
    except SymderiveError as error:
        reason = error.render().splitlines()[0].removeprefix("error: ")
        return failed(submission, reason, time.perf_counter() - started)
    cache = ClaimCache(setup.cache_folder)
    checked = check_submission(setup.solutions, answers, cache, setup.digest)
    return StudentResult(
        submission.name,
        tuple(str(path) for path in submission.paths),
        GRADED,
        score=score(setup.scheme, checked),
        checked=checked,
        seconds=time.perf_counter() - started,
    )
