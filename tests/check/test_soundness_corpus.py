"""A soundness corpus (issue 12): wrong answers built to fool the checker are never accepted, and
right answers written in unusual forms always are.

Each file in tests/data/soundness is a Markdown answer file: every claim sits under its own
heading (the problem's id, so consecutive claims never make a step chain) with an HTML comment
naming its class. Each file is checked with one ``check_answers`` call; each problem set is
solved once per session. The checker mistakes found while building the corpus (a wrong value at
one smooth point, overlapping guards with one value, sech unread, a resonant softmax entry that
exhausted memory) are fixed, and their claims are in the files.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from checking import check_file

from symderive.check.equivalence import Verdict
from symderive.check.report import ClaimResult

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "soundness"
PROBLEMS = {
    "q3": ROOT / "problems" / "q3.yaml",
    "activations": ROOT / "problems" / "activations.yaml",
    "q2": ROOT / "tests" / "data" / "grade" / "q2.yaml",
    "neurons": ROOT / "problems" / "neurons.yaml",
}
ACCEPTED = {Verdict.PROVED, Verdict.NUMERICALLY_EQUAL}
# not accepted, and not a duplicate (a duplicate means another answer to the target disagreed)
NOT_ACCEPTED = {Verdict.REFUTED, Verdict.UNDECIDED, Verdict.UNPARSED}
WRONG_FILES = ["wrong_q3.md", "wrong_activations.md", "wrong_q2.md", "wrong_neurons.md"]
RIGHT_FILES = ["right_q3.md", "right_activations.md", "right_q2.md", "right_neurons.md"]
WRONG_CLASSES = {
    "cases-off-by-a-constant",
    "resonant",
    "far-beyond-three",
    "tiny",
    "parameter-value",
    "sign",
    "factor",
    "missing-chain-factor",
    "guards-overlap-or-empty",
    "infinite-values",
    "jacobian",
    "function-not-derivative",
    "own-ideas",
    "wrong-value-at-a-point",
    "restated-or-redefined",
}
RIGHT_CLASSES = {
    "exponentials",
    "hyperbolic-or-sigmoid",
    "reordered-or-factored",
    "rewritten-constant",
    "fractions-and-powers",
    "chain-rule-products",
    "parameter-as-number-or-name",
    "cases-rewritten",
    "jacobian",
    "value-at-the-point",
    "answer-defined-functions",
}

_HEADING = re.compile(r"^# (\S+)\s*$")
_CLASS = re.compile(r"^<!-- ([a-z-]+) -->\s*$")

_checked: dict[str, list[tuple[Intended, ClaimResult]]] = {}


@dataclass(frozen=True)
class Intended:
    """What the corpus file says about a claim: its line, problem and class."""

    line: int
    problem_id: str
    kind: str
    text: str


def _problem_key(file_name: str) -> str:
    return file_name.removesuffix(".md").split("_", 1)[1]


def _intended(path: Path) -> dict[int, Intended]:
    """Every claim line of a corpus file, with the heading and class comment above it."""
    claims: dict[int, Intended] = {}
    heading = kind = ""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if match := _HEADING.match(line):
            heading, kind = match.group(1), ""
        elif (match := _CLASS.match(line)) and heading:
            kind = match.group(1)
        elif line.startswith("$$"):
            assert heading and kind, f"{path.name}:{number}: a claim without heading or class"
            claims[number] = Intended(number, heading, kind, line)
    return claims


def _checked_file(file_name: str) -> list[tuple[Intended, ClaimResult]]:
    """The file checked once per session, each result paired with what the file intends."""
    if file_name not in _checked:
        path = DATA / file_name
        report = check_file(PROBLEMS[_problem_key(file_name)], path)
        intended = _intended(path)
        results = {result.claim.location.line: result for result in report.results}
        assert sorted(results) == sorted(intended), (
            f"{file_name}: claims read at lines {sorted(set(results) ^ set(intended))} "
            "do not match the corpus lines one to one"
        )
        assert len(report.results) == len(intended), f"{file_name}: two claims on one line"
        _checked[file_name] = [(intended[line], results[line]) for line in sorted(intended)]
    return _checked[file_name]


def _offences(file_name: str, allowed: set[Verdict]) -> list[str]:
    offences = []
    for intended, result in _checked_file(file_name):
        wrong_problem = result.claim.problem_id != intended.problem_id
        if result.verdict not in allowed or wrong_problem:
            offences.append(
                f"{file_name}:{result.claim.location.line} [{intended.kind}] "
                f"{result.claim.text!r}: {result.verdict.value} "
                f"(problem {result.claim.problem_id}, intended {intended.problem_id}; "
                f"notes: {'; '.join(result.notes)})"
            )
    return offences


@pytest.mark.parametrize("file_name", WRONG_FILES)
def test_wrong_answers_are_never_accepted(file_name: str) -> None:
    offences = _offences(file_name, NOT_ACCEPTED)
    assert not offences, "wrong answers accepted or misattributed:\n" + "\n".join(offences)


@pytest.mark.parametrize("file_name", RIGHT_FILES)
def test_right_answers_in_unusual_forms_are_accepted(file_name: str) -> None:
    offences = _offences(file_name, ACCEPTED)
    assert not offences, "right answers not accepted or misattributed:\n" + "\n".join(offences)


def _classes(file_names: list[str]) -> Counter[str]:
    return Counter(intended.kind for name in file_names for intended, _ in _checked_file(name))


def test_the_corpus_is_large_and_covers_every_class() -> None:
    """At least 150 wrong and 150 right claims, counted in the reports, in every class."""
    wrong, right = _classes(WRONG_FILES), _classes(RIGHT_FILES)
    assert sum(wrong.values()) >= 150, wrong
    assert sum(right.values()) >= 150, right
    assert set(wrong) == WRONG_CLASSES, set(wrong) ^ WRONG_CLASSES
    assert set(right) == RIGHT_CLASSES, set(right) ^ RIGHT_CLASSES
