"""How many answers of the notation corpus (tests/data/notation) are read and get the right verdict.

The corpus (issue 13) holds answers written the way people write them (course notes, textbooks,
Q&A sites, homework), in notation classes, each answer right or wrong by SymPy's derivative;
tests/data/notation/expected.yaml lists them. Every answer file is read, attributed and checked
in-process against its problem file (each problem file solved once), as ``symderive check`` does.

An answer counts as
  read           when a claim that parses is reported where it stands (its line, or its lines
                 from ``line`` to ``end``; on a line holding several answers, the claim whose
                 problem and derivative match the answer's ``target``);
  right verdict  when a right answer is proved or numerically-equal, or a wrong one refuted (a
                 refuted claim or step chain anywhere in the answer refutes it);
  wrong accepted when a wrong answer is proved or numerically-equal with nothing in it refuted:
                 a soundness bug, which must never happen.

    python benchmarks/notation.py
    python benchmarks/notation.py --class primes --show
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from symderive.check.answers import read_answers  # noqa: E402
from symderive.check.attribution import attribute  # noqa: E402
from symderive.check.checker import check_answers  # noqa: E402
from symderive.check.report import CheckReport, ClaimResult  # noqa: E402
from symderive.errors import SourceLocation  # noqa: E402
from symderive.problem import ProblemSet  # noqa: E402
from symderive.problemfile import load_problem_file  # noqa: E402
from symderive.solve import SolutionSet, solve_problem_set  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "notation"
MANIFEST = CORPUS / "expected.yaml"
BASELINE = CORPUS / "baseline.yaml"
ACCEPTED = {"proved", "numerically-equal"}


@dataclass(frozen=True)
class Answer:
    """One answer of the manifest."""

    file: str
    line: int | str
    end: int | None
    cls: str
    expect: str
    target: str
    why: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Outcome:
    """What the checker made of one answer."""

    answer: Answer
    read: bool
    verdict: str
    claims: tuple[str, ...]

    @property
    def right_verdict(self) -> bool:
        if self.answer.expect == "right":
            return self.verdict in ACCEPTED
        return self.verdict == "refuted"

    @property
    def wrong_accepted(self) -> bool:
        return self.answer.expect == "wrong" and self.verdict in ACCEPTED


def load_manifest() -> tuple[dict[str, dict[str, Any]], list[Answer]]:
    """The manifest's files (name → entry) and every answer, in file order."""
    files: dict[str, dict[str, Any]] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))["files"]
    answers = [
        Answer(
            file=name,
            line=entry["line"],
            end=entry.get("end"),
            cls=entry["class"],
            expect=entry["expect"],
            target=entry.get("target", ""),
            why=entry.get("why", ""),
        )
        for name, spec in files.items()
        for entry in spec["answers"]
    ]
    return files, answers


def location_key(location: SourceLocation) -> tuple[str, int]:
    """(``cell-N`` in a notebook, else ``""``; the line)."""
    file = location.file or ""
    return (file.split("#", 1)[1] if "#" in file else "", location.line or 0)


def answer_key(answer: Answer) -> tuple[str, int, int]:
    """(cell, first line, last line) of an answer."""
    if isinstance(answer.line, str):
        cell, line = answer.line.split(":")
        return cell, int(line), int(answer.end or line)
    return "", answer.line, answer.end or answer.line


def _matches_target(result: ClaimResult, target: str) -> bool:
    if result.target is None:
        return False
    return target == f"{result.target.problem_id} {result.target.name}"


def outcomes_of(answers: list[Answer], report: CheckReport) -> list[Outcome]:
    """Each answer of one file, judged by the claims and chains the report places in it."""
    shared: dict[tuple[str, int, int], int] = {}
    for answer in answers:
        shared[answer_key(answer)] = shared.get(answer_key(answer), 0) + 1
    found = []
    for answer in answers:
        cell, first, last = answer_key(answer)

        def inside(
            location: SourceLocation, cell: str = cell, first: int = first, last: int = last
        ) -> bool:
            where = location_key(location)
            return where[0] == cell and first <= where[1] <= last

        results = [r for r in report.results if inside(r.claim.location)]
        chains = [c for c in report.chains if inside(c.chain.location)]
        if shared[answer_key(answer)] > 1:  # several answers on one line: match by target
            results = [r for r in results if _matches_target(r, answer.target)]
            chains = []
        # a step chain counts only beside a claim of the answer: alone it is not the answer read
        verdicts = [r.verdict.value for r in results] + [c.verdict.value for c in chains if results]
        if "refuted" in verdicts:
            verdict = "refuted"
        elif any(v in ACCEPTED for v in verdicts):
            verdict = next(v for v in verdicts if v in ACCEPTED)
        else:
            verdict = verdicts[0] if verdicts else "not found"
        found.append(
            Outcome(
                answer=answer,
                read=any(r.claim.parsed for r in results),
                verdict=verdict,
                claims=tuple(f"{r.claim.text} → {r.verdict.value}" for r in results),
            )
        )
    return found


