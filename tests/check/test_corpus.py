"""The hand-written answer corpus: every claim's verdict and diagnosis against expected.yaml.

tests/data/corpus holds answers as students write them (Markdown in several notations, and
notebooks built by make_notebooks.py), correct and wrong. expected.yaml records, per file and
line (``cell-N:LINE`` in notebooks), what a correct checker says. Each file is read, attributed
and checked once (files named q2_* against problems/q2.yaml, q3_* against problems/q3.yaml);
then one test per expected claim compares verdict, diagnosis and note, and per file one test
each makes sure no claim was lost or appeared unexpectedly, and that chains and missing answers
match.

Where today's checker is wrong, the case stays recorded with the correct expectation and is
marked ``xfail(strict=True)`` in KNOWN_FAILURES (keyed ``FILE:KEY``, with a one-line reason), so
a fix shows up as an XPASS that fails the run until the entry is removed.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from symderive.check.answers import read_answers
from symderive.check.attribution import attribute
from symderive.check.checker import check_answers
from symderive.check.report import CheckReport, ClaimResult
from symderive.errors import SourceLocation
from symderive.problem import ProblemSet
from symderive.problemfile import load_problem_file
from symderive.solve import SolutionSet, solve_problem_set

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "corpus"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (CORPUS / "expected.yaml").read_text(encoding="utf-8")
)
PROBLEMS_BY_PREFIX = {"q2_": ROOT / "problems" / "q2.yaml", "q3_": ROOT / "problems" / "q3.yaml"}
ACCEPTED = {"proved", "numerically-equal"}

KNOWN_FAILURES: dict[str, str] = {}
"""Corpus cases the checker still gets wrong, as strict xfails with the reason (none today)."""


def problems_for(name: str) -> Path | None:
    """The problem file a corpus file answers, by its name's prefix (None: not in this test)."""
    return next(
        (path for prefix, path in PROBLEMS_BY_PREFIX.items() if name.startswith(prefix)), None
    )


CORPUS_FILES = sorted(name for name in EXPECTED if problems_for(name) is not None)


@cache
def solved(problems: Path) -> tuple[ProblemSet, SolutionSet]:
    problem_set = load_problem_file(problems)
    return problem_set, solve_problem_set(problem_set)


@cache
def report(name: str) -> CheckReport:
    problems = problems_for(name)
    assert problems is not None
    problem_set, solutions = solved(problems)
    answers = attribute(read_answers(CORPUS / name), problem_set)
    return check_answers(solutions, answers)


def location_key(location: SourceLocation) -> str:
    """``12`` in a Markdown file, ``cell-3:5`` in a notebook (cell 3, line 5 of that cell)."""
    file = location.file or ""
    cell = file.split("#", 1)[1] + ":" if "#" in file else ""
    return f"{cell}{location.line}"


def expected_claims(name: str) -> dict[str, dict[str, Any]]:
    return {str(key): value for key, value in (EXPECTED[name].get("claims") or {}).items()}


@cache
def observed_claims(name: str) -> dict[str, ClaimResult]:
    found: dict[str, ClaimResult] = {}
    for result in report(name).results:
        key = location_key(result.claim.location)
        assert key not in found, f"{name}: two claims start at {key}; keep one claim per line"
        found[key] = result
    return found


def summary(result: ClaimResult, expectation: dict[str, Any]) -> dict[str, Any]:
    """What the checker said, in the expectation's terms (so a mismatch reads as a diff)."""
    verdict = result.verdict.value
    if expectation.get("verdict") == "accepted" and verdict in ACCEPTED:
        verdict = "accepted"
    said: dict[str, Any] = {
        "verdict": verdict,
        "diagnosis": result.diagnosis.code if result.diagnosis is not None else None,
    }
    note = expectation.get("note")
    if note is not None:
        said["note"] = note if any(note in text for text in result.notes) else list(result.notes)
    return said


def wanted(expectation: dict[str, Any]) -> dict[str, Any]:
    shown = {"verdict": expectation["verdict"], "diagnosis": expectation.get("diagnosis")}
    if "note" in expectation:
        shown["note"] = expectation["note"]
    return shown


def _param(name: str, key: str) -> Any:
    case = f"{name}:{key}"
    marks = []
    if case in KNOWN_FAILURES:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[case]))
    return pytest.param(name, key, id=case, marks=marks)


CLAIM_CASES = [_param(name, key) for name in CORPUS_FILES for key in expected_claims(name)]
MISSING_CASES = [_param(name, "missing") for name in CORPUS_FILES]


@pytest.mark.parametrize(("name", "key"), CLAIM_CASES)
def test_claim_verdict_and_diagnosis(name: str, key: str) -> None:
    expectation = expected_claims(name)[key]
    found = observed_claims(name)
    assert key in found, f"{name}:{key}: no claim reported there (claims at {sorted(found)})"
    result = found[key]
    assert summary(result, expectation) == wanted(expectation), (
        f"{name}:{key} {result.claim.text!r} ({result.claim.problem_id}): notes {result.notes}"
    )


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_no_claim_lost_or_unexpected(name: str) -> None:
    expected = set(expected_claims(name))
    observed = set(observed_claims(name))
    assert {
        "reported but not expected": sorted(observed - expected),
        "expected but not reported": sorted(expected - observed),
    } == {"reported but not expected": [], "expected but not reported": []}


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_step_chains(name: str) -> None:
    expected = {str(key): value for key, value in (EXPECTED[name].get("chains") or {}).items()}
    observed = {location_key(c.chain.location): c.verdict.value for c in report(name).chains}
    assert observed == expected


@pytest.mark.parametrize(("name", "key"), MISSING_CASES)
def test_missing_answers(name: str, key: str) -> None:
    expected = sorted(EXPECTED[name].get("missing") or [])
    observed = sorted(f"{m.problem_id} {m.target}" for m in report(name).missing)
    assert observed == expected


def test_known_failures_name_real_cases() -> None:
    cases = {case.id for case in CLAIM_CASES + MISSING_CASES}
    assert sorted(set(KNOWN_FAILURES) - cases) == []


def test_corpus_size_and_counts(capsys: pytest.CaptureFixture[str]) -> None:
    """At least 90 answers, two notebooks, several Markdown files; the counts are printed."""
    per_file = {name: len(expected_claims(name)) for name in CORPUS_FILES}
    verdicts = Counter(
        (claim["verdict"], claim.get("diagnosis"))
        for name in CORPUS_FILES
        for claim in expected_claims(name).values()
    )
    agreeing = sum(
        summary(observed_claims(name)[key], claim) == wanted(claim)
        for name in CORPUS_FILES
        for key, claim in expected_claims(name).items()
        if key in observed_claims(name)
    )
    total = sum(per_file.values())
    with capsys.disabled():
        print(f"\ncorpus: {total} answers in {len(per_file)} files; checker agrees on {agreeing}")
        for (verdict, diagnosis), count in sorted(verdicts.items(), key=lambda item: -item[1]):
            print(f"  {count:4d}  {verdict}{f' ({diagnosis})' if diagnosis else ''}")
    assert total >= 90
    assert sum(name.endswith(".ipynb") for name in per_file) >= 2
    assert sum(name.endswith(".md") for name in per_file) >= 3
