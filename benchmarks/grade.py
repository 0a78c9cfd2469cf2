"""Throughput of ``symderive grade`` on a synthetic class: --jobs 1 vs --jobs 2, cold vs warm cache.

Writes a seeded synthetic class (benchmarks/synthetic_class.py) into a temporary folder, then
grades it four times against problems/q2.yaml and problems/q3.yaml, each run timed as a whole
(loading and solving the problems included, writing the reports not):

1. --jobs 1, no cache      2. --jobs 2, no cache
3. --jobs 2, cold cache    4. --jobs 2, warm cache (the same run again)

and prints a table of answer checks per second (claims and chains judged, whether checked or
served by the cache), the speed-up of --jobs 2 over --jobs 1, and the cache's effect.

    python benchmarks/grade.py                 # 200 students × 10 answers, about 15 seconds
    python benchmarks/grade.py --full          # 500 students × 10 answers
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic_class import write_class  # noqa: E402

from symderive.grade.classroom import ClassGrades, grade_class  # noqa: E402

PROBLEMS = [ROOT / "problems" / "q2.yaml", ROOT / "problems" / "q3.yaml"]
TIME_LIMIT = 300.0


def _judged(grades: ClassGrades) -> int:
    return sum(
        len(result.checked.claims) + len(result.checked.chains)
        for result in grades.results
        if result.checked is not None
    )


def _timed(folder: Path, jobs: int, cache: Path | None) -> tuple[float, ClassGrades]:
    started = time.perf_counter()
    grades = grade_class([*PROBLEMS, folder], jobs=jobs, time_limit=TIME_LIMIT, cache_folder=cache)
    return time.perf_counter() - started, grades


def measure(quick: bool = False, students: int | None = None, seed: int = 1) -> dict[str, float]:
    """--jobs 1 and --jobs 2 without a cache, on the same class: for benchmarks/table.py."""
    count = students or (30 if quick else 200)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "class"
        write_class(folder, count, seed)
        one, graded = _timed(folder, 1, None)
        two, _ = _timed(folder, 2, None)
    return {
        "submissions": count,
        "checks": _judged(graded),
        "jobs1_seconds": one,
        "jobs2_seconds": two,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--full", action="store_true", help="500 students × 10 answers")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    students = 500 if arguments.full else arguments.students
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "class"
        answers = write_class(folder, students, arguments.seed)
        cache = Path(scratch) / "cache"
        runs = [
            ("--jobs 1, no cache", 1, None),
            ("--jobs 2, no cache", 2, None),
            ("--jobs 2, cold cache", 2, cache),
            ("--jobs 2, warm cache", 2, cache),
        ]
        print(f"{students} synthetic students, {answers} answers stated, CPUs: {os.cpu_count()}")
        print(f"{'run':<24}{'seconds':>10}{'checks':>9}{'checks/s':>10}{'cache hits':>12}")
        seconds: dict[str, float] = {}
        for label, jobs, cache_folder in runs:
            elapsed, grades = _timed(folder, jobs, cache_folder)
            judged = _judged(grades)
            seconds[label] = elapsed
            hits = grades.summary.cache_hits
            looked_up = hits + grades.summary.cache_misses
            shown_hits = f"{hits}/{looked_up}" if cache_folder is not None else "—"
            errors = len(grades.summary.errors)
            note = f"  ({errors} not graded)" if errors else ""
            print(
                f"{label:<24}{elapsed:>10.2f}{judged:>9}{judged / elapsed:>10.1f}"
                f"{shown_hits:>12}{note}"
            )
        speed_up = seconds["--jobs 1, no cache"] / seconds["--jobs 2, no cache"]
        cold = seconds["--jobs 2, cold cache"]
        warm = seconds["--jobs 2, warm cache"]
        uncached = seconds["--jobs 2, no cache"]
        print(f"speed-up of --jobs 2 over --jobs 1: {speed_up:.2f}×")
        print(
            f"cold cache vs no cache (identical answers across the class): {uncached / cold:.2f}×"
        )
        print(f"warm cache vs cold cache (a rerun): {cold / warm:.2f}×")


if __name__ == "__main__":
    main()
