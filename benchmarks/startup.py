"""Start-up and end-to-end wall time, side by side with importing SymPy alone.

    python benchmarks/startup.py [--runs 15]

Prints the median (and min/max) wall time of each command over the same number of runs,
interleaved so that machine noise hits every command alike, and the ratio to ``import sympy``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _symderive() -> list[str]:
    found = shutil.which("symderive")
    return [found] if found else [sys.executable, "-m", "symderive"]


def _commands() -> dict[str, list[str]]:
    return {
        'python -c "import sympy"': [sys.executable, "-c", "import sympy"],
        "symderive --help": [*_symderive(), "--help"],
        "symderive solve problems/q3.yaml": [*_symderive(), "solve", "problems/q3.yaml"],
    }


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    arguments = parser.parse_args()
    commands = _commands()
    timings: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():  # warm the file cache once
        _time(command)
    for _ in range(arguments.runs):
        for name, command in commands.items():
            timings[name].append(_time(command))
    baseline = statistics.median(timings['python -c "import sympy"'])
    print(f"{arguments.runs} runs each, interleaved; wall time in seconds")
    print(f"{'command':<36} {'median':>8} {'min':>8} {'max':>8} {'÷ import sympy':>15}")
    for name, values in timings.items():
        median = statistics.median(values)
        print(
            f"{name:<36} {median:>8.3f} {min(values):>8.3f} {max(values):>8.3f} "
            f"{median / baseline:>14.2f}x"
        )


if __name__ == "__main__":
    main()
