"""Every benchmark of issue 7 in one run, one table: each figure beside its baseline and target.

    python benchmarks/table.py            # the full sizes (about 3 minutes on 2 cores)
    python benchmarks/table.py --quick    # smaller sizes, to try the script (under a minute)

Rows: (a) start-up against ``import sympy``; (b) the gradient of a 1,000-parameter tanh MLP
against per-variable ``sympy.diff`` and SymEngine; (c) answer checks per second on one core on
the hand-written corpus; (d) linear collapse at 10, 100 and 1,000 layers; (e) grading with two
jobs against one. Each row's figures are measured in this run, side by side; the scripts beside
this one (startup.py, gradient.py, check.py, collapse.py, grade.py) show each in more detail.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

Row = tuple[str, str, str, str, str, bool]
"""(#, measure, figure, compared with, target, met)."""


def startup(runs: int) -> list[Row]:
    import startup as bench

    commands = bench._commands()
    timings: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():
        bench._time(command)  # warm the file cache
    for _ in range(runs):
        for name, command in commands.items():
            timings[name].append(bench._time(command))
    medians = {name: statistics.median(values) for name, values in timings.items()}
    baseline = medians['python -c "import sympy"']
    return [
        (
            "a",
            name,
            f"{seconds:.3f} s",
            f"import sympy {baseline:.3f} s ({seconds / baseline:.2f}×)",
            "— (--help must not import SymPy)" if "help" in name else "—",
            "help" not in name or seconds < baseline,
        )
        for name, seconds in medians.items()
        if "import sympy" not in name
    ]


def gradient(quick: bool) -> list[Row]:
    import gradient as bench
    import sympy
    from sympy.core.cache import clear_cache

    from symderive.derive.backprop import gradient as sweep
    from symderive.derive.graph import build_graph

    layers = [4, 8, 8, 1] if quick else [4, 30, 28, 1]
    loss, parameters = bench.mlp_loss(layers, random.Random(bench.SEED))
    clear_cache()
    start = time.perf_counter()
    sweep(build_graph(loss, output_name="L"))
    ours = time.perf_counter() - start
    diff, _, extrapolated, _ = bench.time_per_variable(
        lambda parameter: sympy.diff(loss, parameter), parameters
    )
    how = " (extrapolated)" if extrapolated else ""
    rows: list[Row] = [
        (
            "b",
            f"gradient, {len(parameters):,} parameters",
            f"{ours:.2f} s",
            f"sympy.diff per parameter {diff:.1f} s{how}: {diff / ours:.0f}× slower",
            "≥ 100×",
            diff / ours >= 100,
        )
    ]
    try:
        import symengine
    except ImportError:
        rows.append(("b", "", "", "SymEngine not installed: not timed", "faster", False))
        return rows
    start = time.perf_counter()
    converted = symengine.sympify(loss)
    conversion = time.perf_counter() - start
    back, _, extrapolated, _ = bench.time_per_variable(
        lambda p: sympy.sympify(converted.diff(symengine.Symbol(p.name))), parameters
    )
    only, _, _, _ = bench.time_per_variable(
        lambda p: converted.diff(symengine.Symbol(p.name)), parameters
    )
    how = " (extrapolated)" if extrapolated else ""
    rows.append(
        (
            "b",
            "",
            "",
            f"SymEngine per parameter, conversions included {conversion + back:.2f} s{how}: "
            f"{(conversion + back) / ours:.1f}×",
            "faster",
            conversion + back > ours,
        )
    )
    rows.append(
        (
            "b",
            "",
            "",
            f"SymEngine diff alone, no conversion back {conversion + only:.2f} s: "
            f"{(conversion + only) / ours:.2f}×",
            "faster",
            conversion + only > ours,
        )
    )
    return rows


def checks(repeat: int) -> list[Row]:
    command = [sys.executable, str(HERE / "check.py"), "--repeat", str(repeat)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = next(float(line.split()[2]) for line in output.splitlines() if "answer checks/s" in line)
    parsed = next(line.split(None, 3)[3] for line in output.splitlines() if "claims that" in line)
    return [
        (
            "c",
            "answer checks per second, one core",
            f"{rate:.0f}/s",
            f"hand-written corpus, cold caches; {parsed} parse",
            "≥ 200/s",
            rate >= 200,
        )
    ]


def collapse(repeat: int) -> list[Row]:
    import collapse as bench

    from symderive.derive.collapse import solve_linear_collapse

    rows: list[Row] = []
    for depth in bench.DEPTHS:
        seconds = bench.best_time(lambda d=depth: solve_linear_collapse(bench.problem(d)), repeat)
        rows.append(
            (
                "d",
                f"linear collapse, N = {depth:,}",
                f"{seconds:.3f} s",
                "—",
                "≤ 1 s at N = 1,000" if depth == 1000 else "—",
                seconds <= bench.TARGET_SECONDS,
            )
        )
    return rows


def grading(quick: bool) -> list[Row]:
    """Row (e), from benchmarks/grade.py's own measurement (jobs 1 and 2, side by side)."""
    try:
        import grade as bench
    except ImportError:
        return [("e", "grading", "", "benchmarks/grade.py is missing", "≥ 1.7×", False)]
    figures = bench.measure(quick=quick)
    one, two = figures["jobs1_seconds"], figures["jobs2_seconds"]
    return [
        (
            "e",
            f"grading {figures['submissions']} submissions, --jobs 2",
            f"{two:.1f} s",
            f"--jobs 1 {one:.1f} s: {one / two:.2f}× faster",
            "≥ 1.7×",
            one / two >= 1.7,
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    arguments = parser.parse_args()
    os.chdir(HERE.parent)
    sections: list[Callable[[], list[Row]]] = [
        lambda: startup(3 if arguments.quick else 11),
        lambda: gradient(arguments.quick),
        lambda: checks(2 if arguments.quick else 5),
        lambda: collapse(1 if arguments.quick else 3),
        lambda: grading(arguments.quick),
    ]
    rows = [row for section in sections for row in section()]
    headers = ("#", "measure", "figure", "compared with (same run)", "target", "met")
    table = [headers, *((*row[:5], "yes" if row[5] else "NO") for row in rows)]
    widths = [max(len(line[column]) for line in table) for column in range(len(headers))]
    for index, line in enumerate(table):
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))
        if index == 0:
            print("  ".join("-" * width for width in widths))


if __name__ == "__main__":
    main()
