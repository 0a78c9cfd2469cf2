"""The claim cache: keys from what a verdict depends on, entries as atomic JSON files, bad
entries as misses, and identical answers of two students checked once."""

from __future__ import annotations

import multiprocessing
from dataclasses import replace
from pathlib import Path

import pytest

from symderive.check.answers import read_answers
from symderive.check.attribution import attribute
from symderive.grade.cache import ClaimCache, claim_key, normalised_text, problems_digest
from symderive.grade.outcome import check_submission
from symderive.problemfile import load_problem_file
from symderive.solve import solve_problem_set

ROOT = Path(__file__).resolve().parents[2]
ANSWER = "# Q3 (a)\n\n$\\frac{\\partial z}{\\partial x_3} = {value}$\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dz/dx1 =  1", "dz/dx1=1"),
        ("  a\n\tb ", "a b"),
        ("x 2", "x 2"),
        ("\\cdot x", "\\cdot x"),
        ("- 6 x_3", "-6 x_3"),
    ],
    ids=["around-equals", "newline-and-tab", "between-letter-and-digit", "after-a-command", "sign"],
)
def test_white_space_is_normalised(text: str, expected: str) -> None:
    assert normalised_text(text) == expected


def test_an_entry_round_trips_and_a_corrupt_one_is_a_miss(tmp_path: Path) -> None:
    cache = ClaimCache(tmp_path)
    cache.put("ab" + "0" * 62, {"verdict": "proved"})
    assert cache.get("ab" + "0" * 62) == {"verdict": "proved"}
    (tmp_path / "ab" / ("ab" + "0" * 62 + ".json")).write_text("{not json")
    assert cache.get("ab" + "0" * 62) is None
    assert (cache.hits, cache.misses) == (1, 1)
    assert not list(tmp_path.rglob("*.tmp"))


def _put_many(folder: str, start: int) -> None:
    cache = ClaimCache(Path(folder))
    for index in range(200):
        cache.put(f"cd{index:062d}", {"writer": start, "index": index})


def test_concurrent_writers_leave_whole_entries(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_put_many, args=(str(tmp_path), n)) for n in range(3)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(60)
    cache = ClaimCache(tmp_path)
    assert all(cache.get(f"cd{index:062d}") is not None for index in range(200))


def _answers(tmp_path: Path, name: str, value: str):  # type: ignore[no-untyped-def]
    path = tmp_path / f"{name}.md"
    path.write_text(ANSWER.replace("{value}", value), encoding="utf-8")
    return path


def test_identical_answers_of_two_students_are_checked_once(tmp_path: Path) -> None:
    problems = load_problem_file(ROOT / "problems" / "q3.yaml")
    solutions = solve_problem_set(problems)
    digest = problems_digest([(ROOT / "problems" / "q3.yaml").read_text()])
    cache = ClaimCache(tmp_path / "cache")
    first = attribute(read_answers(_answers(tmp_path, "ann", "-6x_3")), problems)
    second = attribute(read_answers(_answers(tmp_path, "ben", " - 6x_3")), problems)
    assert claim_key(digest, first.claims[0], ()) == claim_key(digest, second.claims[0], ())
    one = check_submission(solutions, first, cache, digest)
    two = check_submission(solutions, second, cache, digest)
    assert (one.hits, one.misses, two.hits, two.misses) == (0, 1, 1, 0)
    assert one.claims[0].verdict == two.claims[0].verdict == "proved"
    assert two.claims[0].cached and not one.claims[0].cached
    assert [m[:2] for m in one.missing] == [m[:2] for m in two.missing]


def test_a_different_answer_or_problem_file_is_another_key(tmp_path: Path) -> None:
    problems = load_problem_file(ROOT / "problems" / "q3.yaml")
    claim = attribute(read_answers(_answers(tmp_path, "ann", "-6x_3")), problems).claims[0]
    other = attribute(read_answers(_answers(tmp_path, "ben", "6x_3")), problems).claims[0]
    assert claim_key("d1", claim, ()) != claim_key("d1", other, ())
    assert claim_key("d1", claim, ()) != claim_key("d2", claim, ())


def test_the_same_text_with_another_value_is_another_key(tmp_path: Path) -> None:
    """Consecutive formulas about one derivative make one claim that shows the first formula's
    text but states the last one's value: the key must follow the value, or one student's
    refuted answer could be served as another's proved one."""
    problems = load_problem_file(ROOT / "problems" / "q3.yaml")
    claim = attribute(read_answers(_answers(tmp_path, "ann", "-6x_3")), problems).claims[0]
    other = replace(claim, value=claim.value + 1)
    assert claim_key("d", claim, ()) != claim_key("d", other, ())


def test_a_cached_refutation_keeps_its_diagnosis(tmp_path: Path) -> None:
    problems = load_problem_file(ROOT / "problems" / "q3.yaml")
    solutions = solve_problem_set(problems)
    cache = ClaimCache(tmp_path / "cache")
    answers = attribute(read_answers(_answers(tmp_path, "ann", "6x_3")), problems)
    fresh = check_submission(solutions, answers, cache, "d").claims[0]
    again = check_submission(solutions, answers, cache, "d").claims[0]
    assert fresh.diagnosis == again.diagnosis == "sign"
    assert (fresh.verdict, fresh.evidence, fresh.notes) == (
        again.verdict,
        again.evidence,
        again.notes,
    )


@pytest.mark.parametrize(
    ("value", "verdict"),
    [("-6x_3 + 10^{-30}", "refuted"), ("-6x_3 + \\sin^2(x_3) + \\cos^2(x_3) - 1", "undecided")],
    ids=["tiny-constant", "identity-needing-a-proof"],
)
def test_verdicts_reached_with_the_budget_spent_are_never_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, verdict: str
) -> None:
    """With the file's shared budget spent, a tiny constant is still refuted exactly, agreement
    alone is only "undecided", and neither is stored for the next student."""
    from symderive.check import checker

    monkeypatch.setattr(checker, "CHECK_BUDGET_SECONDS", 0.0)
    problems = load_problem_file(ROOT / "problems" / "q3.yaml")
    solutions = solve_problem_set(problems)
    digest = problems_digest([(ROOT / "problems" / "q3.yaml").read_text()])
    cache = ClaimCache(tmp_path / "cache")
    first = attribute(read_answers(_answers(tmp_path, "ann", value)), problems)
    second = attribute(read_answers(_answers(tmp_path, "ben", value)), problems)
    one = check_submission(solutions, first, cache, digest)
    two = check_submission(solutions, second, cache, digest)
    assert one.claims[0].verdict == two.claims[0].verdict == verdict
    assert (one.hits, two.hits) == (0, 0)
    assert not two.claims[0].cached
