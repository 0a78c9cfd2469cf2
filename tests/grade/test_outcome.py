"""Grading's plain-data outcomes agree with ``symderive check`` itself, cached or not."""

from __future__ import annotations

from pathlib import Path

import pytest

from symderive.check.answers import read_answers
from symderive.check.attribution import attribute
from symderive.check.checker import check_answers
from symderive.grade.cache import ClaimCache
from symderive.grade.outcome import check_submission
from symderive.problemfile import load_problem_file
from symderive.solve import solve_problem_set

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "corpus"


@pytest.mark.parametrize("name", ["q3_gus.md", "q3_bob.md", "q2_dana.md"])
def test_verdicts_and_missing_answers_match_check(name: str, tmp_path: Path) -> None:
    problems = load_problem_file(ROOT / "problems" / f"{name[:2]}.yaml")
    solutions = solve_problem_set(problems)
    answers = attribute(read_answers(CORPUS / name), problems)
    report = check_answers(solutions, answers)
    expected = [(r.claim.location.line, r.verdict.value) for r in report.results]
    expected_missing = sorted((m.problem_id, m.target) for m in report.missing)
    cache = ClaimCache(tmp_path)
    for _ in range(2):  # checked, then from the cache
        checked = check_submission(solutions, answers, cache, "digest")
        assert [(claim.line, claim.verdict) for claim in checked.claims] == expected
        assert sorted((problem, name) for problem, _, name in checked.missing) == expected_missing
        assert [chain.verdict for chain in checked.chains] == [
            chain.verdict.value for chain in report.chains
        ]
    assert checked.hits > 0 and checked.misses == 0