def run(only_class: str | None = None, only_problems: str | None = None) -> list[Outcome]:
    """Every answer's outcome (of one class only, or of the answer files checked against one
    problem file, if given), solving each problem file once."""
    files, answers = load_manifest()
    solved: dict[str, tuple[ProblemSet, SolutionSet]] = {}
    outcomes: list[Outcome] = []
    for name, spec in files.items():
        if only_problems is not None and spec["problems"] != only_problems:
            continue
        mine = [a for a in answers if a.file == name]
        if only_class is not None and not any(a.cls == only_class for a in mine):
            continue
        problems = spec["problems"]
        if problems not in solved:
            problem_set = load_problem_file(ROOT / problems)
            solved[problems] = (problem_set, solve_problem_set(problem_set))
        problem_set, solutions = solved[problems]
        report = check_answers(solutions, attribute(read_answers(CORPUS / name), problem_set))
        outcomes.extend(o for o in outcomes_of(mine, report) if only_class in (None, o.answer.cls))
    return outcomes


def per_class(outcomes: Iterable[Outcome]) -> dict[str, dict[str, int]]:
    """class → answers, read, right (verdict), wrong_accepted."""
    table: dict[str, dict[str, int]] = {}
    for outcome in outcomes:
        row = table.setdefault(
            outcome.answer.cls, {"answers": 0, "read": 0, "right": 0, "wrong_accepted": 0}
        )
        row["answers"] += 1
        row["read"] += outcome.read
        row["right"] += outcome.right_verdict
        row["wrong_accepted"] += outcome.wrong_accepted
    return dict(sorted(table.items()))


def print_table(table: dict[str, dict[str, int]]) -> None:
    def percent(part: int, whole: int) -> str:
        return f"{part / whole:6.1%}" if whole else "     -"

    print(f"{'class':<26} {'answers':>7} {'read':>11} {'right verdict':>14} {'wrong accepted':>15}")
    totals = {"answers": 0, "read": 0, "right": 0, "wrong_accepted": 0}
    for name, row in table.items():
        for key in totals:
            totals[key] += row[key]
        read = f"{row['read']:>4} {percent(row['read'], row['answers'])}"
        right = f"{row['right']:>7} {percent(row['right'], row['answers'])}"
        print(f"{name:<26} {row['answers']:>7} {read} {right} {row['wrong_accepted']:>15}")
    n = totals["answers"]
    print(
        f"{'total (' + str(len(table)) + ' classes)':<26} {n:>7} {totals['read']:>4} "
        f"{percent(totals['read'], n)} {totals['right']:>7} {percent(totals['right'], n)} "
        f"{totals['wrong_accepted']:>15}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--class", dest="cls", metavar="NAME", help="only this notation class")
    parser.add_argument("--show", action="store_true", help="print every answer's outcome")
    arguments = parser.parse_args()

    start = time.perf_counter()
    outcomes = run(arguments.cls)
    seconds = time.perf_counter() - start
    if not outcomes:
        parser.error(f"no answers of class {arguments.cls!r}")
    if arguments.show:
        for o in outcomes:
            mark = "WRONG ACCEPTED" if o.wrong_accepted else ("ok" if o.right_verdict else "--")
            read = "read" if o.read else "not read"
            print(
                f"{o.answer.where:<36} {o.answer.cls:<22} {o.answer.expect:<5} "
                f"{o.verdict:<17} {read:<8} {mark}  [{o.answer.target}]"
            )
            for claim in o.claims:
                print(f"{'':<38}{claim[:110]}")
        print()
    print_table(per_class(outcomes))
    print(f"({len(outcomes)} answers checked in {seconds:.1f} s)")
    accepted = [o for o in outcomes if o.wrong_accepted]
    for o in accepted:
        print(f"WRONG ANSWER ACCEPTED: {o.answer.where} [{o.answer.target}] {o.claims}")


if __name__ == "__main__":
    main()
