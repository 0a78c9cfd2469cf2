"""Scores from checked claims: full points, partial credit for a credited diagnosis, nothing for
a contradiction or a missing answer, and a proof problem scored on its chains and statements."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest

from symderive.grade.outcome import ChainOutcome, Checked, ClaimOutcome
from symderive.grade.points import WHOLE_PROBLEM, Part, ProblemPoints, Question, Scheme
from symderive.grade.scoring import score, shown

PARTS = (Part("x1", "dz/dx1", Fraction(2)), Part("x2", "dz/dx2", Fraction(4)))
SCHEME = Scheme(
    (
        Question(
            "q3",
            "q3.yaml",
            None,
            Fraction(14),
            (
                ProblemPoints("a", Fraction(6), PARTS, {"sign": Fraction(1, 2)}),
                ProblemPoints(
                    "p",
                    Fraction(8),
                    (Part(WHOLE_PROBLEM, "the whole", Fraction(8)),),
                    {"matrix-order": Fraction(1, 4)},
                ),
            ),
        ),
    )
)


def _claim(
    problem: str, part: str | None, verdict: str, diagnosis: str | None = None
) -> ClaimOutcome:
    return ClaimOutcome("1:1", 1, problem, part, "d", "t", verdict, "", diagnosis)


def _earned(*claims: ClaimOutcome, chains: tuple[ChainOutcome, ...] = ()) -> dict[str, Fraction]:
    result = score(SCHEME, Checked("f", tuple(claims), chains, ()))
    return {f"{p.problem}.{p.part}": p.earned for q in result.questions for p in q.parts}


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        pytest.param([_claim("a", "x1", "proved")], Fraction(2), id="proved"),
        pytest.param([_claim("a", "x1", "numerically-equal")], Fraction(2), id="numerically-equal"),
        pytest.param([_claim("a", "x1", "refuted", "sign")], Fraction(1), id="credited-sign"),
        pytest.param([_claim("a", "x1", "refuted", "constant-factor")], Fraction(0),
                     id="uncredited-mistake"),
        pytest.param([_claim("a", "x1", "refuted")], Fraction(0), id="refuted"),
        pytest.param([_claim("a", "x1", "unparsed")], Fraction(0), id="unparsed"),
        pytest.param([], Fraction(0), id="missing"),
        pytest.param([_claim("a", "x1", "proved"), _claim("a", "x1", "duplicate")], Fraction(0),
                     id="contradicting-duplicate"),
        pytest.param([_claim("a", "x1", "refuted", "sign"), _claim("a", "x1", "proved")],
                     Fraction(0), id="a-wrong-and-a-right-answer-contradict"),
        pytest.param([_claim("a", "x1", "proved"), _claim("a", "x1", "numerically-equal")],
                     Fraction(2), id="two-right-answers"),
        pytest.param([_claim("a", "x1", "undecided"), _claim("a", "x1", "proved")],
                     Fraction(2), id="an-undecided-one-beside-a-right-one"),
        pytest.param([_claim("a", "x2", "proved")], Fraction(0), id="other-part"),
    ],
)  # fmt: skip
def test_a_part_earns(claims: list[ClaimOutcome], expected: Fraction) -> None:
    assert _earned(*claims)["a.x1"] == expected


def _chain(verdict: str) -> ChainOutcome:
    return ChainOutcome(3, "p", verdict, "")


@pytest.mark.parametrize(
    ("claims", "chains", "status"),
    [
        pytest.param([], [], "missing", id="nothing-written"),
        pytest.param([], [_chain("proved")], "1 chains or statements hold, 0 do not",
                     id="a-proved-chain"),
        pytest.param([], [_chain("proved"), _chain("refuted")],
                     "1 chains or statements hold, 1 do not", id="a-broken-chain"),
        pytest.param([_claim("p", "W", "proved")], [], "1 chains or statements hold, 0 do not",
                     id="a-proved-statement"),
    ],
)  # fmt: skip
def test_a_proof_problem_is_left_to_a_human(
    claims: list[ClaimOutcome], chains: list[ChainOutcome], status: str
) -> None:
    """A chain that holds need not prove what was asked (``y = x = x`` holds): no points are
    given automatically, and the status says what was found."""
    result = score(SCHEME, Checked("f", tuple(claims), tuple(chains), ()))
    (proof,) = [p for q in result.questions for p in q.parts if p.problem == "p"]
    assert proof.earned == 0
    assert proof.status.endswith(status)


def test_a_right_answer_in_a_broken_chain_earns_nothing() -> None:
    broken = replace(_claim("a", "x1", "proved"), chain_broken=True)
    assert _earned(broken)["a.x1"] == 0


def test_totals_add_the_parts() -> None:
    result = score(
        SCHEME,
        Checked("f", (_claim("a", "x1", "proved"), _claim("a", "x2", "refuted", "sign")), (), ()),
    )
    assert result.earned == 4 and result.points == 14
    assert [p.status for p in result.questions[0].parts] == [
        "accepted", "partial credit (sign)", "missing",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("points", "text"),
    [(Fraction(3), "3"), (Fraction(10, 3), "3.33"), (Fraction(5, 2), "2.50"), (Fraction(0), "0")],
    ids=["whole", "third", "half", "zero"],
)
def test_points_are_shown_plainly(points: Fraction, text: str) -> None:
    assert shown(points) == text


def test_entries_of_a_jacobian_do_not_contradict_each_other() -> None:
    """One claim per entry: a wrong entry beside right ones is not two answers to one entry."""
    jacobian = Part("jacobian", "ds/dz", Fraction(4), by_entries=True)
    scheme = Scheme(
        (
            Question(
                "q2",
                "q2.yaml",
                None,
                Fraction(4),
                (ProblemPoints("s", Fraction(4), (jacobian,), {}),),
            ),
        )
    )
    claims = (_claim("s", "jacobian", "proved"), _claim("s", "jacobian", "refuted"))
    result = score(scheme, Checked("f", claims, (), ()))
    (part,) = result.questions[0].parts
    assert part.status != "contradictory answers"


def _entries(rows_columns: range, size: int = 3) -> tuple[tuple[int, int], ...]:
    return tuple((index // size + 1, index % size + 1) for index in rows_columns)


@pytest.mark.parametrize(
    ("claims", "credit", "earned", "status"),
    [
        pytest.param([_entries(range(9))], {}, Fraction(9), "accepted", id="one-claim-all-entries"),
        pytest.param(
            [_entries(range(5)), _entries(range(5, 9))], {}, Fraction(9), "accepted",
            id="entries-over-two-claims",
        ),
        pytest.param(
            [_entries(range(1))], {}, Fraction(0), "incomplete: 1 of 9 entries", id="one-entry"
        ),
        pytest.param(
            [_entries(range(3))], {"incomplete-matrix": Fraction(1, 2)}, Fraction(3, 2),
            "incomplete: 3 of 9 entries", id="credited-share",
        ),
    ],
)  # fmt: skip
def test_a_matrix_part_needs_every_entry(
    claims: list[tuple[tuple[int, int], ...]],
    credit: dict[str, Fraction],
    earned: Fraction,
    status: str,
) -> None:
    """One entry of the softmax Jacobian is not the Jacobian: the part is complete only when the
    accepted claims state all K² entries; a share only where ``credit:`` gives one."""
    jacobian = Part("jacobian", "ds/dz", Fraction(9), by_entries=True, entries=9)
    scheme = Scheme(
        (
            Question(
                "q2",
                "q2.yaml",
                None,
                Fraction(9),
                (ProblemPoints("s", Fraction(9), (jacobian,), credit),),
            ),
        )
    )
    outcomes = tuple(
        replace(_claim("s", "jacobian", "proved"), entries=entries) for entries in claims
    )
    (part,) = score(scheme, Checked("f", outcomes, (), ())).questions[0].parts
    assert (part.earned, part.status) == (earned, status)


@pytest.mark.parametrize(
    ("wrong", "status"),
    [
        pytest.param(((1, 2),), "contradictory answers", id="wrong-entry-also-stated-right"),
        pytest.param((), "accepted", id="wrong-claim-names-no-stated-entry"),
    ],
)
def test_an_entry_stated_right_and_wrong_is_contradictory(
    wrong: tuple[tuple[int, int], ...], status: str
) -> None:
    """The whole matrix accepted (one closed form) and a refuted claim getting entry (1, 2)
    wrong: two answers to that entry, not an incomplete answer."""
    jacobian = Part("jacobian", "ds/dz", Fraction(9), by_entries=True, entries=9)
    scheme = Scheme(
        (
            Question(
                "q2",
                "q2.yaml",
                None,
                Fraction(9),
                (ProblemPoints("s", Fraction(9), (jacobian,), {}),),
            ),
        )
    )
    claims = (
        replace(_claim("s", "jacobian", "proved"), entries=_entries(range(9))),
        replace(_claim("s", "jacobian", "refuted"), entries=wrong),
    )
    (part,) = score(scheme, Checked("f", claims, (), ())).questions[0].parts
    assert part.status == status
