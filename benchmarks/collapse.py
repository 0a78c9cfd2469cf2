"""The linear-collapse proof and numeric check, timed for 10, 100 and 1,000 layers.

Prints one row per depth: the time of the verified proof (two-layer output, base case, opaque
inductive step, identities and closed form for N = 1..5), of the numeric check (random 4 × 4
layers, the closed form from suffix products against the network layer by layer), of the whole
``solve_linear_collapse``, and the largest difference found. The target is the whole solve in
at most 1 s at 1,000 layers. A second table times the nonlinear counterexamples at 1,000 layers.

    python benchmarks/collapse.py
    python benchmarks/collapse.py --repeat 5
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sympy
from sympy.core.cache import clear_cache

from symderive.activation_names import NONLINEAR
from symderive.derive.collapse import prove, solve_linear_collapse
from symderive.derive.collapse_numeric import numeric_instance
from symderive.derive.counterexample import counterexample
from symderive.errors import SourceLocation
from symderive.problem import LinearCollapseProblem

DEPTHS = (10, 100, 1000)
WIDTH = 4
TARGET_SECONDS = 1.0
SEED = 1


def best_time(operation: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, each with SymPy's cache cleared (a cold start)."""
    best = float("inf")
    for _ in range(repeat):
        clear_cache()
        start = time.perf_counter()
        operation()
        best = min(best, time.perf_counter() - start)
    return best


def problem(layers: int, activation: str = "identity") -> LinearCollapseProblem:
    return LinearCollapseProblem(
        id="bench",
        kind="linear-collapse",
        statement=None,
        layers=layers,
        activation=activation,
        slope=None,
        dims=None,
        scalar=False,
        seed=SEED,
        points=None,
        location=SourceLocation(),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best kept)")
    arguments = parser.parse_args()
    repeat = max(1, arguments.repeat)
    one = sympy.Integer(1)
    print(f"linear-collapse, random {WIDTH}×{WIDTH} layers, best of {repeat} (seconds)")
    header = (
        f"{'layers':>8} {'proof':>9} {'numeric':>9} {'solve':>9} {'max |diff|':>12} {'target':>8}"
    )
    print(header)
    print("-" * len(header))
    slowest = 0.0
    for depth in DEPTHS:
        proof_time = best_time(lambda depth=depth: prove(one, scalar=False, layers=depth), repeat)
        dims = (WIDTH,) * (depth + 1)
        numeric_time = best_time(lambda dims=dims: numeric_instance(dims, one, SEED), repeat)
        solve_time = best_time(lambda depth=depth: solve_linear_collapse(problem(depth)), repeat)
        difference = numeric_instance(dims, one, SEED).max_abs_difference
        verdict = "ok" if solve_time <= TARGET_SECONDS else "SLOW"
        slowest = max(slowest, solve_time)
        print(
            f"{depth:>8} {proof_time:>9.4f} {numeric_time:>9.4f} {solve_time:>9.4f} "
            f"{difference:>12.3g} {verdict:>8}"
        )
    print()
    print("nonlinear counterexamples at 1,000 layers (interval arithmetic or exact rationals)")
    for activation in NONLINEAR:
        seconds = best_time(lambda a=activation: counterexample(a, sympy.Rational(1, 100), 1000), 1)
        example = counterexample(activation, sympy.Rational(1, 100), 1000)
        digits = "exact" if example.exact else f"{example.digits} digits"
        print(f"{activation:>12} {seconds:>9.4f}  ({digits})")
    sys.exit(0 if slowest <= TARGET_SECONDS else 1)


if __name__ == "__main__":
    main()
