"""Cold-start wall time and peak memory of the worst hostile inputs, each in a fresh process.

    python benchmarks/hostile.py [--runs 3]

The README promises that every hostile input ends within 2 s and under 1 GB. The tests check
the outcome and the memory (tests/hostile/test_subprocess.py) but assert no durations, which a
loaded machine fails at random; this prints them instead: each case's median wall time over
``--runs`` runs, its peak resident memory, and the slowest case.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

from cases import Case, all_cases  # noqa: E402
from runner import assert_outcome, materialise, run_in_child  # noqa: E402

TARGET_SECONDS = 2.0


def measure(case: Case, runs: int) -> tuple[float, int]:
    """The median wall time of ``runs`` cold starts on this case, and the largest peak memory."""
    seconds: list[float] = []
    peak = 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            arguments = materialise(case, folder)
            started = time.perf_counter()
            outcome = run_in_child(arguments, folder)
            seconds.append(time.perf_counter() - started)
            assert_outcome(case, outcome, folder)
            peak = max(peak, outcome.peak_bytes or 0)
    return statistics.median(seconds), peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    results = {case.id: measure(case, arguments.runs) for case in all_cases() if case.subprocess}
    width = max(len(name) for name in results)
    print(f"{'case':<{width}}  median wall  peak memory")
    for name, (seconds, peak) in sorted(results.items(), key=lambda item: -item[1][0]):
        print(f"{name:<{width}}  {seconds:9.2f} s  {peak / 1024**2:8.0f} MB")
    slowest = max(results, key=lambda name: results[name][0])
    seconds = results[slowest][0]
    verdict = "within" if seconds < TARGET_SECONDS else "OVER"
    print(f"slowest: {slowest}, {seconds:.2f} s ({verdict} the {TARGET_SECONDS:g} s target)")


if __name__ == "__main__":
    main()
