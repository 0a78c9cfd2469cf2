"""Points per file, problem and part, even splits, and mistake credit, read from problem files."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from symderive.check.mistakes import DiagnosisCode
from symderive.errors import ProblemFileError
from symderive.grade.points import WHOLE_PROBLEM, Question, question_of
from symderive.problemfile import load_problem_file
from symderive.solve import solve_problem_set

ROOT = Path(__file__).resolve().parents[2]


def _question(tmp_path: Path, text: str) -> Question:
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    problem_set = load_problem_file(path)
    return question_of(path, problem_set, solve_problem_set(problem_set))


PARTIALS = """
  - id: {id}
    kind: partials
    expression: "z = x1 + 5*x2 - 3*x3^2"
"""


def _file(header: str, *problems: str) -> str:
    return header + "\nproblems:\n" + "".join(problems)


def test_the_course_q3_splits_each_problem_evenly_over_its_derivatives() -> None:
    path = ROOT / "problems" / "q3.yaml"
    problem_set = load_problem_file(path)
    question = question_of(path, problem_set, solve_problem_set(problem_set))
    assert question.points == 30
    q3b = question.problems[1]
    assert [part.key for part in q3b.parts] == ["x1", "x2", "x3", "x4"]
    assert {part.points for part in q3b.parts} == {Fraction(5, 2)}
    assert sum(part.points for problem in question.problems for part in problem.parts) == 30


def test_a_proof_problem_is_one_part_worth_all_its_points() -> None:
    path = ROOT / "problems" / "q1.yaml"
    problem_set = load_problem_file(path)
    question = question_of(path, problem_set, solve_problem_set(problem_set))
    first = question.problems[0]
    assert (first.problem_id, first.whole, first.points) == ("q1a", True, 8)
    assert question.problems[0].parts[0].key == WHOLE_PROBLEM


def test_part_points_fix_some_parts_and_the_rest_share_what_is_left(tmp_path: Path) -> None:
    problem = PARTIALS.format(id="a") + "    points: 10\n    part_points: {x_3: 6}\n"
    question = _question(tmp_path, _file("title: t", problem))
    assert {part.key: part.points for part in question.problems[0].parts} == {
        "x1": 2,
        "x2": 2,
        "x3": 6,
    }


def test_file_points_are_shared_by_problems_without_points(tmp_path: Path) -> None:
    question = _question(
        tmp_path,
        _file(
            "points: 20",
            PARTIALS.format(id="a") + "    points: 11\n",
            PARTIALS.format(id="b"),
            PARTIALS.format(id="c"),
        ),
    )
    assert [problem.points for problem in question.problems] == [11, Fraction(9, 2), Fraction(9, 2)]


def test_without_any_points_each_problem_is_worth_one(tmp_path: Path) -> None:
    question = _question(tmp_path, _file("title: t", PARTIALS.format(id="a")))
    assert question.points == 1 and question.problems[0].points == 1


def test_problem_credit_overrides_the_files(tmp_path: Path) -> None:
    question = _question(
        tmp_path,
        _file(
            "credit: {sign: 0.5, constant-factor: 1/4}",
            PARTIALS.format(id="a") + "    credit: {sign: 0.75}\n",
            PARTIALS.format(id="b"),
        ),
    )
    assert question.problems[0].credit == {
        "sign": Fraction(3, 4),
        "constant-factor": Fraction(1, 4),
    }
    assert question.problems[1].credit == {
        "sign": Fraction(1, 2),
        "constant-factor": Fraction(1, 4),
    }


def test_an_unknown_mistake_lists_every_code_the_checker_names(tmp_path: Path) -> None:
    with pytest.raises(ProblemFileError) as raised:
        _question(tmp_path, _file("credit: {zzz: 0.5}", PARTIALS.format(id="a")))
    known = ", ".join(code.value for code in DiagnosisCode)
    assert raised.value.message == f"unknown mistake 'zzz' in 'credit' (known: {known})"


@pytest.mark.parametrize(
    ("header", "extra", "message", "line"),
    [
        pytest.param("title: t", "    part_points: {x4: 1}\n", "has no part 'x4'", 7, id="no-part"),
        pytest.param(
            "title: t", "    part_points: {x11: 1}\n", "did you mean 'x1'", 7, id="part-typo"
        ),
        pytest.param(
            "credit: {sing: 0.5}", "", "unknown mistake 'sing' in 'credit'; did you mean 'sign'",
            1, id="credit-typo",
        ),
        pytest.param("credit: {sign: 2}", "", "a fraction from 0 to 1", 1, id="credit-above-one"),
        pytest.param(
            "title: t", "    points: 3\n    part_points: {x1: 2, x2: 2}\n", "more than 3", 8,
            id="parts-exceed",
        ),
        pytest.param("points: 5", "    points: 7\n", "more than 5", 1, id="problems-exceed"),
        pytest.param(
            "title: t", "    points: 3\n    part_points: {x1: 1, x2: 1, x3: 0}\n", "not 3", 8,
            id="parts-fall-short",
        ),
    ],
)  # fmt: skip
def test_bad_points_are_located_errors(
    tmp_path: Path, header: str, extra: str, message: str, line: int
) -> None:
    with pytest.raises(ProblemFileError) as raised:
        _question(tmp_path, _file(header, PARTIALS.format(id="a") + extra))
    assert message in raised.value.message
    assert raised.value.location is not None and raised.value.location.line == line


def test_unknown_grading_keys_stay_did_you_mean_errors(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(_file("title: t", PARTIALS.format(id="a") + "    part_point: {x1: 1}\n"))
    with pytest.raises(ProblemFileError, match="did you mean 'part_points'"):
        load_problem_file(path)


@settings(max_examples=30, deadline=None)
@given(
    total=st.integers(min_value=0, max_value=4000).map(lambda n: Fraction(n, 40)),
    fixed=st.lists(st.fractions(min_value=0, max_value=5, max_denominator=4), max_size=2),
)
def test_parts_always_add_up_to_the_problem_exactly(
    tmp_path_factory: pytest.TempPathFactory, total: Fraction, fixed: list[Fraction]
) -> None:
    part_points = ", ".join(f"x{index + 1}: {value}" for index, value in enumerate(fixed))
    problem = (
        PARTIALS.format(id="a")
        + f"    points: {float(total)}\n    part_points: {{{part_points}}}\n"
    )
    directory = tmp_path_factory.mktemp("points")
    if sum(fixed) > total:
        with pytest.raises(ProblemFileError):
            _question(directory, _file("title: t", problem))
        return
    question = _question(directory, _file("title: t", problem))
    parts = question.problems[0].parts
    assert sum(part.points for part in parts) == total
    assert all(part.points >= 0 for part in parts)
