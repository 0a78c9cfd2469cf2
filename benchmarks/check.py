"""Answer checks per second on the hand-written corpus (tests/data/corpus), on one core.

Solving is done once per problem file, before timing (``check`` reuses the same solutions for
every answer file). Each repetition then reads, attributes and checks every corpus file: q2_* files
against problems/q2.yaml, q3_* against problems/q3.yaml, and q1_to_q3.ipynb against all three.
The process is pinned to one CPU (and the proof workers it starts inherit that), with BLAS
threads limited to one. Every pass starts with SymPy's cache and the checker's compiled
expressions cleared, so a pass never reuses another's work; within a pass, students who share a
target share its compiled form, as they do in one ``grade`` run.

Prints the number of formulas read, of claims and of step chains, how many claims parse, the
answer checks per second (claims and chains, median over the repetitions, the first and cold
one shown apart), and the count of each verdict.

    python benchmarks/check.py
    python benchmarks/check.py --repeat 7
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from symderive.check.answers import read_answers  # noqa: E402
from symderive.check.attribution import attribute  # noqa: E402
from symderive.check.checker import check_answers  # noqa: E402
from symderive.check.equivalence import Verdict, clear_caches  # noqa: E402
from symderive.check.report import CheckReport  # noqa: E402
from symderive.problem import ProblemSet  # noqa: E402
from symderive.problemfile import load_problem_file  # noqa: E402
from symderive.solve import SolutionSet, solve_problem_set  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus"
PROBLEMS = {name: ROOT / "problems" / f"{name}.yaml" for name in ("q1", "q2", "q3")}


def pin_to_one_core() -> str:
    """Pin this process to one CPU where the OS allows it; says which, or why not."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity here)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def corpus_jobs() -> list[tuple[Path, str]]:
    """(answer file, problem file name) for every check the corpus makes."""
    jobs: list[tuple[Path, str]] = []
    for path in sorted(CORPUS.iterdir()):
        if path.suffix not in (".md", ".ipynb"):
            continue
        if path.name.startswith(("q2_", "q3_")):
            jobs.append((path, path.name[:2]))
        elif path.name.startswith("q1_to_q3"):
            jobs.extend((path, name) for name in PROBLEMS)
    return jobs


def check_all(
    jobs: list[tuple[Path, str]], solved: dict[str, tuple[ProblemSet, SolutionSet]]
) -> list[CheckReport]:
    reports = []
    for path, problems in jobs:
        problem_set, solutions = solved[problems]
        reports.append(check_answers(solutions, attribute(read_answers(path), problem_set)))
    return reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed repetitions (default 5)")
    arguments = parser.parse_args()

    pinned = pin_to_one_core()
    jobs = corpus_jobs()
    start = time.perf_counter()
    solved = {}
    for name, path in PROBLEMS.items():
        problem_set = load_problem_file(path)
        solved[name] = (problem_set, solve_problem_set(problem_set))
    solve_seconds = time.perf_counter() - start

    times = []
    reports: list[CheckReport] = []
    for _ in range(max(1, arguments.repeat)):
        clear_caches()  # every pass cold: no pass reuses another's work
        start = time.perf_counter()
        reports = check_all(jobs, solved)
        times.append(time.perf_counter() - start)

    files = len({path for path, _ in jobs})
    formulas = sum(report.answers.formulas for report in reports)
    claims = [result for report in reports for result in report.results]
    chains = [chain for report in reports for chain in report.chains]
    parsed = sum(result.claim.parsed for result in claims)
    checks = len(claims) + len(chains)
    verdicts: Counter[Verdict] = Counter()
    for report in reports:
        verdicts.update(report.counts())
    median = statistics.median(times)
    warm = statistics.median(times[1:]) if len(times) > 1 else median

    print(f"symderive check on the corpus: {files} answer files, {len(jobs)} checks of a file")
    print(f"  {pinned}; solving the 3 problem files once: {solve_seconds:.2f} s (not timed below)")
    print(f"  formulas read        {formulas}")
    print(f"  claims               {len(claims)}   (+ {len(chains)} step chains)")
    print(f"  claims that parse    {parsed} of {len(claims)} ({parsed / len(claims):.1%})")
    print(
        f"  read+attribute+check {median:.2f} s per pass, median of {len(times)} "
        f"(first, cold: {times[0]:.2f} s; others: {warm:.2f} s)"
    )
    print(f"  answer checks/s      {checks / median:.1f}   (claims and chains, median pass)")
    print(f"  claims/s             {len(claims) / median:.1f}")
    print("  verdicts (claims and chains; missing = derivatives no claim answers):")
    for verdict in Verdict:
        print(f"    {verdict.value:<18} {verdicts[verdict]}")


if __name__ == "__main__":
    main()
